// Phase three of a scan: find intros and credits, one season (or film) at a time, at the lowest priority.
// A group whose files are unchanged since its last analysis is skipped without decoding anything; a new
// episode changes its season's signature, so only that season is analysed again.
import { analyseFilm, analyseSeason } from './analyse-group';
import { SegmentStore, type SegmentGroup } from './store';
import type { Db } from '../db/open';

export interface SegmentRunSummary {
  /** Seasons analysed in this run (unchanged ones are not counted). */
  seasons: number;
  /** Episodes in them. */
  episodes: number;
  films: number;
  intros: number;
  credits: number;
  /** Seasons and films skipped because nothing changed since their analysis. */
  unchanged: number;
  cancelled: boolean;
}

export interface SegmentRunOptions {
  libraryId: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export class SegmentPhase {
  readonly store: SegmentStore;

  constructor(
    db: Db,
    private readonly ffmpeg: string,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.store = new SegmentStore(db);
  }

  async run(opts: SegmentRunOptions): Promise<SegmentRunSummary> {
    const summary: SegmentRunSummary = { seasons: 0, episodes: 0, films: 0, intros: 0, credits: 0, unchanged: 0, cancelled: false };
    const due: SegmentGroup[] = [];
    const analysed = this.store.analysedSignatures();
    for (const g of this.store.groups(opts.libraryId)) {
      // Waiting for probes: analysed at a later scan, when their durations and streams are known.
      if (g.pending > 0) continue;
      if (analysed.get(g.id) === g.signature) summary.unchanged++;
      else due.push(g);
    }
    opts.onProgress?.(0, due.length);
    for (const [i, pending] of due.entries()) {
      if (opts.signal?.aborted) {
        summary.cancelled = true;
        break;
      }
      const group = this.store.withChapters(pending);
      try {
        const deps = { ffmpeg: this.ffmpeg, ...(opts.signal ? { signal: opts.signal } : {}) };
        const result = group.kind === 'season' ? await analyseSeason(group.members, deps) : await analyseFilm(group.members[0]!, deps);
        const counts = this.store.saveAnalysis(group, result.segments, result.notes);
        for (const note of result.notes) this.log(`segments: ${note}`);
        if (group.kind === 'season') {
          summary.seasons++;
          summary.episodes += group.members.length;
        } else summary.films++;
        summary.intros += counts.intros;
        summary.credits += counts.credits;
      } catch (e) {
        if (opts.signal?.aborted) {
          summary.cancelled = true;
          break;
        }
        // Not cached: the next scan tries this group again.
        this.log(`segments: ${group.members[0]?.label ?? group.id}…: analysis failed (${(e as Error).message})`);
      }
      opts.onProgress?.(i + 1, due.length);
      // Between groups, give way to whatever else the server is doing.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return summary;
  }
}
