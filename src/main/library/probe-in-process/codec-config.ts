// Decodes the codec configuration records both containers carry (avcC, hvcC, av1C, VP9, AudioSpecificConfig, dac3/dec3, dOps, FLAC STREAMINFO) into ffprobe's terms.
import { bail } from './byte-reader';

export interface VideoConfig {
  profile: string | null;
  level: number | null;
  bitDepth: number;
  /** ISO/IEC 23091-2 transfer characteristics from the bitstream header (2 = unspecified); null when we did not read that far. */
  transfer: number | null;
}

export interface AudioConfig {
  profile: string | null;
  channels: number;
  sampleRate: number;
}

/** MSB-first bit reader with Exp-Golomb codes, for SPS and frame headers. */
class BitReader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  u(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.buf[this.pos >> 3];
      if (byte === undefined) bail('bitstream ends early');
      v = v * 2 + ((byte >> (7 - (this.pos & 7))) & 1);
      this.pos++;
    }
    return v;
  }

  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) if (++zeros > 31) bail('bad exp-golomb code');
    return 2 ** zeros - 1 + this.u(zeros);
  }

  se(): number {
    const k = this.ue();
    return k & 1 ? (k + 1) / 2 : -k / 2;
  }
}

/** NAL payloads escape 00 00 0x as 00 00 03 0x; the bit reader needs the raw bits. */
function unescapeRbsp(nal: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < nal.length; i++) {
    const b = nal[i] as number;
    if (b === 3 && i >= 2 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
    out.push(b);
  }
  return Buffer.from(out);
}

function need(buf: Buffer, length: number, what: string): void {
  if (buf.length < length) bail(`${what} too short`);
}

const H264_HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135, 144]);

/** ffmpeg's names (libavcodec/profiles.c), including its constrained/intra variants. */
function h264ProfileName(idc: number, constraints: number): string {
  const set1 = (constraints & 0x40) !== 0;
  const set3 = (constraints & 0x10) !== 0;
  switch (idc) {
    case 66: return set1 ? 'Constrained Baseline' : 'Baseline';
    case 77: return 'Main';
    case 88: return 'Extended';
    case 100: return 'High';
    case 110: return set3 ? 'High 10 Intra' : 'High 10';
    case 122: return set3 ? 'High 4:2:2 Intra' : 'High 4:2:2';
    case 244: return set3 ? 'High 4:4:4 Intra' : 'High 4:4:4 Predictive';
    case 44: return 'CAVLC 4:4:4';
    default: return bail(`unknown H.264 profile ${idc}`);
  }
}

export function avcConfig(avcC: Buffer): VideoConfig {
  need(avcC, 8, 'avcC');
  if (avcC[0] !== 1) bail('unknown avcC version');
  if (((avcC[5] as number) & 0x1f) < 1) bail('avcC without SPS');
  const spsLength = avcC.readUInt16BE(6);
  need(avcC, 8 + spsLength, 'avcC SPS');
  const sps = parseH264Sps(unescapeRbsp(avcC.subarray(9, 8 + spsLength)));
  return { profile: h264ProfileName(sps.profileIdc, sps.constraints), level: sps.level, bitDepth: sps.bitDepth, transfer: sps.transfer };
}

export const UNSPECIFIED_TRANSFER = 2;

interface H264Sps {
  profileIdc: number;
  constraints: number;
  level: number;
  bitDepth: number;
  transfer: number;
}

/** Walks the SPS as far as the VUI colour description: HDR H.264 has no other place to say so. */
function parseH264Sps(rbsp: Buffer): H264Sps {
  const r = new BitReader(rbsp);
  const profileIdc = r.u(8);
  const constraints = r.u(8);
  const level = r.u(8);
  r.ue();
  let bitDepth = 8;
  if (H264_HIGH_PROFILES.has(profileIdc)) {
    if (r.ue() === 3) r.u(1);
    bitDepth = r.ue() + 8;
    r.ue();
    r.u(1);
    // Scaling matrices are rare in consumer files; not worth decoding just to skip them.
    if (r.u(1)) bail('SPS with scaling matrices');
  }
  r.ue();
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.u(1);
    r.se();
    r.se();
    const n = r.ue();
    if (n > 255) bail('bad SPS');
    for (let i = 0; i < n; i++) r.se();
  }
  r.ue();
  r.u(1);
  r.ue();
  r.ue();
  if (!r.u(1)) r.u(1);
  r.u(1);
  if (r.u(1)) for (let i = 0; i < 4; i++) r.ue();
  return { profileIdc, constraints, level, bitDepth, transfer: r.u(1) ? vuiTransfer(r) : UNSPECIFIED_TRANSFER };
}

/** The SPS is H.264's only colour source, so a VUI without a colour description means "unspecified" (2). */
function vuiTransfer(r: BitReader): number {
  if (r.u(1) && r.u(8) === 255) r.u(32);
  if (r.u(1)) r.u(1);
  if (!r.u(1)) return UNSPECIFIED_TRANSFER;
  r.u(4);
  if (!r.u(1)) return UNSPECIFIED_TRANSFER;
  r.u(8);
  return r.u(8);
}

const HEVC_PROFILES: Record<number, string> = { 1: 'Main', 2: 'Main 10', 3: 'Main Still Picture', 4: 'Rext' };

export function hevcConfig(hvcC: Buffer): VideoConfig {
  need(hvcC, 23, 'hvcC');
  if (hvcC[0] !== 1) bail('unknown hvcC version');
  const profile = HEVC_PROFILES[(hvcC[1] as number) & 0x1f] ?? bail('unknown HEVC profile');
  // The transfer sits deep in the SPS VUI; callers treat >8-bit HEVC without container colour info as unknown.
  return { profile, level: hvcC[12] as number, bitDepth: ((hvcC[17] as number) & 7) + 8, transfer: null };
}

const AV1_PROFILES = ['Main', 'High', 'Professional'];

export function av1Config(av1C: Buffer): VideoConfig {
  need(av1C, 4, 'av1C');
  if (av1C[0] !== 0x81) bail('unknown av1C version');
  const b1 = av1C[1] as number;
  const b2 = av1C[2] as number;
  const profile = AV1_PROFILES[b1 >> 5] ?? bail('unknown AV1 profile');
  const bitDepth = b2 & 0x40 ? (b2 & 0x20 ? 12 : 10) : 8;
  return { profile, level: null, bitDepth, transfer: null };
}

function vp9Profile(n: number): string {
  if (n > 3) bail('unknown VP9 profile');
  return `Profile ${n}`;
}

/** vpcC payload after its version/flags word. */
export function vpcConfig(vpcC: Buffer): VideoConfig {
  need(vpcC, 6, 'vpcC');
  const bitDepth = (vpcC[2] as number) >> 4;
  if (bitDepth !== 8 && bitDepth !== 10 && bitDepth !== 12) bail('bad vpcC bit depth');
  return { profile: vp9Profile(vpcC[0] as number), level: null, bitDepth, transfer: vpcC[4] as number };
}

/** Matroska's VP9 CodecPrivate: (id, length, value) features, 1 = profile, 3 = bit depth. */
export function vp9CodecPrivate(priv: Buffer): { profile: string | null; bitDepth: number | null } {
  let profile: string | null = null;
  let bitDepth: number | null = null;
  for (let i = 0; i + 2 <= priv.length; ) {
    const id = priv[i] as number;
    const len = priv[i + 1] as number;
    const value = priv[i + 2];
    if (len === 1 && value !== undefined) {
      if (id === 1) profile = vp9Profile(value);
      if (id === 3) bitDepth = value;
    }
    i += 2 + len;
  }
  return { profile, bitDepth };
}

/** The uncompressed header of a VP9 key frame names the profile and, from profile 2, the bit depth. */
export function vp9FrameHeader(frame: Buffer): { profile: string; bitDepth: number } {
  const r = new BitReader(frame);
  if (r.u(2) !== 2) bail('not a VP9 frame');
  const low = r.u(1);
  const profile = r.u(1) * 2 + low;
  if (profile === 3) r.u(1);
  if (r.u(1)) bail('VP9 frame shows an existing frame');
  if (r.u(1) !== 0) bail('first VP9 frame is not a key frame');
  r.u(2);
  if (r.u(24) !== 0x498342) bail('bad VP9 sync code');
  const bitDepth = profile >= 2 ? (r.u(1) ? 12 : 10) : 8;
  return { profile: vp9Profile(profile), bitDepth };
}

const AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
const AAC_PROFILES: Record<number, string> = { 1: 'Main', 2: 'LC', 3: 'SSR', 4: 'LTP', 5: 'HE-AAC', 29: 'HE-AACv2', 23: 'LD', 39: 'ELD' };
const AAC_CHANNELS: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 8, 11: 7, 12: 8, 14: 8 };

function aacObjectType(r: BitReader): number {
  const aot = r.u(5);
  return aot === 31 ? 32 + r.u(6) : aot;
}

function aacRate(r: BitReader): number {
  const index = r.u(4);
  return index === 15 ? r.u(24) : (AAC_RATES[index] ?? bail('bad AAC sample rate index'));
}

/** ISO 14496-3 AudioSpecificConfig, as ffprobe reports it after decoding. */
export function aacConfig(asc: Buffer): AudioConfig {
  const r = new BitReader(asc);
  const aot = aacObjectType(r);
  let sampleRate = aacRate(r);
  const channels = AAC_CHANNELS[r.u(4)] ?? bail('AAC channel layout in a PCE');
  if (aot === 5 || aot === 29) {
    const profile = AAC_PROFILES[aot] as string;
    // Explicit SBR signalling: the extension rate is the decoded (reported) rate.
    sampleRate = aacRate(r);
    // Parametric stereo decodes a mono core to two channels.
    return { profile, channels: profile === 'HE-AACv2' ? 2 : channels, sampleRate };
  }
  // Low-rate LC may carry implicit SBR that only decoding reveals (ffprobe then says HE-AAC at twice the rate).
  if (aot === 2 && sampleRate <= 24000) bail('possible implicit SBR');
  return { profile: AAC_PROFILES[aot] ?? bail(`unknown AAC object type ${aot}`), channels, sampleRate };
}

const AC3_RATES = [48000, 44100, 32000];
const AC3_ACMOD_CHANNELS = [2, 1, 2, 3, 3, 4, 4, 5];

/** dac3 (ETSI TS 102 366 F.4): the sample entry's channel count is always 2, this is the real one. */
export function dac3Config(dac3: Buffer): AudioConfig {
  need(dac3, 3, 'dac3');
  const r = new BitReader(dac3);
  const sampleRate = AC3_RATES[r.u(2)] ?? bail('bad AC-3 fscod');
  r.u(5);
  r.u(3);
  const acmod = r.u(3);
  return { profile: null, channels: (AC3_ACMOD_CHANNELS[acmod] as number) + r.u(1), sampleRate };
}

/** dec3 (F.6); streams with several or dependent substreams (7.1, Atmos beds) go to ffprobe. */
export function dec3Config(dec3: Buffer): AudioConfig {
  need(dec3, 5, 'dec3');
  const r = new BitReader(dec3);
  r.u(13);
  if (r.u(3) !== 0) bail('E-AC-3 with several independent substreams');
  const sampleRate = AC3_RATES[r.u(2)] ?? bail('E-AC-3 reduced sample rate');
  r.u(5);
  r.u(1);
  r.u(1);
  r.u(3);
  const acmod = r.u(3);
  const lfe = r.u(1);
  r.u(3);
  if (r.u(4) !== 0) bail('E-AC-3 with dependent substreams');
  return { profile: null, channels: (AC3_ACMOD_CHANNELS[acmod] as number) + lfe, sampleRate };
}

/** dOps: Opus always decodes at 48 kHz whatever the input rate was. */
export function dOpsConfig(dOps: Buffer): AudioConfig {
  need(dOps, 11, 'dOps');
  if (dOps[0] !== 0) bail('unknown dOps version');
  return { profile: null, channels: dOps[1] as number, sampleRate: 48000 };
}

/** FLAC STREAMINFO body (after its 4-byte block header). */
export function flacStreamInfo(info: Buffer): AudioConfig {
  need(info, 18, 'STREAMINFO');
  const r = new BitReader(info.subarray(10));
  const sampleRate = r.u(20);
  return { profile: null, channels: r.u(3) + 1, sampleRate };
}
