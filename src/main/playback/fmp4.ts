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

/**
 * Where the first video sample of a job's output really starts, relative to the muxer's zero (seconds).
 * The muxer moves each track's first sample to zero and lengthens it by the gap (no edit lists in
 * fragments), and a B-frame stream shows its first picture a composition offset after its decode time:
 * both are read back from the first video run.
 */
export function firstVideoLead(media: Buffer, tracks: Map<number, TrackInfo>): number {
  const videoId = [...tracks].find(([, t]) => t.handler === 'vide')?.[0];
  if (videoId === undefined) return 0;
  const scale = tracks.get(videoId)!.timescale;
  for (const moof of boxes(media, 0, media.length).filter((b) => b.type === 'moof')) {
    for (const traf of boxes(media, moof.body, moof.end).filter((b) => b.type === 'traf')) {
      const tfhd = child(media, traf, 'tfhd');
      const trun = child(media, traf, 'trun');
      if (!tfhd || !trun || media.readUInt32BE(tfhd.body + 4) !== videoId) continue;
      const tfFlags = media.readUInt32BE(tfhd.body) & 0xffffff;
      let at = tfhd.body + 8;
      if (tfFlags & 0x01) at += 8;
      if (tfFlags & 0x02) at += 4;
      const defaultDuration = tfFlags & 0x08 ? media.readUInt32BE(at) : 0;
      const trFlags = media.readUInt32BE(trun.body) & 0xffffff;
      const version = media[trun.body]!;
      const count = media.readUInt32BE(trun.body + 4);
      let p = trun.body + 8;
      if (trFlags & 0x01) p += 4;
      if (trFlags & 0x04) p += 4;
      const samples: { duration: number; cts: number }[] = [];
      for (let i = 0; i < Math.min(count, 2); i++) {
        let duration = defaultDuration;
        let cts = 0;
        if (trFlags & 0x100) {
          duration = media.readUInt32BE(p);
          p += 4;
        }
        if (trFlags & 0x200) p += 4;
        if (trFlags & 0x400) p += 4;
        if (trFlags & 0x800) {
          cts = version === 1 ? media.readInt32BE(p) : media.readUInt32BE(p);
          p += 4;
        }
        samples.push({ duration, cts });
      }
      const first = samples[0];
      if (!first) return 0;
      const typical = samples[1]?.duration ?? defaultDuration;
      const stretch = typical > 0 && first.duration > typical ? first.duration - typical : 0;
      return (stretch + first.cts) / scale;
    }
  }
  return 0;
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
      const add = BigInt(Math.round(offsetSeconds * scale));
      const version = media[tfdt.body];
      let value: bigint;
      if (version === 1) {
        value = media.readBigUInt64BE(tfdt.body + 4) + add;
        media.writeBigUInt64BE(value < 0n ? 0n : value, tfdt.body + 4);
      } else {
        value = BigInt(media.readUInt32BE(tfdt.body + 4)) + add;
        if (value > 0xffffffffn) throw new Error('decode time beyond a 32-bit tfdt');
        media.writeUInt32BE(Number(value < 0n ? 0n : value), tfdt.body + 4);
      }
      if (!firsts.has(trackId)) firsts.set(trackId, Number(value) / scale);
    }
  }
  return firsts;
}
