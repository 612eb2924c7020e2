// Fragmented-MP4 surgery on what ffmpeg's segment muxer writes: split the header (ftyp+moov) off a job's
// first segment to serve as init.mp4, read each track's timescale, and move every fragment's decode time
// (tfdt) onto the file's own timeline. The 2018 mp4 muxer starts each job at zero, so a job started at
// 600 s would otherwise claim to be at 0 s; one addition per fragment puts it back where it belongs.

interface Box {
  type: string;
  start: number;
  /** Where the payload starts (after size/type, and the 64-bit size when there is one). */
  body: number;
  end: number;
}

function boxes(buf: Buffer, from: number, to: number): Box[] {
  const out: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < 8 || at + size > to) throw new Error(`broken MP4 box ${JSON.stringify(type)} at ${at}`);
    out.push({ type, start: at, body, end: at + size });
    at += size;
  }
  return out;
}

function child(buf: Buffer, parent: Box, type: string): Box | undefined {
  return boxes(buf, parent.body, parent.end).find((b) => b.type === type);
}

/** Splits ftyp+moov (the init segment) from the fragments that follow; no header gives init null. */
export function splitInit(buf: Buffer): { init: Buffer | null; media: Buffer } {
  const top = boxes(buf, 0, buf.length);
  const moov = top.find((b) => b.type === 'moov');
  if (!moov) return { init: null, media: buf };
  return { init: buf.subarray(0, moov.end), media: buf.subarray(moov.end) };
}

export interface TrackInfo {
  timescale: number;
  /** The handler type: 'vide', 'soun', … */
  handler: string;
}

/** track_ID → timescale and handler, read from the init segment's moov/trak/{tkhd, mdia/{mdhd, hdlr}}. */
export function trackInfo(init: Buffer): Map<number, TrackInfo> {
  const map = new Map<number, TrackInfo>();
  const moov = boxes(init, 0, init.length).find((b) => b.type === 'moov');
  if (!moov) throw new Error('init segment without moov');
  for (const trak of boxes(init, moov.body, moov.end).filter((b) => b.type === 'trak')) {
    const tkhd = child(init, trak, 'tkhd');
    const mdia = child(init, trak, 'mdia');
    const mdhd = mdia ? child(init, mdia, 'mdhd') : undefined;
    const hdlr = mdia ? child(init, mdia, 'hdlr') : undefined;
    if (!tkhd || !mdhd) continue;
    const tkVersion = init[tkhd.body]!;
    const trackId = init.readUInt32BE(tkhd.body + (tkVersion === 1 ? 20 : 12));
    const mdVersion = init[mdhd.body]!;
    const timescale = init.readUInt32BE(mdhd.body + (mdVersion === 1 ? 20 : 12));
    const handler = hdlr ? init.toString('latin1', hdlr.body + 8, hdlr.body + 12) : '';
    map.set(trackId, { timescale, handler });
  }
  return map;
}

/** One track fragment's run: where its fields are, read from tfhd, tfdt and trun. */
interface Run {
  traf: Box;
  trun: Box;
  tfdt: Box;
  trackId: number;
  tfFlags: number;
  defaultDuration: number;
  defaultSize: number;
  trFlags: number;
  version: number;
  count: number;
  /** Where trun's data_offset field is, or null when the run has none. */
  dataOffsetAt: number | null;
  /** Where the first sample entry starts, and the bytes of each. */
  entriesAt: number;
  entrySize: number;
}

function runOf(buf: Buffer, traf: Box): Run | null {
  const tfhd = child(buf, traf, 'tfhd');
  const tfdt = child(buf, traf, 'tfdt');
  const trun = child(buf, traf, 'trun');
  if (!tfhd || !tfdt || !trun) return null;
  const tfFlags = buf.readUInt32BE(tfhd.body) & 0xffffff;
  let at = tfhd.body + 8;
  if (tfFlags & 0x01) at += 8;
  if (tfFlags & 0x02) at += 4;
  const defaultDuration = tfFlags & 0x08 ? buf.readUInt32BE(at) : 0;
  if (tfFlags & 0x08) at += 4;
  const defaultSize = tfFlags & 0x10 ? buf.readUInt32BE(at) : 0;
  const trFlags = buf.readUInt32BE(trun.body) & 0xffffff;
  let p = trun.body + 8;
  const dataOffsetAt = trFlags & 0x01 ? p : null;
  if (trFlags & 0x01) p += 4;
  if (trFlags & 0x04) p += 4;
  const entrySize = 4 * [0x100, 0x200, 0x400, 0x800].filter((f) => trFlags & f).length;
  return {
    traf, trun, tfdt,
    trackId: buf.readUInt32BE(tfhd.body + 4),
    tfFlags, defaultDuration, defaultSize, trFlags,
    version: buf[trun.body]!,
    count: buf.readUInt32BE(trun.body + 4),
    dataOffsetAt, entriesAt: p, entrySize,
  };
}

interface Sample {
  duration: number;
  size: number;
  cts: number;
  /** Where this sample's duration is written, when the run carries one per sample. */
  durationAt: number | null;
}

function sampleOf(buf: Buffer, run: Run, i: number): Sample {
  let p = run.entriesAt + i * run.entrySize;
  let duration = run.defaultDuration;
  let size = run.defaultSize;
  let cts = 0;
  let durationAt: number | null = null;
  if (run.trFlags & 0x100) {
    durationAt = p;
    duration = buf.readUInt32BE(p);
    p += 4;
  }
  if (run.trFlags & 0x200) {
    size = buf.readUInt32BE(p);
    p += 4;
  }
  if (run.trFlags & 0x400) p += 4;
  if (run.trFlags & 0x800) cts = run.version === 1 ? buf.readInt32BE(p) : buf.readUInt32BE(p);
  return { duration, size, cts, durationAt };
}

function readTfdt(buf: Buffer, tfdt: Box): bigint {
  return buf[tfdt.body] === 1 ? buf.readBigUInt64BE(tfdt.body + 4) : BigInt(buf.readUInt32BE(tfdt.body + 4));
}

function writeTfdt(buf: Buffer, tfdt: Box, value: bigint): void {
  const v = value < 0n ? 0n : value;
  if (buf[tfdt.body] === 1) buf.writeBigUInt64BE(v, tfdt.body + 4);
  else {
    if (v > 0xffffffffn) throw new Error('decode time beyond a 32-bit tfdt');
    buf.writeUInt32BE(Number(v), tfdt.body + 4);
  }
}

/** The runs of the first fragment (moof) of a job's output, and that moof. */
function firstFragment(media: Buffer): { moof: Box; runs: Run[] } | null {
  const moof = boxes(media, 0, media.length).find((b) => b.type === 'moof');
  if (!moof) return null;
  const runs: Run[] = [];
  for (const traf of boxes(media, moof.body, moof.end).filter((b) => b.type === 'traf')) {
    const run = runOf(media, traf);
    if (run) runs.push(run);
  }
  return { moof, runs };
}

/**
 * Undoes the 2018 mp4 muxer's start of a job, in place: it puts every track's first sample at the job's zero
 * (the earliest decode time of any track) and lengthens that sample by the gap, as fragments carry no edit
 * list. So a copied AAC frame that starts 11 ms after the first picture is said to start with it and to last
 * 32 ms. Each first sample of the first fragment gets back the duration most samples of its run have, and
 * its run's decode time moves on by what was taken off, so it starts where it really does. Only a run that
 * carries per-sample durations can have been stretched (a run on tfhd's default duration never is).
 */
export function unstretchFirstSamples(media: Buffer): void {
  const first = firstFragment(media);
  if (!first) return;
  for (const run of first.runs) {
    if (!(run.trFlags & 0x100) || run.count < 2) continue;
    const counts = new Map<number, number>();
    for (let i = 1; i < run.count; i++) {
      const d = sampleOf(media, run, i).duration;
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    let typical = 0;
    let best = 0;
    for (const [d, n] of counts) if (n > best || (n === best && d > typical)) [typical, best] = [d, n];
    const s = sampleOf(media, run, 0);
    if (typical <= 0 || s.duration <= typical || s.durationAt === null) continue;
    media.writeUInt32BE(typical, s.durationAt);
    writeTfdt(media, run.tfdt, readTfdt(media, run.tfdt) + BigInt(s.duration - typical));
  }
}

/**
 * The first video sample of a job's output: its decode and presentation times relative to the muxer's zero
 * (seconds), read after `unstretchFirstSamples`. A B-frame stream shows its first picture a composition offset
 * after its decode time; that offset is how far the muxer's cuts (made on decode order) run ahead of the
 * pictures. Null when the fragment has no video.
 */
export function firstVideoSample(media: Buffer, tracks: Map<number, TrackInfo>): { dts: number; pts: number } | null {
  const first = firstFragment(media);
  if (!first) return null;
  for (const run of first.runs) {
    const track = tracks.get(run.trackId);
    if (track?.handler !== 'vide' || run.count === 0) continue;
    const dts = Number(readTfdt(media, run.tfdt)) / track.timescale;
    return { dts, pts: dts + sampleOf(media, run, 0).cts / track.timescale };
  }
  return null;
}

/**
 * Removes, from the first fragment, the leading samples of every track of `handler` that start before
 * `beforeSeconds` (the muxer's time, after `unstretchFirstSamples`): their entries leave the trun, their bytes
 * leave the mdat, the run's decode time moves on by their durations, and every run's data offset follows.
 * A run keeps at least one sample. Returns a new buffer (or `media` itself when there is nothing to drop or
 * the fragment is not laid out as ffmpeg writes it: data offsets from the moof, the moof's mdat right after).
 */
export function dropLeadingSamples(media: Buffer, tracks: Map<number, TrackInfo>, handler: string, beforeSeconds: number): { media: Buffer; dropped: number } {
  const first = firstFragment(media);
  if (!first) return { media, dropped: 0 };
  const { moof } = first;
  const top = boxes(media, 0, media.length);
  const mdat = top[top.findIndex((b) => b.start === moof.start) + 1];
  if (!mdat || mdat.type !== 'mdat' || mdat.body - mdat.start !== 8) return { media, dropped: 0 };
  const cuts: { run: Run; n: number; bytesAt: number; bytes: number; duration: number }[] = [];
  for (const run of first.runs) {
    const track = tracks.get(run.trackId);
    if (track?.handler !== handler || run.dataOffsetAt === null || !(run.tfFlags & 0x20000) || run.tfFlags & 0x01) continue;
    let t = Number(readTfdt(media, run.tfdt));
    let n = 0;
    let bytes = 0;
    let duration = 0;
    const limit = beforeSeconds * track.timescale;
    while (n < run.count - 1) {
      const s = sampleOf(media, run, n);
      if (t >= limit) break;
      t += s.duration;
      bytes += s.size;
      duration += s.duration;
      n++;
    }
    if (n === 0) continue;
    const bytesAt = moof.start + media.readInt32BE(run.dataOffsetAt);
    if (bytesAt < mdat.body || bytesAt + bytes > mdat.end) return { media, dropped: 0 };
    cuts.push({ run, n, bytesAt, bytes, duration });
  }
  if (cuts.length === 0) return { media, dropped: 0 };
  const shrinkMoof = cuts.reduce((a, c) => a + c.n * c.run.entrySize, 0);
  // Every field that changes lies before the mdat's payload: copy that head only, not the media data.
  const head = Buffer.from(media.subarray(0, mdat.body));
  // Decode times and data offsets first, while every field is where it was.
  for (const run of first.runs) {
    if (run.dataOffsetAt === null) continue;
    const offset = media.readInt32BE(run.dataOffsetAt);
    const at = moof.start + offset;
    const cut = cuts.find((c) => c.run === run);
    // The mdat bytes other runs lose before this run's data; its own dropped samples sit at its start, and the
    // sample after them moves to where they began.
    const before = cuts.filter((c) => c !== cut && c.bytesAt < at).reduce((a, c) => a + c.bytes, 0);
    head.writeInt32BE(offset - shrinkMoof - before, run.dataOffsetAt);
  }
  for (const c of cuts) {
    head.writeUInt32BE(c.run.count - c.n, c.run.trun.body + 4);
    writeTfdt(head, c.run.tfdt, readTfdt(media, c.run.tfdt) + BigInt(c.duration));
  }
  // Then the sizes of the boxes that lose entries.
  for (const c of cuts) {
    const lost = c.n * c.run.entrySize;
    head.writeUInt32BE(c.run.trun.end - c.run.trun.start - lost, c.run.trun.start);
    head.writeUInt32BE(head.readUInt32BE(c.run.traf.start) - lost, c.run.traf.start);
  }
  head.writeUInt32BE(moof.end - moof.start - shrinkMoof, moof.start);
  head.writeUInt32BE(mdat.end - mdat.start - cuts.reduce((a, c) => a + c.bytes, 0), mdat.start);
  // Cut the dropped entries (in the head) and bytes (in the mdat) out.
  const ranges = [...cuts.map((c) => ({ at: c.run.entriesAt, len: c.n * c.run.entrySize })), ...cuts.map((c) => ({ at: c.bytesAt, len: c.bytes }))].sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  const slice = (from: number, to: number): void => {
    if (from < head.length) parts.push(head.subarray(from, Math.min(to, head.length)));
    if (to > head.length) parts.push(media.subarray(Math.max(from, head.length), to));
  };
  let at = 0;
  for (const r of ranges) {
    slice(at, r.at);
    at = r.at + r.len;
  }
  slice(at, media.length);
  return { media: Buffer.concat(parts), dropped: cuts.reduce((a, c) => a + c.n, 0) };
}

/** Adds `offsetSeconds` to every fragment's decode time, in place. Returns the first decode time seen per track (seconds, after the shift). */
export function shiftFragments(media: Buffer, tracks: Map<number, TrackInfo>, offsetSeconds: number): Map<number, number> {
  const firsts = new Map<number, number>();
  for (const moof of boxes(media, 0, media.length).filter((b) => b.type === 'moof')) {
    for (const traf of boxes(media, moof.body, moof.end).filter((b) => b.type === 'traf')) {
      const tfhd = child(media, traf, 'tfhd');
      const tfdt = child(media, traf, 'tfdt');
      if (!tfhd || !tfdt) continue;
      const trackId = media.readUInt32BE(tfhd.body + 4);
      const scale = tracks.get(trackId)?.timescale;
      if (!scale) continue;
      const value = readTfdt(media, tfdt) + BigInt(Math.round(offsetSeconds * scale));
      writeTfdt(media, tfdt, value);
      if (!firsts.has(trackId)) firsts.set(trackId, Number(value < 0n ? 0n : value) / scale);
    }
  }
  return firsts;
}
