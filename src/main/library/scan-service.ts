// Runs scans: phase one then the probe phase, one scan per library at a time, cancellable, reporting progress with an ETA.
import type { ProbeTools } from '../media-tools/tools';
import type { ScanProgress } from '../../shared/api';
import type { LibraryStore } from '../db/library-store';
import { newId } from '../db/ids';
import { LibraryScan, type PhaseOneSummary } from './scanner';
import { Prober, type ProbeRunSummary } from './prober';
import { ArtworkWorker } from './artwork';
import type { SegmentPhase, SegmentRunSummary } from '../segments/segment-phase';

export interface ScanRequest {
  libraryId: string;
  probe?: boolean;
  full?: boolean;
  only?: { rootId: string; relDir: string }[];
  /** Phase three (intros and credits); on by default when the service has a segment phase. */
  segments?: boolean;
}

/** Online metadata, looked up after the probe phase (src/main/metadata); progress in the `metadata` phase. */
export interface MetadataPhase {
  /** Phase one is committed: its new titles can say at once that they wait for metadata. */
  prepare?(libraryId: string): void;
  run(opts: { libraryId: string; signal: AbortSignal; onProgress: (done: number, total: number) => void }): Promise<unknown>;
}

export interface ScanOutcome {
  scanId: string;
  phaseOne: PhaseOneSummary;
  probe: ProbeRunSummary | null;
  segments: SegmentRunSummary | null;
  seconds: number;
}

interface RunningScan {
  scanId: string;
  controller: AbortController;
  done: Promise<ScanOutcome>;
  phaseOne: Promise<void>;
}

export class ScanService {
  private readonly running = new Map<string, RunningScan>();
  readonly prober: Prober;
  /** Phase three, when whoever runs scans has ffmpeg for it. */
  segments: SegmentPhase | null = null;

  constructor(
    private readonly store: LibraryStore,
    /** ffprobe, or ffprobe and the ffmpeg that reads what ffprobe crashes on. */
    tools: string | ProbeTools,
    private readonly artwork: ArtworkWorker | null,
    private readonly emit: (p: ScanProgress) => void = () => {},
    private readonly metadata: MetadataPhase | null = null,
  ) {
    this.prober = new Prober(store, tools);
  }

  isScanning(libraryId: string): boolean {
    return this.running.has(libraryId);
  }

  /**
   * Starts a scan, or returns the one already running for that library. `phaseOne` resolves when its
   * catalogue is committed (every title browsable), or when the scan ended without getting there.
   */
  start(req: ScanRequest): { scanId: string; done: Promise<ScanOutcome>; phaseOne: Promise<void> } {
    const current = this.running.get(req.libraryId);
    if (current) return { scanId: current.scanId, done: current.done, phaseOne: current.phaseOne };
    const scanId = newId();
    const controller = new AbortController();
    let phaseOneDone = (): void => {};
    const phaseOne = new Promise<void>((resolve) => (phaseOneDone = resolve));
    const done = this.execute(scanId, req, controller.signal, phaseOneDone).finally(() => {
      phaseOneDone();
      this.running.delete(req.libraryId);
    });
    this.running.set(req.libraryId, { scanId, controller, done, phaseOne });
    return { scanId, done, phaseOne };
  }

  cancel(libraryId: string): boolean {
    const current = this.running.get(libraryId);
    if (!current) return false;
    current.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const r of this.running.values()) r.controller.abort();
  }

  async whenIdle(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  private async execute(scanId: string, req: ScanRequest, signal: AbortSignal, phaseOneDone: () => void): Promise<ScanOutcome> {
    const started = Date.now();
    let last: ScanProgress | null = null;
    const emit = (p: ScanProgress): void => {
      last = p;
      this.emit(p);
    };
    const phaseOne = await new LibraryScan(this.store, req.libraryId, {
      scanId,
      signal,
      ...(req.full ? { full: true } : {}),
      ...(req.only ? { only: req.only } : {}),
      onProgress: emit,
    }).run();
    this.metadata?.prepare?.(req.libraryId);
    phaseOneDone();
    let probe: ProbeRunSummary | null = null;
    const base = (): ScanProgress => ({
      scanId,
      libraryId: req.libraryId,
      phase: 'probing',
      found: phaseOne.found,
      identified: phaseOne.found,
      probed: 0,
      toProbe: 0,
      failed: phaseOne.failed,
      added: phaseOne.added,
      updated: phaseOne.updated + phaseOne.moved,
      removed: phaseOne.removed,
      etaSeconds: null,
      message: null,
    });
    if (req.probe !== false && !phaseOne.cancelled) {
      const probeStart = Date.now();
      probe = await this.prober.run({
        libraryId: req.libraryId,
        signal,
        onProgress: (done, total, failed) => {
          const elapsed = (Date.now() - probeStart) / 1000;
          const eta = done > 0 ? Math.round((elapsed / done) * (total - done)) : null;
          emit({ ...base(), probed: done, toProbe: total, failed: phaseOne.failed + failed, etaSeconds: eta });
        },
      });
      if (this.artwork && !signal.aborted) await this.artwork.run(signal);
    }
    if (this.metadata && !phaseOne.cancelled && probe?.cancelled !== true && !signal.aborted) {
      await this.metadata.run({
        libraryId: req.libraryId,
        signal,
        onProgress: (done, total) =>
          emit({ ...base(), phase: 'metadata', probed: probe?.probed ?? 0, toProbe: (probe?.probed ?? 0) + (probe?.failed ?? 0), metadataDone: done, metadataTotal: total, etaSeconds: null }),
      });
    }
    const segments = this.segments && probe && req.segments !== false && !signal.aborted
      ? await this.segments.run({ libraryId: req.libraryId, signal, onProgress: (done, total) => emit({ ...base(), phase: 'segments', probed: probe.probed, toProbe: probe.probed + probe.failed, etaSeconds: null, segments: { done, total } }) })
      : null;
    const cancelled = phaseOne.cancelled || probe?.cancelled === true || segments?.cancelled === true;
    const final: ScanProgress = {
      ...(last ?? base()),
      ...base(),
      phase: cancelled ? 'cancelled' : 'done',
      probed: probe?.probed ?? 0,
      toProbe: (probe?.probed ?? 0) + (probe?.failed ?? 0),
      failed: phaseOne.failed + (probe?.failed ?? 0),
      etaSeconds: 0,
    };
    emit(final);
    return { scanId, phaseOne, probe, segments, seconds: (Date.now() - started) / 1000 };
  }
}
