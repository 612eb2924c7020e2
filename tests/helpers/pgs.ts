// A real PGS (Blu-ray, hdmv_pgs_subtitle) stream, written byte by byte: the bundled ffmpeg cannot encode
// picture subtitles, so each subpicture is one display set that shows a filled rectangle (PCS, WDS, PDS,
// ODS, END) and one that clears it (PCS with no object, WDS, END). Nothing is committed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';
import type { Subpicture } from './vobsub';

export interface PgsCanvas {
  /** The presentation size: the video's, so the rectangle lands where its coordinates say. */
  width: number;
  height: number;
}

const PCS = 0x16;
const WDS = 0x17;
const PDS = 0x14;
const ODS = 0x15;
const END = 0x80;

const be16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];

/** One segment: "PG", PTS and DTS (90 kHz), type, size, payload. */
function segment(type: number, seconds: number, payload: number[]): Buffer {
  const pts = Math.round(seconds * 90_000);
  const head = Buffer.alloc(13);
  head.write('PG', 0, 'latin1');
  head.writeUInt32BE(pts >>> 0, 2);
  // DTS 0: decoders take it as "not given", as Blu-ray authoring tools write it.
  head.writeUInt32BE(0, 6);
  head[10] = type;
  head.writeUInt16BE(payload.length, 11);
  return Buffer.concat([head, Buffer.from(payload)]);
}

/** Each line one run of `width` pixels of colour 1, then end of line. */
function rle(width: number, height: number): number[] {
  if (width < 3 || width > 16_383) throw new RangeError('a rectangle 3–16383 wide');
  // 00 10LLLLLL CC for 3–63 pixels of colour CC; 00 11LLLLLL LLLLLLLL CC from 64 on.
  const run = width < 64 ? [0x00, 0x80 | width, 0x01] : [0x00, 0xc0 | (width >> 8), width & 0xff, 0x01];
  return Array.from({ length: height }, () => [...run, 0x00, 0x00]).flat();
}

function window(p: Subpicture): number[] {
  return [1, 0, ...be16(p.x), ...be16(p.y), ...be16(p.width), ...be16(p.height)];
}

/** The display sets of the subpictures, in time order: a `.sup` file's bytes. */
export function pgsStream(pictures: Subpicture[], canvas: PgsCanvas = { width: 320, height: 180 }): Buffer {
  const parts: Buffer[] = [];
  let composition = 0;
  for (const p of [...pictures].sort((a, b) => a.startSeconds - b.startSeconds)) {
    if (p.endSeconds <= p.startSeconds) throw new RangeError('a subpicture ends after it starts');
    const presentation = (state: number, objects: number[][]): number[] => [
      ...be16(canvas.width), ...be16(canvas.height),
      0x10, // frame rate: ignored by decoders
      ...be16(composition++),
      state, // 0x80 epoch start: a fresh screen; 0x00 normal: an update of it
      0x00, 0x00, // no palette-only update, palette 0
      objects.length,
      ...objects.flat(),
    ];
    const t1 = p.startSeconds;
    const data = rle(p.width, p.height);
    // Object data length counts the width and height that precede the RLE.
    const length = data.length + 4;
    parts.push(
      segment(PCS, t1, presentation(0x80, [[0, 0, 0, 0x00, ...be16(p.x), ...be16(p.y)]])),
      segment(WDS, t1, window(p)),
      // Entry 1: white (Y 235, Cr 128, Cb 128), opaque. Entry 0 is left out: fully transparent.
      segment(PDS, t1, [0, 0, 1, 235, 128, 128, 255]),
      segment(ODS, t1, [0, 0, 0, 0xc0, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff, ...be16(p.width), ...be16(p.height), ...data]),
      segment(END, t1, []),
    );
    const t2 = p.endSeconds;
    parts.push(segment(PCS, t2, presentation(0x00, [])), segment(WDS, t2, window(p)), segment(END, t2, []));
  }
  return Buffer.concat(parts);
}

export function writePgs(dest: string, pictures: Subpicture[], canvas?: PgsCanvas): string {
  mkdirSync(dirname(dest), { recursive: true });
  writeFileSync(dest, pgsStream(pictures, canvas));
  return dest;
}

/** `video` with a PGS track muxed in (streams: the video's, then hdmv_pgs_subtitle), written to `dest` (.mkv). */
export async function withPgs(video: string, dest: string, pictures: Subpicture[], canvas?: PgsCanvas): Promise<void> {
  // Outside the library folder: the scanner must see only the MKV.
  const sup = writePgs(join(tmpdir(), `mc-pgs-${process.pid}-${Date.now()}.sup`), pictures, canvas);
  mkdirSync(dirname(dest), { recursive: true });
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-i', video, '-i', sup, '-map', '0', '-map', '1:0', '-c', 'copy', '-metadata:s:s:0', 'language=eng', dest], { timeoutMs: 60_000 });
  rmSync(sup, { force: true });
  if (r.code !== 0) throw new Error(`ffmpeg could not mux the PGS track: ${r.stderr}`);
}
