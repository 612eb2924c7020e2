// Reads container, stream and chapter facts of a Matroska/WebM file from its EBML header, Info, Tracks and Chapters.
import type { ProbeResult, ProbedStream } from '../../db/library-store';
import { normaliseLanguage } from '../naming';
import { bail, type ByteReader } from './byte-reader';
import { aacConfig, av1Config, avcConfig, hevcConfig, UNSPECIFIED_TRANSFER, vp9CodecPrivate, vp9FrameHeader, type VideoConfig } from './codec-config';
import { fillVideoTrack, newTrack, roundFps, titleLooksHearingImpaired } from './shared';

const ID = {
  EBML: 0x1a45dfa3, DocType: 0x4282,
  Segment: 0x18538067, SeekHead: 0x114d9b74, Seek: 0x4dbb, SeekID: 0x53ab, SeekPosition: 0x53ac,
  Info: 0x1549a966, TimestampScale: 0x2ad7b1, Duration: 0x4489,
  Tracks: 0x1654ae6b, TrackEntry: 0xae, TrackNumber: 0xd7, TrackType: 0x83, FlagDefault: 0x88, FlagForced: 0x55aa,
  FlagHearingImpaired: 0x55ab, Name: 0x536e, Language: 0x22b59c, LanguageBCP47: 0x22b59d, CodecID: 0x86,
  CodecPrivate: 0x63a2, DefaultDuration: 0x23e383, ContentEncodings: 0x6d80, BlockAdditionMapping: 0x41e4, BlockAddIDType: 0x41e7,
  Video: 0xe0, PixelWidth: 0xb0, PixelHeight: 0xba, Colour: 0x55b0, TransferCharacteristics: 0x55ba,
  Audio: 0xe1, SamplingFrequency: 0xb5, OutputSamplingFrequency: 0x78b5, Channels: 0x9f,
  Chapters: 0x1043a770, EditionEntry: 0x45b9, ChapterAtom: 0xb6, ChapterUID: 0x73c4, ChapterTimeStart: 0x91,
  ChapterTimeEnd: 0x92, ChapterDisplay: 0x80, ChapString: 0x85,
  Cluster: 0x1f43b675, SimpleBlock: 0xa3, BlockGroup: 0xa0, Block: 0xa1,
} as const;

interface Element {
  id: number;
  /** Absolute (file) or buffer offset of the payload. */
  start: number;
  /** null: unknown size (live streams), running to the end of the parent. */
  size: number | null;
}

const MAX_TOP_LEVEL_ELEMENTS = 1000;
/** Info, Tracks and Chapters are a few KB; a bigger one is not a file we want to read in process. */
const MAX_MASTER_BYTES = 1024 * 1024;
/** How much of the first cluster we look at to find a VP9 key frame header. */
const CLUSTER_PEEK_BYTES = 256 * 1024;

export function looksLikeMatroska(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32BE(0) === ID.EBML;
}

/** EBML variable-length integer; IDs keep their length marker, sizes drop it. */
function vint(buf: Buffer, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
  const first = buf[at] ?? bail('truncated EBML');
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || (keepMarker && length > 4)) bail('bad EBML vint');
  if (at + length > buf.length) bail('truncated EBML');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = buf[at + i] as number;
    value = value * 256 + b;
    allOnes &&= b === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function header(buf: Buffer, at: number): { element: Element; headerLength: number } {
  const id = vint(buf, at, true);
  const size = vint(buf, at + id.length, false);
  const headerLength = id.length + size.length;
  return { element: { id: id.value, start: at + headerLength, size: size.unknown ? null : size.value }, headerLength };
}

function readHeader(r: ByteReader, offset: number): Element {
  const { element } = header(r.readUpTo(offset, 12), 0);
  return { ...element, start: element.start + offset };
}

/** Children of an in-memory master element; every child must fit. */
function children(buf: Buffer, from = 0, to = buf.length): Element[] {
  const out: Element[] = [];
  for (let at = from; at < to; ) {
    const { element } = header(buf, at);
    if (element.size === null || element.start + element.size > to) bail('EBML element overruns its parent');
    out.push(element);
    at = element.start + element.size;
  }
  return out;
}

function uint(buf: Buffer, e: Element): number {
  const size = e.size ?? 0;
  if (size > 8) bail('EBML uint too large');
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + (buf[e.start + i] as number);
  // Eight-byte values (seek positions, UIDs) are fine as long as doubles still hold them exactly.
  if (!Number.isSafeInteger(v)) bail('EBML uint beyond 2^53');
  return v;
}

function float(buf: Buffer, e: Element): number {
  if (e.size === 4) return buf.readFloatBE(e.start);
  if (e.size === 8) return buf.readDoubleBE(e.start);
  if (e.size === 0) return 0;
  return bail('bad EBML float');
}

/** Strings are zero-padded to their element size. */
function text(buf: Buffer, e: Element): string {
  return buf.toString('utf8', e.start, e.start + (e.size ?? 0)).replace(/\0+$/, '');
}

function bytes(buf: Buffer, e: Element): Buffer {
  return buf.subarray(e.start, e.start + (e.size ?? 0));
}

/** Field accessor over one master element's direct children. */
class Fields {
  private readonly list: Element[];
  constructor(
    readonly buf: Buffer,
    parent: Element,
  ) {
    this.list = children(buf, parent.start, parent.start + (parent.size ?? 0));
  }
  all(id: number): Element[] {
    return this.list.filter((e) => e.id === id);
  }
  one(id: number): Element | undefined {
    const found = this.all(id);
    if (found.length > 1) bail(`repeated EBML element ${id.toString(16)}`);
    return found[0];
  }
  uint(id: number, fallback: number): number {
    const e = this.one(id);
    return e ? uint(this.buf, e) : fallback;
  }
  float(id: number): number | null {
    const e = this.one(id);
    return e ? float(this.buf, e) : null;
  }
  text(id: number): string | null {
    const e = this.one(id);
    return e ? text(this.buf, e) : null;
  }
  bytes(id: number): Buffer | null {
    const e = this.one(id);
    return e ? bytes(this.buf, e) : null;
  }
  nested(id: number): Fields | null {
    const e = this.one(id);
    return e ? new Fields(this.buf, e) : null;
  }
}

/** A whole master element read into memory, as a Fields view over it. */
function readMaster(r: ByteReader, e: Element): Fields {
  if (e.size === null || e.size > MAX_MASTER_BYTES) bail('master element of unknown or huge size');
  const buf = r.read(e.start, e.size);
  return new Fields(buf, { id: e.id, start: 0, size: e.size });
}

interface Layout {
  docType: string;
  info: Element;
  tracks: Element;
  chapters: Element | null;
  firstCluster: number | null;
}

export function probeMatroska(r: ByteReader): ProbeResult {
  const layout = readLayout(r);
  const info = readMaster(r, layout.info);
  const scale = info.uint(ID.TimestampScale, 1_000_000);
  const rawDuration = info.float(ID.Duration);
  // Without Duration ffprobe estimates from the clusters, which we never scan.
  if (!rawDuration || !Number.isFinite(rawDuration) || rawDuration <= 0) bail('no segment duration');
  const durationSeconds = (rawDuration * scale) / 1e9;
  const streams = readTracks(r, readMaster(r, layout.tracks), layout.firstCluster);
  return {
    container: layout.docType === 'webm' ? 'webm' : 'mkv',
    durationSeconds,
    // ffmpeg truncates its double bit rate to an integer.
    bitrate: Math.floor((r.size * 8) / durationSeconds),
    streams,
    chapters: layout.chapters ? readChapters(readMaster(r, layout.chapters), durationSeconds) : [],
  };
}

function readDocType(r: ByteReader): { docType: string; end: number } {
  const ebml = readHeader(r, 0);
  if (ebml.id !== ID.EBML || ebml.size === null) bail('no EBML header');
  const docType = readMaster(r, ebml).text(ID.DocType) ?? 'matroska';
  if (docType !== 'matroska' && docType !== 'webm') bail(`unknown DocType ${docType}`);
  return { docType, end: ebml.start + ebml.size };
}

/** Finds Info, Tracks and Chapters: by walking the level-1 elements up to the first Cluster, then through the SeekHead. */
function readLayout(r: ByteReader): Layout {
  const { docType, end } = readDocType(r);
  const segment = readHeader(r, end);
  if (segment.id !== ID.Segment) bail('no Segment');
  const segmentEnd = segment.size === null ? r.size : Math.min(r.size, segment.start + segment.size);
  const found = new Map<number, Element>();
  const seeks = new Map<number, number>();
  let firstCluster: number | null = null;
  let offset = segment.start;
  for (let n = 0; offset < segmentEnd && n < MAX_TOP_LEVEL_ELEMENTS; n++) {
    const e = readHeader(r, offset);
    if (e.id === ID.Cluster) {
      firstCluster = offset;
      break;
    }
    if (e.size === null) bail('level-1 element of unknown size');
    if (e.id === ID.SeekHead) readSeekHead(r, e, seeks);
    else if (!found.has(e.id)) found.set(e.id, e);
    offset = e.start + e.size;
  }
  const locate = (id: number): Element | null => {
    const known = found.get(id);
    if (known) return known;
    const position = seeks.get(id);
    if (position === undefined) return null;
    const e = readHeader(r, segment.start + position);
    return e.id === id ? e : bail('SeekHead points at the wrong element');
  };
  // A second SeekHead (often at the end of the file) can list what the first does not.
  const more = seeks.get(ID.SeekHead);
  if (more !== undefined && (!found.has(ID.Tracks) || !found.has(ID.Info))) {
    const e = readHeader(r, segment.start + more);
    if (e.id === ID.SeekHead) readSeekHead(r, e, seeks);
  }
  return {
    docType,
    info: locate(ID.Info) ?? bail('no Info'),
    tracks: locate(ID.Tracks) ?? bail('no Tracks'),
    chapters: locate(ID.Chapters),
    firstCluster,
  };
}

function readSeekHead(r: ByteReader, e: Element, seeks: Map<number, number>): void {
  const head = readMaster(r, e);
  for (const seek of head.all(ID.Seek)) {
    const f = new Fields(head.buf, seek);
    const id = f.bytes(ID.SeekID);
    const position = f.one(ID.SeekPosition);
    if (!id || !position || id.length === 0 || id.length > 4) continue;
    const key = id.readUIntBE(0, id.length);
    if (!seeks.has(key)) seeks.set(key, uint(head.buf, position));
  }
}

const TRACK_TYPES: Record<number, ProbedStream['type']> = { 1: 'video', 2: 'audio', 17: 'subtitle' };

const SUBTITLE_CODECS: Record<string, string> = {
  'S_TEXT/UTF8': 'subrip',
  'S_TEXT/ASS': 'ass',
  'S_TEXT/SSA': 'ass',
  'S_TEXT/WEBVTT': 'webvtt',
  'S_HDMV/PGS': 'hdmv_pgs_subtitle',
  'S_VOBSUB': 'dvd_subtitle',
};

/** Audio whose ffprobe facts equal the Audio element's (DTS is absent: its profile needs the bitstream). */
const PLAIN_AUDIO_CODECS: Record<string, string> = {
  A_AC3: 'ac3',
  A_EAC3: 'eac3',
  A_OPUS: 'opus',
  A_FLAC: 'flac',
  A_VORBIS: 'vorbis',
  A_TRUEHD: 'truehd',
  'A_MPEG/L3': 'mp3',
  'A_MPEG/L2': 'mp2',
};

function readTracks(r: ByteReader, tracks: Fields, firstCluster: number | null): ProbedStream[] {
  const entries = tracks.all(ID.TrackEntry);
  if (entries.length === 0) bail('no TrackEntry');
  return entries.map((e, index) => readTrack(r, new Fields(tracks.buf, e), index, firstCluster));
}

function readTrack(r: ByteReader, t: Fields, index: number, firstCluster: number | null): ProbedStream {
  // ffprobe skips or alters tracks of other types and encoded (compressed/encrypted) tracks; indexes would drift.
  const type = TRACK_TYPES[t.uint(ID.TrackType, 0)] ?? bail('unsupported track type');
  if (t.one(ID.ContentEncodings)) bail('track with content encodings');
  const codecId = t.text(ID.CodecID) ?? bail('track without CodecID');
  const title = t.text(ID.Name);
  const stream = newTrack({
    index,
    type,
    language: trackLanguage(t),
    title,
    isDefault: t.uint(ID.FlagDefault, 1) === 1,
    isForced: t.uint(ID.FlagForced, 0) === 1,
    isHearingImpaired: t.uint(ID.FlagHearingImpaired, 0) === 1 || titleLooksHearingImpaired(title),
  });
  if (type === 'video') fillVideo(r, t, codecId, stream, firstCluster);
  else if (type === 'audio') fillAudio(t, codecId, stream);
  else stream.codec = SUBTITLE_CODECS[codecId] ?? bail(`unknown subtitle codec ${codecId}`);
  return stream;
}

/** Matroska's Language defaults to "eng" when absent (ffprobe reports it so); "und" means none. */
function trackLanguage(t: Fields): string | null {
  const tag = t.text(ID.LanguageBCP47) ?? t.text(ID.Language) ?? 'eng';
  return normaliseLanguage(tag);
}

function fillVideo(r: ByteReader, t: Fields, codecId: string, stream: ProbedStream, firstCluster: number | null): void {
  const video = t.nested(ID.Video) ?? bail('video track without Video');
  const priv = t.bytes(ID.CodecPrivate);
  const { codec, config } = videoCodec(r, t, codecId, priv, firstCluster);
  const defaultDuration = t.uint(ID.DefaultDuration, 0);
  // Without DefaultDuration ffprobe measures the frame rate from the packets.
  if (!defaultDuration) bail('video track without DefaultDuration');
  fillVideoTrack(stream, {
    codec,
    config,
    containerTransfer: video.nested(ID.Colour)?.uint(ID.TransferCharacteristics, UNSPECIFIED_TRANSFER) ?? null,
    width: video.uint(ID.PixelWidth, 0) || bail('no PixelWidth'),
    height: video.uint(ID.PixelHeight, 0) || bail('no PixelHeight'),
    fps: roundFps(1e9 / defaultDuration),
    dolbyVision: hasDolbyVision(t),
  });
}

function videoCodec(r: ByteReader, t: Fields, codecId: string, priv: Buffer | null, firstCluster: number | null): { codec: string; config: VideoConfig } {
  switch (codecId) {
    case 'V_MPEG4/ISO/AVC':
      return { codec: 'h264', config: avcConfig(priv ?? bail('AVC without avcC')) };
    case 'V_MPEGH/ISO/HEVC':
      return { codec: 'hevc', config: hevcConfig(priv ?? bail('HEVC without hvcC')) };
    case 'V_AV1':
      return { codec: 'av1', config: av1Config(priv ?? bail('AV1 without av1C')) };
    case 'V_VP9':
      return { codec: 'vp9', config: vp9Config(r, t, priv, firstCluster) };
    default:
      return bail(`unknown video codec ${codecId}`);
  }
}

/** VP9 CodecPrivate is optional (ffmpeg's muxer omits it); ffprobe then reads the first frame, and so do we. */
function vp9Config(r: ByteReader, t: Fields, priv: Buffer | null, firstCluster: number | null): VideoConfig {
  const fromPrivate = priv ? vp9CodecPrivate(priv) : { profile: null, bitDepth: null };
  if (fromPrivate.profile !== null && fromPrivate.bitDepth !== null) {
    return { profile: fromPrivate.profile, level: null, bitDepth: fromPrivate.bitDepth, transfer: null };
  }
  if (firstCluster === null) bail('VP9 without CodecPrivate nor a cluster to peek at');
  const frame = vp9FrameHeader(firstFrame(r, firstCluster, t.uint(ID.TrackNumber, 0)));
  return { ...frame, level: null, transfer: null };
}

/** Start of the first frame of `track` in the first cluster: only the first blocks are read, never the whole cluster. */
function firstFrame(r: ByteReader, clusterOffset: number, track: number): Buffer {
  const cluster = readHeader(r, clusterOffset);
  const buf = r.readUpTo(cluster.start, Math.min(CLUSTER_PEEK_BYTES, cluster.size ?? CLUSTER_PEEK_BYTES));
  for (let at = 0; at + 2 < buf.length; ) {
    const { element: e } = header(buf, at);
    if (e.size === null) bail('cluster child of unknown size');
    if (e.id === ID.SimpleBlock || e.id === ID.BlockGroup) {
      const frame = blockFrame(buf, e, track);
      if (frame) return frame;
    }
    at = e.start + e.size;
  }
  return bail('no frame of the track in the first cluster');
}

function blockFrame(buf: Buffer, e: Element, track: number): Buffer | null {
  let block = e;
  if (e.id === ID.BlockGroup) {
    if (e.start + (e.size ?? 0) > buf.length) return bail('block group beyond the peeked bytes');
    block = children(buf, e.start, e.start + (e.size ?? 0)).find((c) => c.id === ID.Block) ?? bail('BlockGroup without Block');
  }
  const number = vint(buf, block.start, false);
  if (number.value !== track) return null;
  const flags = buf[block.start + number.length + 2] ?? bail('truncated block');
  if (flags & 0x06) bail('laced video block');
  const from = block.start + number.length + 3;
  return buf.subarray(from, Math.min(buf.length, from + 16));
}

const DOLBY_VISION_CONFIGS = new Set([0x64766343 /* dvcC */, 0x64767643 /* dvvC */]);

function hasDolbyVision(t: Fields): boolean {
  return t.all(ID.BlockAdditionMapping).some((m) => DOLBY_VISION_CONFIGS.has(new Fields(t.buf, m).uint(ID.BlockAddIDType, 0)));
}

function fillAudio(t: Fields, codecId: string, stream: ProbedStream): void {
  const audio = t.nested(ID.Audio) ?? bail('audio track without Audio');
  if (codecId.startsWith('A_AAC')) {
    // AAC without an AudioSpecificConfig (old A_AAC/MPEG4/... ids) leaves SBR and channel layout to guesswork.
    const config = aacConfig(t.bytes(ID.CodecPrivate) ?? bail('AAC without CodecPrivate'));
    Object.assign(stream, { codec: 'aac', profile: config.profile, channels: config.channels, sampleRate: config.sampleRate });
    return;
  }
  const codec = PLAIN_AUDIO_CODECS[codecId] ?? bail(`unknown audio codec ${codecId}`);
  const channels = audio.uint(ID.Channels, 1);
  // ffmpeg's E-AC-3 decoder of our reference build only decodes the 5.1 core of 7.1 streams.
  if (codec === 'eac3' && channels > 6) bail('E-AC-3 beyond 5.1');
  const rate = audio.float(ID.SamplingFrequency) ?? 8000;
  Object.assign(stream, { codec, channels, sampleRate: codec === 'opus' ? 48000 : Math.round(rate) });
}

/** ffmpeg keeps chapters with a UID and a start later than the previous kept one; a missing end is the next start. */
function readChapters(chapters: Fields, durationSeconds: number): ProbeResult['chapters'] {
  const editions = chapters.all(ID.EditionEntry);
  if (editions.length > 1) bail('several chapter editions');
  const edition = editions[0];
  if (!edition) return [];
  const kept: { start: number; end: number | null; title: string | null }[] = [];
  let maxStart = 0;
  for (const atom of new Fields(chapters.buf, edition).all(ID.ChapterAtom)) {
    const a = new Fields(chapters.buf, atom);
    const start = a.uint(ID.ChapterTimeStart, 0);
    const uid = a.bytes(ID.ChapterUID);
    // UIDs are often random 64-bit values: only "present and not zero" matters, as in ffmpeg.
    if (!uid?.some((b) => b !== 0) || !(maxStart === 0 || start > maxStart)) continue;
    maxStart = start;
    const end = a.one(ID.ChapterTimeEnd) ? a.uint(ID.ChapterTimeEnd, 0) / 1e9 : null;
    const displays = a.all(ID.ChapterDisplay);
    if (displays.length > 1) bail('chapter titles in several languages');
    const display = displays[0];
    kept.push({ start: start / 1e9, end, title: display ? new Fields(chapters.buf, display).text(ID.ChapString) : null });
  }
  return kept.map((c, i) => ({ start: c.start, end: c.end ?? kept[i + 1]?.start ?? durationSeconds, title: c.title }));
}
