// The segments tables (migration 4): what analysis found and what users marked, and which files each
// season or film was last analysed with. An analysis replaces only analysed rows; `user` rows stay.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Db } from '../db/open';
import type { MediaSegment } from '../../shared/api';
import type { ChapterLike } from './chapter-rules';
import type { EpisodeInput } from './analyse-group';
import type { FoundSegment, SegmentKind, SegmentSource } from './types';

/** Bumped when the rule changes, so every group is analysed again with the new one. */
export const ANALYSIS_VERSION = 1;

/** The one segment of a kind that is shown: what a person marked beats a chapter, beats analysis. */
const SOURCE_ORDER: readonly SegmentSource[] = ['user', 'chapter', 'fingerprint', 'black-frames'];
const rank = (source: SegmentSource): number => SOURCE_ORDER.indexOf(source);

export interface SegmentGroup {
  /** The season's item id, or the film's. */
  id: string;
  kind: 'season' | 'film';
  /** Files still waiting for their probe: the group is analysed at a later scan. */
  pending: number;
  members: (EpisodeInput & { fileId: string })[];
  signature: string;
}

interface MemberRow {
  group_id: string;
  item_id: string;
  file_id: string;
  rel_path: string;
  root_path: string;
  size: number;
  mtime_ms: number;
  duration: number | null;
  probe_state: 'pending' | 'ok' | 'failed';
  has_audio: number;
}

export class SegmentStore {
  constructor(private readonly db: Db) {}

  /** Every season with episodes on disk and every film of a library, on roots that are online. */
  groups(libraryId: string): SegmentGroup[] {
    const rows = this.db
      .prepare<{ lib: string }, MemberRow & { group_kind: 'season' | 'film' }>(
        `SELECT g.id AS group_id, CASE WHEN g.kind = 'season' THEN 'season' ELSE 'film' END AS group_kind,
                m.id AS item_id, f.id AS file_id, f.rel_path, r.path AS root_path, f.size, f.mtime_ms, f.duration, f.probe_state,
                EXISTS (SELECT 1 FROM streams st WHERE st.file_id = f.id AND st.type = 'audio' AND st.is_external = 0) AS has_audio
         FROM items g
         JOIN items m ON (g.kind = 'season' AND m.parent_id = g.id AND m.kind = 'episode') OR (g.kind = 'movie' AND m.id = g.id)
         JOIN files f ON f.item_id = m.id AND f.missing_since IS NULL
         JOIN library_roots r ON r.id = f.root_id AND r.online = 1
         WHERE g.library_id = @lib AND g.kind IN ('season', 'movie') AND g.missing_since IS NULL AND m.missing_since IS NULL
         ORDER BY g.kind DESC, g.sort_key, g.id, m.episode_number, m.sort_key, m.id, COALESCE(f.part, 0), f.rel_path`,
      )
      .all({ lib: libraryId });
    const byGroup = new Map<string, { kind: 'season' | 'film'; rows: MemberRow[] }>();
    const seenItem = new Set<string>();
    for (const r of rows) {
      // One file per episode or film: its first part, or its first version.
      if (seenItem.has(r.item_id)) continue;
      seenItem.add(r.item_id);
      const g = byGroup.get(r.group_id) ?? { kind: r.group_kind, rows: [] };
      g.rows.push(r);
      byGroup.set(r.group_id, g);
    }
    return [...byGroup.entries()].map(([id, g]) => {
      const hash = createHash('sha1').update(`v${ANALYSIS_VERSION}`);
      for (const r of g.rows) hash.update(`|${r.item_id}:${r.file_id}:${r.size}:${Math.round(r.mtime_ms)}:${r.duration ?? ''}:${r.probe_state}`);
      return {
        id,
        kind: g.kind,
        pending: g.rows.filter((r) => r.probe_state === 'pending').length,
        signature: hash.digest('hex'),
        members: g.rows.map((r) => ({
          itemId: r.item_id,
          fileId: r.file_id,
          label: r.rel_path,
          path: join(r.root_path, r.rel_path),
          durationSeconds: r.probe_state === 'ok' ? r.duration : null,
          hasAudio: r.probe_state === 'ok' && r.has_audio === 1,
          // Read only for a group that is analysed (withChapters): an unchanged library costs one query.
          chapters: [],
        })),
      };
    });
  }

  /** The group with its members' chapters, for analysis. */
  withChapters(group: SegmentGroup): SegmentGroup {
    const chapters = this.db.prepare<[string], ChapterLike>('SELECT start, end, title FROM chapters WHERE file_id = ? ORDER BY idx');
    return { ...group, members: group.members.map((m) => ({ ...m, chapters: m.durationSeconds !== null ? chapters.all(m.fileId) : [] })) };
  }

  /** The signature each group was last analysed with. */
  analysedSignatures(): Map<string, string> {
    const rows = this.db.prepare<[], { group_id: string; signature: string }>('SELECT group_id, signature FROM segment_analyses').all();
    return new Map(rows.map((r) => [r.group_id, r.signature]));
  }

  /** Replaces the analysed segments of a group's items and remembers the files it was analysed with. */
  saveAnalysis(group: SegmentGroup, found: Map<string, FoundSegment[]>, notes: string[]): { intros: number; credits: number } {
    const now = new Date().toISOString();
    const clear = this.db.prepare("DELETE FROM media_segments WHERE item_id = ? AND source <> 'user'");
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO media_segments (item_id, kind, source, start_seconds, end_seconds, confidence, updated_at)
       VALUES (@item, @kind, @source, @start, @end, @confidence, @now)`,
    );
    let intros = 0;
    let credits = 0;
    this.db.transaction(() => {
      for (const m of group.members) {
        clear.run(m.itemId);
        for (const s of found.get(m.itemId) ?? []) {
          if (s.source === 'user') continue;
          insert.run({ item: m.itemId, kind: s.kind, source: s.source, start: s.startSeconds, end: s.endSeconds, confidence: s.confidence, now });
          if (s.kind === 'intro') intros++;
          if (s.kind === 'credits') credits++;
        }
      }
      this.db
        .prepare(
          `INSERT INTO segment_analyses (group_id, signature, analysed_at, episodes, intros, credits, notes) VALUES (@id, @sig, @now, @episodes, @intros, @credits, @notes)
           ON CONFLICT (group_id) DO UPDATE SET signature = excluded.signature, analysed_at = excluded.analysed_at,
             episodes = excluded.episodes, intros = excluded.intros, credits = excluded.credits, notes = excluded.notes`,
        )
        .run({ id: group.id, sig: group.signature, now, episodes: group.members.length, intros, credits, notes: JSON.stringify(notes) });
    })();
    return { intros, credits };
  }

  /** An item's segments as clients see them: one per kind, the best source, in time order. */
  segmentsOf(itemId: string): MediaSegment[] {
    const rows = this.db
      .prepare<[string], { kind: SegmentKind; source: SegmentSource; start_seconds: number; end_seconds: number }>(
        'SELECT kind, source, start_seconds, end_seconds FROM media_segments WHERE item_id = ?',
      )
      .all(itemId);
    const best = new Map<SegmentKind, (typeof rows)[number]>();
    for (const r of rows) {
      const held = best.get(r.kind);
      if (!held || rank(r.source) < rank(held.source)) best.set(r.kind, r);
    }
    return [...best.values()]
      .map((r) => ({ kind: r.kind, startSeconds: r.start_seconds, endSeconds: r.end_seconds, source: r.source }))
      .sort((a, b) => a.startSeconds - b.startSeconds);
  }

  /** Someone marked or corrected a segment from the player: kept across every rescan. */
  setUserSegment(itemId: string, kind: SegmentKind, startSeconds: number, endSeconds: number): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO media_segments (item_id, kind, source, start_seconds, end_seconds, confidence, updated_at)
         VALUES (?, ?, 'user', ?, ?, 1, ?)`,
      )
      .run(itemId, kind, startSeconds, endSeconds, new Date().toISOString());
  }

  /** Removes a user's mark; the analysed segment (if any) shows again. */
  clearUserSegment(itemId: string, kind: SegmentKind): boolean {
    return this.db.prepare("DELETE FROM media_segments WHERE item_id = ? AND kind = ? AND source = 'user'").run(itemId, kind).changes > 0;
  }

  /** Kind and duration of the item, to check a user's mark against; null when it has no playable file. */
  markable(itemId: string): { kind: string; durationSeconds: number | null } | null {
    const row = this.db
      .prepare<[string], { kind: string; duration: number | null }>(
        `SELECT i.kind, (SELECT MAX(f.duration) FROM files f WHERE f.item_id = i.id AND f.missing_since IS NULL) AS duration
         FROM items i WHERE i.id = ?`,
      )
      .get(itemId);
    return row ? { kind: row.kind, durationSeconds: row.duration } : null;
  }
}
