// The demo clips: ffmpeg argv per codec set, the calm lavfi visuals and chord audio, and running one encode.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ffmpegLists, runTool, stderrTail } from '../media-tools/run';
import type { ChapterSpec, ClipSpec, CodecSet, Cue, ShowIntro, Visual } from './recipe';

export const CONTAINER_EXT: Record<CodecSet, 'mp4' | 'webm' | 'mkv'> = {
  'h264-aac-mp4': 'mp4',
  'vp9-opus-webm': 'webm',
  'h264-ac3-mkv': 'mkv',
  'hevc-aac-mkv': 'mkv',
  'h264-aac-ac3-mkv': 'mkv',
};

/**
 * Fonts for the title card. The static ffmpeg build has freetype but its fontconfig cannot be trusted to
 * find system fonts, so a font file is looked up directly; without one the clips simply carry no text.
 */
export function findTitleFont(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
  const candidates = [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    '/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf',
    '/usr/share/fonts/truetype/freefont/FreeSansBold.ttf',
    '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
    '/Library/Fonts/Arial Bold.ttf',
    '/System/Library/Fonts/Helvetica.ttc',
    join(windir, 'Fonts', 'arialbd.ttf'),
    join(windir, 'Fonts', 'segoeuib.ttf'),
  ];
  return candidates.find((p) => existsSync(p));
}

const drawtextSupport = new Map<string, Promise<boolean>>();

/** A user-configured ffmpeg may be built without freetype; then the clips go without their title card. */
export function hasDrawtext(ffmpeg: string): Promise<boolean> {
  let known = drawtextSupport.get(ffmpeg);
  if (!known) {
    known = runTool(ffmpeg, ['-hide_banner', '-filters'], { timeoutMs: 15_000 }).then(
      (r) => r.code === 0 && ffmpegLists(r.stdout, 'drawtext'),
      () => false,
    );
    drawtextSupport.set(ffmpeg, known);
  }
  return known;
}

/**
 * A filter option value goes through two parsers: the option parser (`:` separates options, `'` quotes)
 * and the filtergraph parser (`,` `;` `[` `]` separate filters). Escaping for both, in that order, lets
 * paths and expressions contain any of those characters.
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\':]/g, '\\$&');
  return optionLevel.replace(/[\\'[\],;]/g, '\\$&');
}

type FilterOpts = readonly (readonly [string, string | number])[];
function filter(name: string, opts: FilterOpts = []): string {
  if (opts.length === 0) return name;
  return `${name}=${opts.map(([k, v]) => `${k}=${escapeFilterValue(String(v))}`).join(':')}`;
}

/**
 * The visual is computed at a quarter (cellular sources) down to a sixteenth (soft per-pixel expressions)
 * of the frame, coloured and blurred there, and only then scaled up: the picture is soft by design, so this
 * costs a fraction of full-size filtering and also encodes small.
 */
function visualSource(visual: Visual, hue: number, w: number, h: number, fps: number, seed: number): string[] {
  const div = visual === 'bokeh' ? 16 : visual === 'fireflies' || visual === 'fractal' || visual === 'weave' ? 4 : 8;
  const lw = Math.round(w / div / 2) * 2;
  const lh = Math.round(h / div / 2) * 2;
  const size = `${lw}x${lh}`;
  const canvas = [filter('color', [['c', 'black'], ['s', size], ['r', fps]]), filter('format', [['pix_fmts', 'rgb24']])];
  const blur = (sigma: number): string[] => (sigma > 0 ? [filter('gblur', [['sigma', sigma]])] : []);
  let chain: string[];
  switch (visual) {
    case 'aurora':
      chain = [
        ...canvas,
        filter('geq', [
          ['r', '40+30*sin(X/W*9+T*0.6)'],
          ['g', '90+80*sin(X/W*7+Y/H*8+T*0.4)*sin(Y/H*5-T*0.3)'],
          ['b', '120+60*sin((X/W-Y/H)*5+T*0.5)'],
        ]),
        ...blur(1.5),
      ];
      break;
    case 'sunset': {
      // A soft sun sinking slowly through a warm vertical gradient.
      const sun = `exp(-(pow(X-W*0.5,2)+pow(Y-H*(0.3+T*0.012),2))/(W*0.5))`;
      chain = [
        ...canvas,
        filter('geq', [
          ['r', `clip(255*(0.3+0.7*Y/H)+200*${sun},0,255)`],
          ['g', `clip(60+120*Y/H+150*${sun},0,255)`],
          ['b', `clip(30+140*(1-Y/H),0,255)`],
        ]),
        ...blur(0.6),
      ];
      break;
    }
    case 'fireflies':
      chain = [
        filter('life', [
          ['s', size],
          ['rate', fps],
          ['mold', 20],
          ['ratio', 0.22],
          // Seeded so the same recipe always gives the same pictures (and file sizes).
          ['seed', seed],
          ['life_color', '#ffd27a'],
          ['death_color', '#402040'],
          ['mold_color', '#101c3a'],
        ]),
        ...blur(1.2),
      ];
      break;
    case 'fractal':
      chain = [
        filter('mandelbrot', [
          ['s', size],
          ['rate', fps],
          ['maxiter', 256],
          ['start_scale', 3],
          ['end_scale', 0.6],
          // end_pts counts frames: a slow zoom over thirty seconds.
          ['end_pts', 30 * fps],
          ['inner', 'black'],
          ['outer', 'normalized_iteration_count'],
        ]),
        filter('hue', [['s', 0.5]]),
        ...blur(0.6),
      ];
      break;
    case 'weave':
      chain = [
        filter('cellauto', [['s', size], ['rate', fps], ['rule', 30], ['random_fill_ratio', 0.5], ['seed', seed]]),
        filter('format', [['pix_fmts', 'rgb24']]),
        filter('lutrgb', [['r', 'val*0.25+30'], ['g', 'val*0.45+40'], ['b', 'val*0.55+60']]),
        ...blur(1),
      ];
      break;
    case 'bokeh': {
      // Three soft out-of-focus lights drifting on slow Lissajous paths.
      const blob = (ax: number, ay: number, fx: number, fy: number): string =>
        `exp(-(pow(X-W*(0.5+${ax}*sin(T*${fx})),2)+pow(Y-H*(0.5+${ay}*cos(T*${fy})),2))/(W*2.5))`;
      const a = blob(0.3, 0.3, 0.31, 0.23);
      const b = blob(0.35, 0.25, 0.19, 0.37);
      const c = blob(0.25, 0.35, 0.27, 0.17);
      chain = [
        ...canvas,
        filter('geq', [
          ['r', `clip(25+190*${a}+70*${c},0,255)`],
          ['g', `clip(20+150*${b}+110*${c},0,255)`],
          ['b', `clip(45+110*${a}+190*${b},0,255)`],
        ]),
      ];
      break;
    }
    case 'ocean':
      chain = [
        ...canvas,
        filter('geq', [
          ['r', 'if(lt(Y,H*0.4),230-Y/H*180,20+15*sin(Y/H*45-T*1.5+sin(X/W*14+T*0.7)))'],
          ['g', 'if(lt(Y,H*0.4),150+Y/H*90,70+35*sin(Y/H*36-T*1.5+sin(X/W*18-T*0.5)))'],
          ['b', 'if(lt(Y,H*0.4),120+Y/H*180,120+50*sin(Y/H*30-T*1.2+sin(X/W*12+T*0.3)))'],
        ]),
        ...blur(0.5),
      ];
      break;
    case 'dusk':
      chain = [
        ...canvas,
        filter('geq', [
          ['r', '90+80*(1-Y/H)+30*sin(T*0.3+X/W*4)'],
          ['g', '40+50*(1-Y/H)'],
          ['b', '110+60*(Y/H)+30*sin(T*0.2-X/W*3)'],
        ]),
        filter('vignette', [['angle', 'PI/4']]),
      ];
      break;
  }
  if (hue !== 0) chain.push(filter('hue', [['h', hue]]));
  chain.push(filter('format', [['pix_fmts', 'yuv420p']]), filter('scale', [['w', w], ['h', h], ['flags', 'bicubic']]));
  return chain;
}

export interface TitleCard {
  /** Big line, e.g. the title. */
  heading: string;
  /** Smaller line under it, e.g. the year or "S01E02 · Episode". */
  subheading: string;
}

export interface ClipJob {
  spec: ClipSpec;
  /** Absolute output path; its extension must match the codec set's container. */
  output: string;
  /** Stored as the container's title tag. */
  metadataTitle: string;
  card: TitleCard;
  /** Scratch folder for the drawtext and subtitle files of this clip. */
  workDir: string;
  fontFile?: string;
  /** An episode of a show with an intro: the title card moves into it, and the credits close the clip. */
  intro?: ShowIntro;
}

/** Files the argv refers to; written by `prepareClipInputs` before ffmpeg runs. */
export interface ClipInputs {
  headingFile?: string;
  subheadingFile?: string;
  clockFile?: string;
  subtitleFile?: string;
  chaptersFile?: string;
}

function videoGraph(job: ClipJob, inputs: ClipInputs): string {
  const { spec } = job;
  const [w, h] = spec.size.split('x').map(Number) as [number, number];
  const s = spec.seconds;
  const chain = visualSource(spec.visual, spec.hue, w, h, spec.fps, Math.round(spec.tone * 1000));
  chain.push(filter('fade', [['t', 'in'], ['st', 0], ['d', 0.8]]));
  chain.push(filter('fade', [['t', 'out'], ['st', s - 1], ['d', 1]]));
  if (job.fontFile && inputs.headingFile && inputs.subheadingFile && inputs.clockFile) {
    // The card fades in, holds and fades out over the first five seconds (or over the show's intro); the
    // clock helps check seeking.
    const from = job.intro ? job.intro.coldOpenSeconds : 0;
    const to = job.intro ? job.intro.coldOpenSeconds + job.intro.introSeconds : 5;
    const alpha = `if(lt(t,${from + 0.6}),0,if(lt(t,${from + 1.4}),(t-${from + 0.6})/0.8,if(lt(t,${to - 1}),1,if(lt(t,${to}),${to}-t,0))))`;
    const longest = Math.max(job.card.heading.length, 1);
    const headingSize = Math.round(Math.min(h / 8, (w * 0.9) / (longest * 0.62)));
    const subSize = Math.round(Math.min(h / 16, (w * 0.9) / (Math.max(job.card.subheading.length, 1) * 0.58)));
    const card: FilterOpts = [
      ['fontfile', job.fontFile],
      ['fontcolor', 'white'],
      ['shadowcolor', 'black@0.55'],
      ['shadowx', 2],
      ['shadowy', 2],
      ['expansion', 'none'],
      ['alpha', alpha],
      ['x', '(w-text_w)/2'],
    ];
    chain.push(
      filter('drawtext', [...card, ['textfile', inputs.headingFile], ['fontsize', headingSize], ['y', 'h/2-text_h-8']]),
      filter('drawtext', [...card, ['textfile', inputs.subheadingFile], ['fontsize', subSize], ['y', 'h/2+10']]),
      // The clock's text file holds `%{pts:hms}`, so this one keeps drawtext's normal expansion.
      filter('drawtext', [
        ['fontfile', job.fontFile],
        ['textfile', inputs.clockFile],
        ['fontsize', Math.round(h / 26)],
        ['fontcolor', 'white@0.55'],
        ['shadowcolor', 'black@0.3'],
        ['shadowx', 1],
        ['shadowy', 1],
        ['x', 'w-text_w-14'],
        ['y', 'h-text_h-12'],
      ]),
    );
  }
  if (job.intro) {
    // End credits: black, with thin white lines rolling up, like names (blackdetect sees black).
    const start = s - job.intro.creditsSeconds;
    const on = `gte(t,${start})`;
    chain.push(filter('drawbox', [['x', 0], ['y', 0], ['w', 'iw'], ['h', 'ih'], ['color', 'black'], ['t', 'fill'], ['enable', on]]));
    for (let i = 0; i < 4; i++) {
      chain.push(filter('drawbox', [['x', 'iw*0.35'], ['y', `ih-mod((t-${start})*${Math.round(h / 6)}+${i * Math.round(h / 4)},ih)`], ['w', 'iw*0.3'], ['h', 2], ['color', 'white'], ['t', 'fill'], ['enable', on]]));
    }
  }
  return chain.join(',');
}

/** The show's theme (or credits) tune: notes from a hashed table, so one seed is one tune in every episode. */
function tuneExpr(seed: number, notesPerSecond: number, base: number, from: number, to: number): string {
  const note = `floor(mod(abs(sin(floor((t-${from})*${notesPerSecond})*12.9898+${seed}*78.233))*43758.5453,1)*12)`;
  const f = `(${base}*pow(2,${note}/12))`;
  return `if(between(t,${from},${to}),0.09*sin(2*PI*${f}*t)+0.04*sin(4*PI*${f}*t),0)`;
}

/**
 * A quiet chord (root, fifth, octave) with a slow swell; the pitch tells titles apart by ear. Built from
 * `sine` sources mixed by `pan`, which costs a fraction of an `aevalsrc` expression per sample.
 */
function audioGraph(tone: number, seconds: number, layout: 'stereo' | '5.1', intro?: ShowIntro): string {
  const freqs = [tone, tone * 1.5, tone * 2.004, tone / 4];
  const sources = freqs.map((f, i) => `${filter('sine', [['f', f.toFixed(3)], ['r', 48000]])}[s${i}]`);
  if (intro) {
    // The episode's own chord falls silent under the shared theme and credits tunes, which every episode
    // of the show plays sample for sample: that is what the intro detection matches across a season.
    const introEnd = intro.coldOpenSeconds + intro.introSeconds;
    const creditsStart = seconds - intro.creditsSeconds;
    // Around them the episode hums its own tune over its chord, as an episode's own scenes differ.
    const own = Math.round(tone * 10);
    const tunes = [
      tuneExpr(own, 5, tone * 1.5, 0, intro.coldOpenSeconds),
      tuneExpr(intro.theme, 4, 330, intro.coldOpenSeconds, introEnd),
      tuneExpr(own + 1, 5, tone * 1.5, introEnd, creditsStart),
      tuneExpr(intro.theme + 1, 3, 262, creditsStart, seconds),
    ].join('+');
    const chord = `between(t,${intro.coldOpenSeconds},${introEnd})+gte(t,${creditsStart})`;
    const gate = filter('volume', [['volume', 0], ['enable', chord]]);
    const theme = `${filter('aevalsrc', [['exprs', tunes], ['s', 48000]])},${filter('aformat', [['channel_layouts', layout === 'stereo' ? 'stereo' : '5.1']])}[tune]`;
    const mix = [
      filter('amerge', [['inputs', freqs.length]]),
      filter('pan', [['args', layout === 'stereo' ? 'stereo|c0=0.55*c0+0.4*c1+0.2*c2|c1=0.55*c0+0.3*c1+0.3*c2' : '5.1|FL=0.5*c0+0.35*c1|FR=0.5*c0+0.3*c2|FC=0.45*c0|LFE=0.6*c3|BL=0.25*c1+0.2*c2|BR=0.2*c1+0.25*c2']]),
      filter('tremolo', [['f', 0.2], ['d', 0.25]]),
      gate,
    ].join(',');
    // amix halves each input; the volume after it restores the level.
    const join = [filter('amix', [['inputs', 2], ['duration', 'first']]), filter('volume', [['volume', 2]]), filter('afade', [['t', 'out'], ['st', seconds - 1.5], ['d', 1.5]])].join(',');
    return `${sources.join(';')};${theme};${freqs.map((_, i) => `[s${i}]`).join('')}${mix}[chord];[chord][tune]${join}[out0]`;
  }
  // `sine` peaks at 1/8 of full scale, so with these gains the chord peaks near -17 dBFS: present but quiet.
  const pan =
    layout === 'stereo'
      ? 'stereo|c0=0.55*c0+0.4*c1+0.2*c2|c1=0.55*c0+0.3*c1+0.3*c2'
      : '5.1|FL=0.5*c0+0.35*c1|FR=0.5*c0+0.3*c2|FC=0.45*c0|LFE=0.6*c3|BL=0.25*c1+0.2*c2|BR=0.2*c1+0.25*c2';
  const mix = [
    filter('amerge', [['inputs', freqs.length]]),
    filter('pan', [['args', pan]]),
    filter('tremolo', [['f', 0.2], ['d', 0.25]]),
    filter('afade', [['t', 'in'], ['st', 0], ['d', 1]]),
    filter('afade', [['t', 'out'], ['st', seconds - 1.5], ['d', 1.5]]),
  ].join(',');
  return `${sources.join(';')};${freqs.map((_, i) => `[s${i}]`).join('')}${mix}[out0]`;
}

/** SubRip text: numbered cues with `HH:MM:SS,mmm` times, UTF-8 without BOM. */
export function srtText(cues: readonly Cue[]): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const stamp = (t: number): string => {
    const ms = Math.round(t * 1000);
    return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
  };
  return cues.map(([start, end, text], i) => `${i + 1}\n${stamp(start)} --> ${stamp(end)}\n${text}\n`).join('\n');
}

/**
 * ffmpeg's FFMETADATA text with one [CHAPTER] per chapter, each ending where the next starts and the last at
 * the clip's end. Millisecond timebase; `=`, `;`, `#`, `\` and newlines in a title are backslash-escaped, as
 * the format asks.
 */
export function ffmetadataChapters(chapters: readonly ChapterSpec[], seconds: number): string {
  const ms = (t: number): number => Math.round(t * 1000);
  const escape = (text: string): string => text.replace(/[=;#\\\n]/g, '\\$&');
  const blocks = chapters.map(([start, title], i) => {
    const end = chapters[i + 1]?.[0] ?? seconds;
    return `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${ms(start)}\nEND=${ms(end)}\ntitle=${escape(title)}\n`;
  });
  return `;FFMETADATA1\n${blocks.join('')}`;
}

function h264(gop: number): string[] {
  return [
    '-c:v', 'libx264', '-preset', 'superfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    '-crf', '25', '-maxrate', '1500k', '-bufsize', '3000k',
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
  ];
}

/** The complete ffmpeg argv for one clip. `threads` bounds each encoder so parallel encodes share the cores. */
export function clipArgs(job: ClipJob, inputs: ClipInputs, threads: number): string[] {
  const { spec } = job;
  const s = String(spec.seconds);
  const gop = spec.fps * 2;
  // Keyframes every two seconds whatever the encoder decides, so seeking and HLS segmenting line up.
  const keyframes = ['-force_key_frames', 'expr:gte(t,n_forced*2)'];
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y'];
  args.push('-f', 'lavfi', '-t', s, '-i', videoGraph(job, inputs));
  // The AC-3 set carries a genuine 5.1 mix, like a disc rip; every other first track is stereo.
  const primaryLayout = spec.codec === 'h264-ac3-mkv' ? '5.1' : 'stereo';
  args.push('-f', 'lavfi', '-t', s, '-i', audioGraph(spec.tone, spec.seconds, primaryLayout, job.intro));
  let next = 2;
  let secondAudio: number | undefined;
  let subtitles: number | undefined;
  if (spec.codec === 'h264-aac-ac3-mkv' && spec.secondAudio) {
    args.push('-f', 'lavfi', '-t', s, '-i', audioGraph(spec.secondAudio.tone, spec.seconds, '5.1'));
    secondAudio = next++;
  }
  if (spec.embeddedSubtitle && inputs.subtitleFile) {
    args.push('-f', 'srt', '-i', inputs.subtitleFile);
    subtitles = next++;
  }
  let chapters: number | undefined;
  if (spec.chapters && inputs.chaptersFile) {
    args.push('-f', 'ffmetadata', '-i', inputs.chaptersFile);
    chapters = next++;
  }
  args.push('-map', '0:v:0', '-map', '1:a:0');
  if (secondAudio !== undefined) args.push('-map', `${secondAudio}:a:0`);
  if (subtitles !== undefined) args.push('-map', `${subtitles}:s:0`);
  // Named explicitly: by default ffmpeg takes the chapters of the first input that has any.
  if (chapters !== undefined) args.push('-map_chapters', String(chapters));

  switch (spec.codec) {
    case 'h264-aac-mp4':
      args.push(...h264(gop), '-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-movflags', '+faststart');
      break;
    case 'vp9-opus-webm':
      args.push(
        '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1',
        '-crf', '34', '-b:v', '900k', '-pix_fmt', 'yuv420p', '-g', String(gop), '-keyint_min', String(gop),
        '-c:a', 'libopus', '-b:a', '96k', '-ac', '2',
      );
      break;
    case 'h264-ac3-mkv':
      // The browser cannot play AC-3, so the server must remux: copy the video, make the audio AAC.
      args.push(...h264(gop), '-c:a', 'ac3', '-b:a', '384k');
      break;
    case 'hevc-aac-mkv':
      args.push(
        '-c:v', 'libx265', '-preset', 'ultrafast', '-crf', '28', '-pix_fmt', 'yuv420p',
        '-x265-params', `keyint=${gop}:min-keyint=${gop}:scenecut=0:pools=${threads}:log-level=error`,
        '-c:a', 'aac', '-b:a', '128k', '-ac', '2',
      );
      break;
    case 'h264-aac-ac3-mkv':
      args.push(...h264(gop), '-c:a:0', 'aac', '-b:a:0', '128k', '-ac:a:0', '2', '-c:a:1', 'ac3', '-b:a:1', '384k');
      break;
  }
  if (spec.codec !== 'hevc-aac-mkv') args.push('-threads', String(threads));
  args.push(...keyframes, '-ar', '48000');

  args.push('-metadata', `title=${job.metadataTitle}`);
  args.push('-metadata:s:a:0', `language=${spec.audioLanguage}`, '-disposition:a:0', 'default');
  if (spec.audioTitle) args.push('-metadata:s:a:0', `title=${spec.audioTitle}`);
  if (secondAudio !== undefined && spec.secondAudio) {
    args.push(
      '-metadata:s:a:1', `language=${spec.secondAudio.language}`,
      '-metadata:s:a:1', `title=${spec.secondAudio.title}`,
      '-disposition:a:1', '0',
    );
  }
  if (subtitles !== undefined && spec.embeddedSubtitle) {
    args.push(
      '-c:s', 'srt',
      '-metadata:s:s:0', `language=${spec.embeddedSubtitle.language}`,
      '-metadata:s:s:0', `title=${spec.embeddedSubtitle.title}`,
      '-disposition:s:0', '0',
    );
  }
  // A sparse subtitle stream otherwise trips "Too many packets buffered" in this ffmpeg.
  args.push('-max_muxing_queue_size', '1024', '-t', s, job.output);
  return args;
}

/** Writes the text files the filtergraph reads (text passed through files needs no escaping at all). */
export async function prepareClipInputs(job: ClipJob, key: string): Promise<ClipInputs> {
  await mkdir(job.workDir, { recursive: true });
  const inputs: ClipInputs = {};
  const put = async (name: string, text: string): Promise<string> => {
    const file = join(job.workDir, `${key}.${name}`);
    await writeFile(file, text, 'utf8');
    return file;
  };
  if (job.fontFile) {
    inputs.headingFile = await put('heading.txt', job.card.heading);
    inputs.subheadingFile = await put('subheading.txt', job.card.subheading);
    inputs.clockFile = await put('clock.txt', '%{pts:hms}');
  }
  if (job.spec.embeddedSubtitle) inputs.subtitleFile = await put('embedded.srt', srtText(job.spec.embeddedSubtitle.cues));
  if (job.spec.chapters) inputs.chaptersFile = await put('chapters.txt', ffmetadataChapters(job.spec.chapters, job.spec.seconds));
  return inputs;
}

export class ClipError extends Error {
  constructor(
    message: string,
    readonly title: string,
  ) {
    super(message);
    this.name = 'ClipError';
  }
}


export interface EncodeOptions {
  ffmpeg: string;
  /** Names the title in errors, e.g. "Salt and Static (2009)". */
  title: string;
  threads: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export async function encodeClip(job: ClipJob, key: string, opts: EncodeOptions): Promise<void> {
  const inputs = await prepareClipInputs(job, key);
  const args = clipArgs(job, inputs, opts.threads);
  const result = await runTool(opts.ffmpeg, args, { nice: true, signal: opts.signal, timeoutMs: opts.timeoutMs ?? 180_000 });
  if (result.code !== 0) {
    throw new ClipError(
      `ffmpeg failed making the ${job.spec.codec} clip for "${opts.title}" (exit ${result.code ?? result.signal}):\n` +
        stderrTail(result.stderr, 12, '\n'),
      opts.title,
    );
  }
}

/** A still from the finished clip, for Kodi's `<episode>-thumb.jpg`. */
export async function grabThumb(
  ffmpeg: string,
  video: string,
  atSeconds: number,
  output: string,
  opts: { title: string; signal?: AbortSignal },
): Promise<void> {
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-ss', String(atSeconds), '-i', video, '-frames:v', '1', '-q:v', '3', output,
  ];
  const result = await runTool(ffmpeg, args, { nice: true, signal: opts.signal, timeoutMs: 60_000 });
  if (result.code !== 0) {
    throw new ClipError(`ffmpeg failed grabbing a thumbnail for "${opts.title}":\n${stderrTail(result.stderr, 12, '\n')}`, opts.title);
  }
}
