// A real VobSub (dvd_subtitle) track, written byte by byte: the bundled ffmpeg cannot turn text into
// picture subtitles, so one subpicture (a filled rectangle) is built as a DVD SPU packet in an MPEG
// program stream, and ffmpeg muxes it into an MKV beside a video. Nothing is committed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { mediaTools } from '../../src/main/media-tools/tools';
import { runTool } from '../../src/main/media-tools/run';

export interface Subpicture {
  x: number;
  y: number;
  /** 64 to 255 pixels: each line is then one run-length code. */
  width: number;
  /** Even: half the lines in each field. */
  height: number;
  startSeconds: number;
  endSeconds: number;
}

/** One SPU packet: both fields run-length coded in colour 1, then the control sequences that show and hide it. */
function spuPacket(p: Subpicture): Buffer {
  if (p.width < 64 || p.width > 255 || p.height % 2 !== 0) throw new RangeError('a subpicture 64–255 wide and of even height');
  // A run of n ≥ 64 pixels of colour c: 000000 nnnnnnnn cc.
  const code = (p.width << 2) | 1;
  const field = Buffer.from(Array.from({ length: p.height / 2 }, () => [code >> 8, code & 0xff]).flat());
  const top = 4;
  const bottom = top + field.length;
  const ctrl1 = bottom + field.length;
  const x2 = p.x + p.width - 1;
  const y2 = p.y + p.height - 1;
  const show = [
    0, 0, 0, 0, // delay 0; the offset of the next sequence is filled in below
    0x03, 0x32, 0x10, // palette: colours 3, 2, 1, 0
    0x04, 0x00, 0xf0, // alpha: colour 1 opaque, the rest transparent
    0x05, p.x >> 4, ((p.x & 15) << 4) | (x2 >> 8), x2 & 255, p.y >> 4, ((p.y & 15) << 4) | (y2 >> 8), y2 & 255,
    0x06, top >> 8, top & 255, bottom >> 8, bottom & 255,
    0x01, // start display
    0xff,
  ];
  const ctrl2 = ctrl1 + show.length;
  show[2] = ctrl2 >> 8;
  show[3] = ctrl2 & 255;
  // The hide command's delay counts in units of 1024/90000 s from the packet's time.
  const delay = Math.round(((p.endSeconds - p.startSeconds) * 90_000) / 1024);
  const hide = [delay >> 8, delay & 255, ctrl2 >> 8, ctrl2 & 255, 0x02, 0xff];
  const size = ctrl2 + hide.length;
  return Buffer.concat([Buffer.from([size >> 8, size & 255, ctrl1 >> 8, ctrl1 & 255]), field, field, Buffer.from(show), Buffer.from(hide)]);
}

function pts(t: number): Buffer {
  const p = Math.round(t * 90_000);
  return Buffer.from([0x21 | (Math.floor(p / 2 ** 29) & 0x0e), (p >> 22) & 0xff, 0x01 | ((p >> 14) & 0xfe), (p >> 7) & 0xff, 0x01 | ((p << 1) & 0xfe)]);
}

/** The program stream's packs, one a subpicture, and the byte offset of each (what an .idx points at). */
function vobsubPacks(pictures: Subpicture[]): { bytes: Buffer; offsets: number[] } {
  const pack = Buffer.from([0, 0, 1, 0xba, 0x44, 0, 4, 0, 4, 1, 0x01, 0x89, 0xc3, 0xf8]);
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const p of pictures) {
    const body = Buffer.concat([Buffer.from([0x81, 0x80, 5]), pts(p.startSeconds), Buffer.from([0x20]), spuPacket(p)]);
    offsets.push(at);
    const pes = Buffer.from([0, 0, 1, 0xbd, body.length >> 8, body.length & 255]);
    parts.push(pack, pes, body);
    at += pack.length + pes.length + body.length;
  }
  parts.push(Buffer.from([0, 0, 1, 0xb9]));
  return { bytes: Buffer.concat(parts), offsets };
}

/** An MPEG-2 program stream holding the subpictures as private stream 1, sub-stream 0x20 (the first VobSub track). */
export function vobsubProgramStream(pictures: Subpicture[]): Buffer {
  return vobsubPacks(pictures).bytes;
}

/** hh:mm:ss:mmm, as VobSub index files write times. */
function idxTime(t: number): string {
  const ms = Math.round(t * 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}:${pad(ms % 1000, 3)}`;
}

/**
 * A VobSub sidecar pair, `<stem>.idx` and `<stem>.sub`: the .sub is the program stream above, the .idx the text
 * index (canvas size, 16-colour palette, one track, a timestamp and byte offset per subpicture). Colour 1, which
 * the rectangles are drawn in, is white. Returns the two paths.
 */
export function writeVobsubSidecar(stemPath: string, pictures: Subpicture[], size = { width: 320, height: 180 }, language = 'en'): { idx: string; sub: string } {
  const sorted = [...pictures].sort((a, b) => a.startSeconds - b.startSeconds);
  const { bytes, offsets } = vobsubPacks(sorted);
  const palette = ['000000', 'ffffff', '808080', '404040', ...Array.from({ length: 12 }, () => '000000')];
  const idx = [
    '# VobSub index file, v7 (do not modify this line!)',
    `size: ${size.width}x${size.height}`,
    'org: 0, 0',
    'scale: 100%, 100%',
    'alpha: 100%',
    'smooth: OFF',
    'fadein/out: 0, 0',
    'align: OFF at LEFT TOP',
    'time offset: 0',
    'forced subs: OFF',
    `palette: ${palette.join(', ')}`,
    'custom colors: OFF, tridx: 0000, colors: 000000, 000000, 000000, 000000',
    'langidx: 0',
    `id: ${language}, index: 0`,
    ...sorted.map((p, i) => `timestamp: ${idxTime(p.startSeconds)}, filepos: ${offsets[i]!.toString(16).padStart(9, '0')}`),
    '',
  ].join('\n');
  mkdirSync(dirname(stemPath), { recursive: true });
  const paths = { idx: `${stemPath}.idx`, sub: `${stemPath}.sub` };
  writeFileSync(paths.sub, bytes);
  writeFileSync(paths.idx, idx);
  return paths;
}

/** `video` with a VobSub track muxed in (streams: the video's, then dvd_subtitle), written to `dest` (.mkv). */
export async function withVobsub(video: string, dest: string, pictures: Subpicture[]): Promise<void> {
  // Outside the library folder: the scanner must see only the MKV.
  const ps = join(tmpdir(), `mc-vobsub-${process.pid}-${Date.now()}.mpg`);
  writeFileSync(ps, vobsubProgramStream(pictures));
  mkdirSync(dirname(dest), { recursive: true });
  const r = await runTool(mediaTools().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-i', video, '-f', 'mpeg', '-i', ps, '-map', '0', '-map', '1:0', '-c', 'copy', '-metadata:s:s:0', 'language=eng', dest], { timeoutMs: 60_000 });
  rmSync(ps, { force: true });
  if (r.code !== 0) throw new Error(`ffmpeg could not mux the VobSub track: ${r.stderr}`);
}
