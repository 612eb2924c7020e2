import { describe, expect, it } from 'vitest';
import { identify, type Identification, type LibraryType } from '../../src/main/library/naming';

// Titles that exercise the hard cases: numbers, years in titles, articles, non-Latin scripts.
const TITLES = [
  'The Matrix', 'Alien', 'Blade Runner 2049', '1917', '2001 A Space Odyssey', 'Apollo 13', 'Heat', 'Amélie', 'Parasite',
  'Spirited Away', 'Леон', '千と千尋の神隠し', '기생충', 'Ocean\'s Eleven', 'Spider-Man', 'Up', 'Se7en', 'The Big Lebowski',
  'No Country for Old Men', 'Mad Max Fury Road', 'Inception', 'Arrival', 'Her', 'Jaws', 'Alien 3', '12 Angry Men', 'Tenet',
];
const SHOWS = ['Doctor Who', 'The 100', '24', '9-1-1', '1923', 'Breaking Bad', 'Stranger Things', 'Grey\'s Anatomy', 'Dark', 'Shōgun'];
const JUNK = ['1080p.BluRay.x264-GRP', '2160p.WEB-DL.DDP5.1.HDR.H.265-FLUX', '720p.HDTV.x264', 'REPACK.1080p.WEB.H264-NTb', 'DVDRip.XviD'];

interface Case {
  path: string;
  type: LibraryType;
  expected: Partial<Identification> & { kind: Identification['kind'] };
}

/** 10,000 varied paths, each with what identify() must say about it. */
function generate(): Case[] {
  const out: Case[] = [];
  for (let i = 0; out.length < 10_000; i++) {
    const t = TITLES[i % TITLES.length] as string;
    const y = 1950 + ((i * 7) % 74);
    const show = SHOWS[i % SHOWS.length] as string;
    const s = 1 + (i % 9);
    const e = 1 + ((i * 3) % 24);
    const junk = JUNK[i % JUNK.length] as string;
    const ee = String(e).padStart(2, '0');
    switch (i % 8) {
      case 0:
        out.push({ path: `${t} (${y})/${t} (${y}).mkv`, type: 'movies', expected: { kind: 'movie', title: t, year: y, movieFolder: `${t} (${y})` } });
        break;
      case 1:
        out.push({ path: `Movies/${t.replace(/ /g, '.')}.${y}.${junk}.mkv`, type: 'movies', expected: { kind: 'movie', title: t, year: y, movieFolder: null } });
        break;
      case 2:
        out.push({ path: `${t} (${y})/tm-${junk}.mkv`, type: 'mixed', expected: { kind: 'movie', title: t, year: y, movieFolder: `${t} (${y})` } });
        break;
      case 3:
        out.push({
          path: `${show}/Season ${s}/${show.replace(/ /g, '.')}.S0${s}E${ee}.${junk}.mkv`,
          type: 'shows',
          expected: { kind: 'episode', series: show, seriesFolder: show, season: s, episode: e },
        });
        break;
      case 4:
        out.push({
          path: `${show} (2005)/Season ${s}/${String(e).padStart(2, '0')} - Chapter ${e}.mkv`,
          type: 'mixed',
          expected: { kind: 'episode', series: show, seriesYear: 2005, season: s, episode: e, title: `Chapter ${e}` },
        });
        break;
      case 5:
        out.push({
          path: `${show}/${show} - ${s}x${ee}-${s}x${String(e + 1).padStart(2, '0')} - Title.avi`,
          type: 'shows',
          expected: { kind: 'episode', series: show, season: s, episode: e, episodeEnd: e + 1, title: 'Title' },
        });
        break;
      case 6:
        out.push({ path: `${t} (${y})/Featurettes/Making ${t}.mp4`, type: 'movies', expected: { kind: 'extra', extraType: 'featurette', owner: `${t} (${y})` } });
        break;
      default:
        out.push({ path: `${t} (${y})/${t} (${y})-sample.mkv`, type: 'movies', expected: { kind: 'ignored', reason: 'sample' } });
    }
  }
  return out;
}

describe('bulk: 10,000 generated paths', () => {
  it('identifies every path and gets a spread sample right', () => {
    const cases = generate();
    const results = cases.map((c) => identify(c.path, c.type));
    expect(results).toHaveLength(10_000);
    for (let i = 0; i < cases.length; i += 37) {
      const c = cases[i] as Case;
      expect(results[i], c.path).toMatchObject(c.expected);
    }
  });
});
