// When to offer "Resume" instead of "Play": the position must be worth returning to. The bounds are
// shares of the runtime whatever its length, so a three-minute short offers Resume as a film does.
import type { UserData } from '../../shared/api';

/** Before this share of the runtime, starting over costs nothing. */
export const MIN_RESUME_FRACTION = 0.05;
/** Past this share the credits are rolling: the title counts as watched, so start over instead. */
export const MAX_RESUME_FRACTION = 0.9;

export function resumePosition(userData: UserData | null | undefined, runtimeSeconds: number | null): number | null {
  if (!userData || userData.played) return null;
  const position = userData.positionSeconds;
  if (!Number.isFinite(position) || position <= 0) return null;
  // Without a runtime the share cannot be told: any real position is worth offering.
  if (!runtimeSeconds || runtimeSeconds <= 0) return position >= 1 ? position : null;
  if (position < runtimeSeconds * MIN_RESUME_FRACTION) return null;
  if (position >= runtimeSeconds * MAX_RESUME_FRACTION) return null;
  return position;
}
