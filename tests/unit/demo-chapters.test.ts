// The demo's chapters: the FFMETADATA text ffmpeg reads, the argv that maps it, and the recipe's rules.
import { describe, expect, it } from 'vitest';
import { clipArgs, ffmetadataChapters, type ClipJob } from '../../src/main/demo/clips';
import { loadRecipe, type ClipSpec } from '../../src/main/demo/recipe';
import recipeJson from '../../resources/demo/recipe.json';

const spec = (over: Partial<ClipSpec> = {}): ClipSpec => ({
  codec: 'h264-ac3-mkv', seconds: 20, size: '640x360', fps: 24, visual: 'weave', hue: 0, tone: 110, audioLanguage: 'eng', ...over,
});
const job = (s: ClipSpec): ClipJob => ({ spec: s, output: '/tmp/out.mkv', metadataTitle: 'T', card: { heading: 'T', subheading: '2000' }, workDir: '/tmp' });

describe('FFMETADATA chapters', () => {
  it('writes each chapter in milliseconds, ending where the next starts and the last at the clip end', () => {
    expect(ffmetadataChapters([[0, 'One'], [5.5, 'Two']], 20)).toBe(
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=5500\ntitle=One\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=5500\nEND=20000\ntitle=Two\n',
    );
  });

  it('escapes what the format reserves in a title', () => {
    expect(ffmetadataChapters([[0, 'a=b;c#d\\e']], 10)).toContain('title=a\\=b\\;c\\#d\\\\e\n');
  });
});

describe('clip argv', () => {
  it('reads the chapters as one more input and maps them by its index, after the subtitle input', () => {
    const s = spec({ chapters: [[0, 'One'], [10, 'Two']], embeddedSubtitle: { language: 'eng', title: 'English', cues: [[1, 2, 'Hi']] } });
    const args = clipArgs(job(s), { subtitleFile: '/tmp/s.srt', chaptersFile: '/tmp/c.txt' }, 1);
    const inputs = args.flatMap((a, i) => (a === '-i' ? [args[i + 1]] : []));
    expect(inputs.indexOf('/tmp/c.txt')).toBe(3);
    expect(args[args.indexOf('/tmp/c.txt') - 1]).toBe('-i');
    expect(args[args.indexOf('/tmp/c.txt') - 2]).toBe('ffmetadata');
    expect(args[args.indexOf('-map_chapters') + 1]).toBe('3');
  });

  it('leaves chapters out of a clip without them', () => {
    expect(clipArgs(job(spec()), {}, 1)).not.toContain('-map_chapters');
  });
});

describe('the recipe', () => {
  const withChapters = (chapters: unknown, codec = 'h264-ac3-mkv'): unknown => {
    const raw = structuredClone(recipeJson) as { movies: { clip: Record<string, unknown> }[] };
    raw.movies[0]!.clip = { ...raw.movies[0]!.clip, codec, chapters };
    return raw;
  };

  it('gives at least one demo film chapters, so the seek bar has marks to show', () => {
    expect(loadRecipe().movies.some((m) => (m.clip.chapters?.length ?? 0) >= 2)).toBe(true);
  });

  it('refuses chapters out of order, off the clip, not from 0, or in an MP4', () => {
    expect(() => loadRecipe(withChapters([[0, 'A'], [3, 'B']]))).not.toThrow();
    expect(() => loadRecipe(withChapters([[0, 'A'], [3, 'B']], 'h264-aac-mp4'))).toThrow(/MKV/);
    expect(() => loadRecipe(withChapters([[1, 'A'], [3, 'B']]))).toThrow(/starts at 0/);
    expect(() => loadRecipe(withChapters([[0, 'A'], [0.5, 'B']]))).toThrow(/a second apart/);
    expect(() => loadRecipe(withChapters([[0, 'A'], [99, 'B']]))).toThrow(/inside the clip/);
  });
});
