// Why playback stopped, as the engine reports it: the kind decides whether another play method is worth a try.
/**
 * decode: the browser could not decode what it was given (another play method may cure it);
 * network: the stream stopped loading; other: anything else.
 */
export type FailureKind = 'decode' | 'network' | 'other';

export class PlaybackFailure extends Error {
  override readonly name = 'PlaybackFailure';

  constructor(
    message: string,
    readonly kind: FailureKind,
    /** Where playback was when it failed (the second a fallback resumes at); null when not known. */
    readonly atSeconds: number | null = null,
  ) {
    super(message);
  }

  /** Kept for callers of the first version: a decode failure. */
  get unsupported(): boolean {
    return this.kind === 'decode';
  }
}
