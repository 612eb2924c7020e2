// Reads container, stream and chapter facts of an ISO BMFF file (MP4/MOV/M4V) from its moov box.
import type { ProbeResult, ProbedStream } from '../../db/library-store';
import { normaliseLanguage } from '../naming';
import { bail, type ByteReader } from './byte-reader';
import {
  aacConfig, av1Config, avcConfig, dac3Config, dec3Config, dOpsConfig, flacStreamInfo, hevcConfig, vpcConfig,
  type AudioConfig, type VideoConfig,
} from './codec-config';
import { fillVideoTrack, newTrack, roundFps } from './shared';

interface Box {
  type: string;
  /** Payload bounds inside the buffer. */
  start: number;
  end: number;
}

const MAX_TOP_LEVEL_BOXES = 10_000;

/** The first bytes look like ISO BMFF: a plausible first box of a known type. */
export function looksLikeMp4(head: Buffer): boolean {
  if (head.length < 8) return false;
  return ['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].includes(head.toString('latin1', 4, 8));
}

export function probeMp4(r: ByteReader): ProbeResult {
  const moov = findMoov(r);
  const movie = children(moov, 0, moov.length);
  if (find(movie, 'mvex')) bail('fragmented MP4');
  const mvhd = find(movie, 'mvhd') ?? bail('no mvhd');
  const movieTimescale = movieDuration(moov, mvhd).timescale;
  const streams: ProbedStream[] = [];
  const traks = movie.filter((b) => b.type === 'trak');
  traks.forEach((trak, index) => {
    const stream = readTrack(moov, trak, index);
    if (stream) streams.push(stream);
  });
  // ffprobe's format duration is the longest track as its edit list presents it, not mvhd's (which counts AAC priming).
  const durationSeconds = Math.max(...traks.map((trak) => trackDuration(moov, trak, movieTimescale)));
  if (!(durationSeconds > 0)) bail('no track duration');
  if (streams.length === 0) bail('no audio, video or subtitle track');
  return {
    container: 'mp4',
    durationSeconds,
    // ffmpeg truncates its double bit rate to an integer.
    bitrate: Math.floor((r.size * 8) / durationSeconds),
    streams,
    chapters: neroChapters(moov, movie, durationSeconds),
  };
}

/** Walks top-level boxes by size, so a moov after mdat (no faststart) is found without reading media data. */
function findMoov(r: ByteReader): Buffer {
  let offset = 0;
  for (let n = 0; offset < r.size && n < MAX_TOP_LEVEL_BOXES; n++) {
    const head = r.read(offset, Math.min(16, r.size - offset));
    if (head.length < 8) bail('truncated box header');
    let size = head.readUInt32BE(0);
    let headerSize = 8;
    if (size === 1) {
      if (head.length < 16) bail('truncated 64-bit box header');
      size = Number(head.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) size = r.size - offset;
    if (size < headerSize) bail('bad box size');
    const type = head.toString('latin1', 4, 8);
    if (type === 'moov') return r.read(offset + headerSize, size - headerSize);
    if (type === 'moof') bail('fragmented MP4');
    offset += size;
  }
  return bail('no moov box');
}

function children(buf: Buffer, from: number, to: number): Box[] {
  const out: Box[] = [];
  let offset = from;
  while (offset + 8 <= to) {
    let size = buf.readUInt32BE(offset);
    let headerSize = 8;
    if (size === 1) {
      if (offset + 16 > to) bail('truncated box');
      size = Number(buf.readBigUInt64BE(offset + 8));
      headerSize = 16;
    } else if (size === 0) size = to - offset;
    if (size < headerSize || offset + size > to) bail('box overruns its parent');
    out.push({ type: buf.toString('latin1', offset + 4, offset + 8), start: offset + headerSize, end: offset + size });
    offset += size;
  }
  return out;
}

function find(boxes: Box[], type: string): Box | undefined {
  return boxes.find((b) => b.type === type);
}

/** Follows a path of box types below `parent`; undefined when any step is missing. */
function path(buf: Buffer, parent: Box, ...types: string[]): Box | undefined {
  let box: Box | undefined = parent;
  for (const type of types) {
    if (!box) return undefined;
    box = children(buf, box.start, box.end).find((b) => b.type === type);
  }
  return box;
}

function payload(buf: Buffer, box: Box, minLength: number): Buffer {
  if (box.end - box.start < minLength) bail(`${box.type} too short`);
  return buf.subarray(box.start, box.end);
}

/** Version 0 full boxes hold 32-bit times, version 1 64-bit ones. */
function timescaleAndDuration(p: Buffer): { timescale: number; duration: number } {
  if (p[0] === 1) {
    if (p.length < 32) bail('short v1 header');
    return { timescale: p.readUInt32BE(20), duration: Number(p.readBigUInt64BE(24)) };
  }
  if (p.length < 20) bail('short v0 header');
  return { timescale: p.readUInt32BE(12), duration: p.readUInt32BE(16) };
}

function movieDuration(buf: Buffer, mvhd: Box): { timescale: number; duration: number } {
  const { timescale, duration } = timescaleAndDuration(payload(buf, mvhd, 20));
  // 0 or all-ones means "unknown"; ffprobe would then estimate from the samples.
  if (!timescale || !duration || duration === 0xffffffff) bail('no usable mvhd duration');
  return { timescale, duration };
}

/** Seconds a track plays: its edit list's total (empty edits included) in movie time, else its media duration. */
function trackDuration(buf: Buffer, trak: Box, movieTimescale: number): number {
  const elst = path(buf, trak, 'edts', 'elst');
  if (elst) {
    const edits = editList(payload(buf, elst, 8));
    // More than one real edit (cuts, repeats) is where ffprobe's timing logic gets intricate.
    if (edits.filter((e) => e.mediaTime !== -1).length > 1) bail('edit list with several edits');
    const total = edits.reduce((sum, e) => sum + e.duration, 0);
    if (total > 0) return total / movieTimescale;
  }
  const mdhd = path(buf, trak, 'mdia', 'mdhd') ?? bail('no mdhd');
  const { timescale, duration } = timescaleAndDuration(payload(buf, mdhd, 24));
  if (!timescale) bail('no media timescale');
  return duration / timescale;
}

function editList(p: Buffer): { duration: number; mediaTime: number }[] {
  const wide = p[0] === 1;
  const count = p.readUInt32BE(4);
  const entrySize = wide ? 20 : 12;
  if (p.length < 8 + count * entrySize) bail('short elst');
  return Array.from({ length: count }, (_, i) => {
    const at = 8 + i * entrySize;
    return wide
      ? { duration: Number(p.readBigUInt64BE(at)), mediaTime: Number(p.readBigInt64BE(at + 8)) }
      : { duration: p.readUInt32BE(at), mediaTime: p.readInt32BE(at + 4) };
  });
}

const HANDLER_TYPES: Record<string, ProbedStream['type']> = { vide: 'video', soun: 'audio', sbtl: 'subtitle', text: 'subtitle', subt: 'subtitle' };
/** Tracks ffprobe lists as data streams: they keep their index but are not ours to report. */
const DATA_HANDLERS = new Set(['tmcd', 'meta', 'hint']);

function readTrack(buf: Buffer, trak: Box, index: number): ProbedStream | null {
  // A QuickTime chapter track changes how ffprobe lists streams and chapters.
  if (path(buf, trak, 'tref', 'chap')) bail('QuickTime chapter track');
  const tkhd = payload(buf, path(buf, trak, 'tkhd') ?? bail('no tkhd'), 4);
  const mdia = path(buf, trak, 'mdia') ?? bail('no mdia');
  const hdlr = payload(buf, path(buf, mdia, 'hdlr') ?? bail('no hdlr'), 12);
  const handler = hdlr.toString('latin1', 8, 12);
  const type = HANDLER_TYPES[handler];
  if (!type) {
    if (DATA_HANDLERS.has(handler)) return null;
    return bail(`unknown handler ${handler}`);
  }
  const mdhd = payload(buf, path(buf, mdia, 'mdhd') ?? bail('no mdhd'), 24);
  const { timescale } = timescaleAndDuration(mdhd);
  const stbl = path(buf, mdia, 'minf', 'stbl') ?? bail('no stbl');
  const entry = sampleEntry(buf, stbl);
  const stream = newTrack({
    index,
    type,
    language: mdhdLanguage(mdhd.readUInt16BE(mdhd[0] === 1 ? 32 : 20)),
    // ffmpeg writes a title into trak/udta/name, but the bundled ffprobe does not read it back: neither do we.
    title: null,
    // ffprobe's "default" disposition for MP4 is the tkhd "enabled" flag.
    isDefault: ((tkhd[3] as number) & 1) === 1,
    isForced: false,
    isHearingImpaired: false,
  });
  if (type === 'video') fillVideo(buf, entry, stream, videoFps(buf, stbl, timescale));
  else if (type === 'audio') fillAudio(buf, entry, stream);
  else stream.codec = subtitleCodec(entry.type);
  return stream;
}

/** Packed ISO-639-2/T (three 5-bit letters); older Macintosh codes are left to ffprobe. */
function mdhdLanguage(code: number): string | null {
  if (code === 0x7fff) return null;
  if (code < 0x400) bail('Macintosh language code');
  const tag = String.fromCharCode(((code >> 10) & 31) + 0x60, ((code >> 5) & 31) + 0x60, (code & 31) + 0x60);
  return normaliseLanguage(tag);
}

function sampleEntry(buf: Buffer, stbl: Box): Box {
  const stsd = path(buf, stbl, 'stsd') ?? bail('no stsd');
  if (stsd.end - stsd.start < 8) bail('short stsd');
  // Several sample descriptions mean the codec can change mid-track.
  if (buf.readUInt32BE(stsd.start + 4) !== 1) bail('not exactly one sample entry');
  const [entry] = children(buf, stsd.start + 8, stsd.end);
  return entry ?? bail('no sample entry');
}

/** ffprobe's avg_frame_rate for MP4: all samples over the summed stts durations. */
function videoFps(buf: Buffer, stbl: Box, timescale: number): number {
  const stts = payload(buf, path(buf, stbl, 'stts') ?? bail('no stts'), 8);
  const count = stts.readUInt32BE(4);
  if (stts.length < 8 + count * 8) bail('short stts');
  let samples = 0;
  let ticks = 0;
  for (let i = 0; i < count; i++) {
    const n = stts.readUInt32BE(8 + i * 8);
    samples += n;
    ticks += n * stts.readUInt32BE(12 + i * 8);
  }
  if (!samples || !ticks || !timescale) bail('no frame timing');
  return roundFps((samples * timescale) / ticks);
}

const VISUAL_ENTRY_HEADER = 78;

function fillVideo(buf: Buffer, entry: Box, stream: ProbedStream, fps: number): void {
  const body = payload(buf, entry, VISUAL_ENTRY_HEADER);
  const boxes = children(buf, entry.start + VISUAL_ENTRY_HEADER, entry.end);
  const child = (type: string): Buffer | undefined => {
    const box = boxes.find((b) => b.type === type);
    return box ? buf.subarray(box.start, box.end) : undefined;
  };
  let codec: string;
  let config: VideoConfig;
  switch (entry.type) {
    case 'avc1':
    case 'avc3':
      codec = 'h264';
      config = avcConfig(child('avcC') ?? bail('no avcC'));
      break;
    case 'hvc1':
    case 'hev1':
      codec = 'hevc';
      config = hevcConfig(child('hvcC') ?? bail('no hvcC'));
      break;
    case 'av01':
      codec = 'av1';
      config = av1Config(child('av1C') ?? bail('no av1C'));
      break;
    case 'vp09':
      codec = 'vp9';
      config = vpcConfig((child('vpcC') ?? bail('no vpcC')).subarray(4));
      break;
    default:
      return bail(`unknown video sample entry ${entry.type}`);
  }
  fillVideoTrack(stream, {
    codec,
    config,
    containerTransfer: colrTransfer(child('colr')),
    width: body.readUInt16BE(24),
    height: body.readUInt16BE(26),
    fps,
    dolbyVision: Boolean(child('dvcC') || child('dvvC')),
  });
}

function colrTransfer(colr: Buffer | undefined): number | null {
  if (!colr || colr.length < 10) return null;
  const kind = colr.toString('latin1', 0, 4);
  return kind === 'nclx' || kind === 'nclc' ? colr.readUInt16BE(6) : null;
}

const AUDIO_ENTRY_HEADER = 28;

function fillAudio(buf: Buffer, entry: Box, stream: ProbedStream): void {
  const body = payload(buf, entry, AUDIO_ENTRY_HEADER);
  // QuickTime v1/v2 sound descriptions carry extra fields and odd codecs: leave them to ffprobe.
  if (body.readUInt16BE(8) !== 0) bail('QuickTime sound description');
  const boxes = children(buf, entry.start + AUDIO_ENTRY_HEADER, entry.end);
  const child = (type: string): Buffer => {
    const box = boxes.find((b) => b.type === type) ?? bail(`no ${type}`);
    return buf.subarray(box.start, box.end);
  };
  let codec: string;
  let config: AudioConfig;
  switch (entry.type) {
    case 'mp4a':
      ({ codec, config } = esdsAudio(child('esds')));
      break;
    case 'ac-3':
      codec = 'ac3';
      config = dac3Config(child('dac3'));
      break;
    case 'ec-3':
      codec = 'eac3';
      config = dec3Config(child('dec3'));
      break;
    case 'Opus':
      codec = 'opus';
      config = dOpsConfig(child('dOps'));
      break;
    case 'fLaC':
      codec = 'flac';
      config = dfLaConfig(child('dfLa'));
      break;
    default:
      return bail(`unknown audio sample entry ${entry.type}`);
  }
  Object.assign(stream, { codec, profile: config.profile, channels: config.channels, sampleRate: config.sampleRate });
}

function dfLaConfig(dfLa: Buffer): AudioConfig {
  if (dfLa.length < 8 || ((dfLa[4] as number) & 0x7f) !== 0) bail('dfLa without STREAMINFO first');
  return flacStreamInfo(dfLa.subarray(8));
}

/** MPEG-4 descriptors: tag, then a length in 7-bit groups. */
function descriptor(buf: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = buf[at] ?? bail('short descriptor');
  let length = 0;
  let pos = at + 1;
  for (let i = 0; i < 4; i++) {
    const b = buf[pos++] ?? bail('short descriptor');
    length = length * 128 + (b & 0x7f);
    if (!(b & 0x80)) break;
  }
  if (pos + length > buf.length) bail('descriptor overruns esds');
  return { tag, start: pos, end: pos + length };
}

function esdsAudio(esds: Buffer): { codec: string; config: AudioConfig } {
  const es = descriptor(esds, 4);
  if (es.tag !== 3) bail('no ES descriptor');
  const flags = esds[es.start + 2] ?? bail('short ES descriptor');
  let at = es.start + 3;
  if (flags & 0x80) at += 2;
  if (flags & 0x40) at += 1 + (esds[at] ?? 0);
  if (flags & 0x20) at += 2;
  const dcd = descriptor(esds, at);
  if (dcd.tag !== 4) bail('no decoder config descriptor');
  const objectType = esds[dcd.start] ?? bail('short decoder config');
  // MP3's channel count lives only in its frame headers (muxers write 2 into the sample entry), so ffprobe decides.
  if (objectType === 0x69 || objectType === 0x6b) bail('MP3 in MP4');
  if (objectType !== 0x40 && objectType !== 0x66 && objectType !== 0x67 && objectType !== 0x68) bail(`unknown esds object type ${objectType}`);
  const dsi = descriptor(esds, dcd.start + 13);
  if (dsi.tag !== 5) bail('AAC without AudioSpecificConfig');
  return { codec: 'aac', config: aacConfig(esds.subarray(dsi.start, dsi.end)) };
}

const SUBTITLE_ENTRIES: Record<string, string> = { tx3g: 'mov_text', wvtt: 'webvtt' };

function subtitleCodec(entryType: string): string {
  return SUBTITLE_ENTRIES[entryType] ?? bail(`unknown subtitle sample entry ${entryType}`);
}

/** Nero chapters (moov/udta/chpl): 100 ns start times; each ends where the next starts, the last at the end. */
function neroChapters(buf: Buffer, movie: Box[], durationSeconds: number): ProbeResult['chapters'] {
  const udta = movie.find((b) => b.type === 'udta');
  const chpl = udta ? path(buf, udta, 'chpl') : undefined;
  if (!chpl) return [];
  const p = payload(buf, chpl, 5);
  let at = p[0] === 1 ? 8 : 4;
  const count = p[at++] ?? bail('short chpl');
  const starts: { start: number; title: string }[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 9 > p.length) bail('short chpl');
    const start = Number(p.readBigUInt64BE(at)) / 1e7;
    const len = p[at + 8] as number;
    if (at + 9 + len > p.length) bail('short chpl title');
    starts.push({ start, title: p.toString('utf8', at + 9, at + 9 + len) });
    at += 9 + len;
  }
  return starts.map((c, i) => ({ start: c.start, end: starts[i + 1]?.start ?? durationSeconds, title: c.title || null }));
}
