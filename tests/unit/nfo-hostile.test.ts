import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NFO_MAX_BYTES, NfoError, parseNfo, type Nfo, type NfoErrorCode } from '../../src/main/library/nfo';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/nfo/${name}`, import.meta.url), 'utf8');

function errorCode(run: () => unknown): NfoErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (err) {
    // Anything but NfoError fails the test loudly, with the foreign error itself.
    if (!(err instanceof NfoError)) throw err;
    return err.code;
  }
}

/** Runs parseNfo and accepts either a result or an NfoError; any other throw escapes and fails the test. */
function parseOrNfoError(input: string | Buffer): Nfo | NfoError {
  try {
    return parseNfo(input);
  } catch (err) {
    if (err instanceof NfoError) return err;
    throw new Error(`parseNfo threw a non-NfoError: ${String(err)}`, { cause: err });
  }
}

/** Small deterministic PRNG so a failing fuzz case can be reproduced. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('DTDs and entities', () => {
  it('refuses an XXE attempt (external SYSTEM entity) with dtd-forbidden', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<movie><title>&xxe;</title></movie>';
    expect(errorCode(() => parseNfo(xxe))).toBe('dtd-forbidden');
  });

  it('refuses billion laughs with dtd-forbidden', () => {
    const lines = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lines.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${lines.join('\n')}\n]>\n<movie><title>&lol9;</title></movie>`;
    // Refused before any entity is read, so nothing is expanded; how fast is measured by `npm run bench -- nfo`.
    expect(errorCode(() => parseNfo(bomb))).toBe('dtd-forbidden');
  });

  it('checks for DOCTYPE case-insensitively, after a BOM, in UTF-16, and a bare <!ENTITY too', () => {
    expect(errorCode(() => parseNfo('<!doctype movie><movie/>'))).toBe('dtd-forbidden');
    expect(errorCode(() => parseNfo('\uFEFF<!DocType movie SYSTEM "http://evil.example/x.dtd"><movie/>'))).toBe('dtd-forbidden');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<!DOCTYPE movie><movie/>', 'utf16le')]);
    expect(errorCode(() => parseNfo(utf16))).toBe('dtd-forbidden');
    expect(errorCode(() => parseNfo('<movie><!ENTITY x "y"><title>t</title></movie>'))).toBe('dtd-forbidden');
  });

  it('leaves undeclared and HTML entities as literal text instead of resolving them', () => {
    const nfo = parseNfo('<movie><title>&xxe; &nbsp; &lol9;</title></movie>');
    expect(nfo.kind === 'movie' && nfo.title).toBe('&xxe; &nbsp; &lol9;');
  });

  it('does not expand numeric references past their own length (no amplification)', () => {
    const refs = '&#65;'.repeat(300_000);
    const nfo = parseNfo(`<movie><plot>${refs}</plot></movie>`);
    expect(nfo.kind === 'movie' && nfo.plot).toBe('A'.repeat(300_000));
  });
});

describe('size, depth and element limits', () => {
  it('refuses a 50 MB string with too-large', () => {
    const huge = `<movie><plot>${'x'.repeat(50 * 1024 * 1024)}</plot></movie>`;
    expect(errorCode(() => parseNfo(huge))).toBe('too-large');
  });

  it('refuses a 50 MB Buffer with too-large', () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x41);
    expect(errorCode(() => parseNfo(huge))).toBe('too-large');
  });

  it('measures the limit in UTF-8 bytes: a string under 2 MiB in characters but over it in bytes is refused', () => {
    const body = 'é'.repeat(NFO_MAX_BYTES / 2 + 10);
    expect(body.length).toBeLessThan(NFO_MAX_BYTES);
    expect(errorCode(() => parseNfo(`<movie><plot>${body}</plot></movie>`))).toBe('too-large');
  });

  it('accepts a file of exactly NFO_MAX_BYTES and refuses one byte more', () => {
    const shell = '<movie><title>t</title><plot></plot></movie>';
    const exact = shell.replace('<plot></plot>', `<plot>${'p'.repeat(NFO_MAX_BYTES - shell.length)}</plot>`);
    expect(Buffer.byteLength(exact)).toBe(NFO_MAX_BYTES);
    expect(parseNfo(exact).kind).toBe('movie');
    expect(errorCode(() => parseNfo(`${exact} `))).toBe('too-large');
    expect(errorCode(() => parseNfo(Buffer.from(`${exact} `)))).toBe('too-large');
  });

  it('refuses 10,000 levels of nesting with malformed, without a stack overflow', () => {
    const deep = `<movie>${'<a>'.repeat(10_000)}x${'</a>'.repeat(10_000)}</movie>`;
    expect(errorCode(() => parseNfo(deep))).toBe('malformed');
  });

  it('reads 10,000 actors within the size limit in <order>', () => {
    const actors: string[] = [];
    for (let i = 9_999; i >= 0; i--) {
      actors.push(`<actor><name>Actor ${i}</name><role>Role ${i}</role><order>${i}</order><thumb>https://img.example/${i}.jpg</thumb></actor>`);
    }
    const nfo = `<movie><title>Cast of thousands</title>${actors.join('\n')}</movie>`;
    expect(Buffer.byteLength(nfo)).toBeLessThan(NFO_MAX_BYTES);
    const value = parseNfo(nfo);
    expect(value.kind === 'movie' && value.actors.length).toBe(10_000);
    expect(value.kind === 'movie' && value.actors[0]).toEqual({
      name: 'Actor 0',
      role: 'Role 0',
      order: 0,
      thumb: 'https://img.example/0.jpg',
    });
  });

  it('refuses a flood of tiny elements beyond the element limit with too-large before parsing', () => {
    const flood = `<movie>${'<a/>'.repeat(400_000)}</movie>`;
    expect(flood.length).toBeLessThan(NFO_MAX_BYTES);
    expect(errorCode(() => parseNfo(flood))).toBe('too-large');
  });
});

describe('broken and garbage input', () => {
  it('refuses an empty file and a whitespace-only file with empty', () => {
    expect(errorCode(() => parseNfo(''))).toBe('empty');
    expect(errorCode(() => parseNfo(Buffer.alloc(0)))).toBe('empty');
    expect(errorCode(() => parseNfo(' \r\n\t\n  '))).toBe('empty');
    expect(errorCode(() => parseNfo(Buffer.from([0xef, 0xbb, 0xbf, 0x20, 0x0a])))).toBe('empty');
  });

  it('refuses plain garbage and markup-shaped garbage with malformed', () => {
    expect(errorCode(() => parseNfo('hello, this is not an nfo'))).toBe('malformed');
    expect(errorCode(() => parseNfo('<<<<<<<<>>>>>>'))).toBe('malformed');
    expect(errorCode(() => parseNfo('<'))).toBe('malformed');
    expect(errorCode(() => parseNfo('<movie attr="never closed'))).toBe('malformed');
    expect(errorCode(() => parseNfo('<!-- only a comment -->'))).toBe('malformed');
  });

  it('refuses binary bytes with encoding', () => {
    const random = mulberry32(7);
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    bytes[10] = 0;
    expect(errorCode(() => parseNfo(bytes))).toBe('encoding');
  });

  it('refuses other kinds of NFO (music videos, artists) with unknown-root', () => {
    expect(errorCode(() => parseNfo('<musicvideo><title>Song</title></musicvideo>'))).toBe('unknown-root');
    expect(errorCode(() => parseNfo('<?xml version="1.0"?><artist><name>X</name></artist>'))).toBe('unknown-root');
  });

  it('reads what it can from unclosed tags at the end of a file', () => {
    const nfo = parseNfo('<movie><title>Half written</title><genre>Drama</genre><plot>The plot was being writ');
    expect(nfo.kind).toBe('movie');
    expect(nfo.kind === 'movie' && [nfo.title, nfo.genres]).toEqual(['Half written', ['Drama']]);
  });

  it('reads what it can when the file stops inside a tag, an attribute, a comment or CDATA', () => {
    for (const tail of ['<thu', '<thumb aspect="pos', '</gen', '<!-- comm', '<plot><![CDATA[some <b>te', '<?xml-styl']) {
      const nfo = parseNfo(`<movie><title>Cut</title><genre>Drama</genre>${tail}`);
      expect(nfo.kind === 'movie' && [nfo.title, nfo.genres]).toEqual(['Cut', ['Drama']]);
    }
  });

  it('survives tag and attribute names that are JavaScript prototype keys without polluting anything', () => {
    const nfo = parseNfo(`<movie>
      <__proto__><polluted>yes</polluted></__proto__>
      <constructor>c</constructor><prototype>p</prototype><hasOwnProperty>h</hasOwnProperty><toString>s</toString>
      <uniqueid type="__proto__">1</uniqueid><uniqueid type="constructor">2</uniqueid><uniqueid type="imdb">tt0000001</uniqueid>
      <namedseason number="__proto__">x</namedseason>
      <thumb __proto__="x" constructor="y" aspect="poster">p.jpg</thumb>
      <title>Safe</title>
    </movie>`);
    expect(nfo.kind === 'movie' && nfo.title).toBe('Safe');
    expect(nfo.kind === 'movie' && nfo.uniqueIds).toEqual({ imdb: 'tt0000001' });
    expect(nfo.kind === 'movie' && nfo.thumbs).toEqual([{ url: 'p.jpg', aspect: 'poster' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(nfo.kind === 'movie' ? nfo.uniqueIds : {})).toBe(Object.prototype);
  });

  it('ignores a JSON episode guide that tries prototype keys or is not JSON', () => {
    const nfo = parseNfo(
      '<tvshow><episodeguide>{"__proto__": {"polluted": 1}, "constructor": "x", "tvdb": 81189, "tmdb": {"x": 1}}</episodeguide></tvshow>',
    );
    expect(nfo.kind === 'tvshow' && nfo.uniqueIds).toEqual({ tvdb: '81189' });
    const broken = parseNfo('<tvshow><episodeguide>{"tvdb": </episodeguide></tvshow>');
    expect(broken.kind === 'tvshow' && broken.uniqueIds).toEqual({});
  });

  it('handles a whitespace run between slashes without quadratic splitting', () => {
    const nfo = `<movie><genre>A${' '.repeat(1_000_000)}B / C</genre></movie>`;
    const value = parseNfo(nfo);
    expect(value.kind === 'movie' && value.genres.length).toBe(2);
  });
});

describe('truncated and mutated files never throw anything but NfoError', () => {
  const samples = {
    movie: fixture('movie-kodi20.nfo'),
    tvshow: fixture('tvshow-kodi20.nfo'),
    episodes:
      '<?xml version="1.0" encoding="UTF-8"?>\n<episodedetails><title>Één</title><season>1</season><episode>1</episode></episodedetails>\n' +
      '<episodedetails><title>Twee</title><season>1</season><episode>2</episode><plot><![CDATA[a <b>plot</b>]]></plot></episodedetails>\n' +
      'https://thetvdb.com/?tab=series&id=81189\n',
  };

  for (const [name, text] of Object.entries(samples)) {
    it(`${name}: every cut of the text, as a string and as UTF-8 and UTF-16 bytes`, () => {
      const utf8 = Buffer.from(text, 'utf8');
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      let parsedSomething = 0;
      const step = Math.max(1, Math.floor(text.length / 400));
      for (let cut = 0; cut <= text.length; cut += step) {
        const fromString = parseOrNfoError(text.slice(0, cut));
        if (!(fromString instanceof NfoError)) parsedSomething++;
        parseOrNfoError(utf8.subarray(0, Math.floor((cut / text.length) * utf8.length)));
        parseOrNfoError(utf16.subarray(0, Math.floor((cut / text.length) * utf16.length)));
      }
      // Past the root's opening tag most cuts still give a result.
      expect(parsedSomething).toBeGreaterThan(100);
    });
  }

  it('random offsets and byte mutations of a full movie (seeded)', () => {
    const random = mulberry32(20240514);
    const bytes = Buffer.from(samples.movie, 'utf8');
    const codes = new Set<string>();
    for (let round = 0; round < 1_500; round++) {
      const copy = Buffer.from(bytes.subarray(0, Math.floor(random() * bytes.length)));
      const mutations = Math.floor(random() * 8);
      for (let m = 0; m < mutations && copy.length > 0; m++) {
        const at = Math.floor(random() * copy.length);
        const pick = random();
        copy[at] = pick < 0.3 ? 0x3c : pick < 0.5 ? 0x3e : pick < 0.6 ? 0x22 : pick < 0.7 ? 0x26 : Math.floor(random() * 256);
      }
      const result = parseOrNfoError(copy);
      codes.add(result instanceof NfoError ? result.code : result.kind);
    }
    expect(codes.has('movie')).toBe(true);
  });
});
