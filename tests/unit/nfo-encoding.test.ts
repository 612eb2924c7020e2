import { describe, expect, it } from 'vitest';
import { NfoError, parseNfo, type Nfo, type NfoErrorCode } from '../../src/main/library/nfo';

const MOVIE = '<?xml version="1.0" encoding="UTF-8"?>\n<movie><title>Amélie — 天使 🎬</title><uniqueid type="imdb">tt0211915</uniqueid></movie>\n';

function titleOf(nfo: Nfo): string | undefined {
  return nfo.kind === 'movie' ? nfo.title : undefined;
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

function errorCode(run: () => unknown): NfoErrorCode | 'no error' | 'other error' {
  try {
    run();
    return 'no error';
  } catch (err) {
    return err instanceof NfoError ? err.code : 'other error';
  }
}

describe('NFO text encodings', () => {
  it('reads UTF-8 bytes without a BOM', () => {
    expect(titleOf(parseNfo(Buffer.from(MOVIE, 'utf8')))).toBe('Amélie — 天使 🎬');
  });

  it('strips a UTF-8 BOM from bytes and from an already-decoded string', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(titleOf(parseNfo(Buffer.concat([bom, Buffer.from(MOVIE, 'utf8')])))).toBe('Amélie — 天使 🎬');
    expect(titleOf(parseNfo(`\uFEFF${MOVIE}`))).toBe('Amélie — 天使 🎬');
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MOVIE, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(MOVIE)]);
    expect(titleOf(parseNfo(le))).toBe('Amélie — 天使 🎬');
    expect(titleOf(parseNfo(be))).toBe('Amélie — 天使 🎬');
  });

  it('recognises BOM-less UTF-16 by its leading "<" code unit', () => {
    expect(titleOf(parseNfo(Buffer.from(MOVIE, 'utf16le')))).toBe('Amélie — 天使 🎬');
    expect(titleOf(parseNfo(utf16be(MOVIE)))).toBe('Amélie — 天使 🎬');
  });

  it('honours a declared single-byte encoding', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><movie><title>Caf\xe9 cr\xe8me</title></movie>', 'latin1');
    expect(titleOf(parseNfo(latin1))).toBe('Café crème');
    const cp1252 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1252"?><movie><title>'),
      Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x80]),
      Buffer.from('</title></movie>'),
    ]);
    expect(titleOf(parseNfo(cp1252))).toBe('\u201cHi\u201d \u20ac');
  });

  it('falls back to Windows-1252 for undeclared bytes that are not UTF-8, as old Windows tools wrote them', () => {
    const cp1252 = Buffer.from([...Buffer.from('<movie><title>'), 0x93, 0x4c, 0xe9, 0x6f, 0x6e, 0x94, ...Buffer.from('</title></movie>')]);
    expect(titleOf(parseNfo(cp1252))).toBe('\u201cLéon\u201d');
  });

  it('drops a multi-byte character cut in half at the end of a truncated file instead of re-decoding the file', () => {
    const full = Buffer.from('<movie><title>Amélie</title></movie>\n<!-- é', 'utf8');
    const cut = full.subarray(0, full.length - 1);
    expect(titleOf(parseNfo(cut))).toBe('Amélie');
  });

  it('refuses NUL characters and an unknown declared encoding with code "encoding"', () => {
    expect(errorCode(() => parseNfo(Buffer.from('<movie>\u0000<title>x</title></movie>', 'utf8')))).toBe('encoding');
    expect(errorCode(() => parseNfo('<movie><title>\u0000</title></movie>'))).toBe('encoding');
    expect(errorCode(() => parseNfo(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><movie/>')))).toBe('encoding');
  });

  it('refuses input that is neither a string nor bytes with code "encoding"', () => {
    expect(errorCode(() => parseNfo(42 as unknown as string))).toBe('encoding');
    expect(errorCode(() => parseNfo(null as unknown as string))).toBe('encoding');
  });

  it('decodes the five XML entities and numeric references, and leaves HTML-only or invalid references as text', () => {
    const nfo = parseNfo(
      '<movie><title>&lt;&gt;&amp;&quot;&apos; &#233;&#xE9;&#X1F3AC; &nbsp;&copy; &#0; &#xD800; &#x110000; &amp;lt;</title></movie>',
    );
    expect(titleOf(nfo)).toBe('<>&"\' éé🎬 &nbsp;&copy; &#0; &#xD800; &#x110000; &lt;');
  });

  it('decodes entities in attribute values and keeps CDATA verbatim', () => {
    const nfo = parseNfo(
      '<movie><uniqueid type="&#105;mdb">tt0000001</uniqueid><plot><![CDATA[<b>bold</b> &amp; raw]]></plot></movie>',
    );
    expect(nfo.kind === 'movie' && nfo.uniqueIds).toEqual({ imdb: 'tt0000001' });
    expect(nfo.kind === 'movie' && nfo.plot).toBe('<b>bold</b> &amp; raw');
  });
});

describe('provider links next to or instead of XML', () => {
  it('reads an NFO that is only an IMDb link', () => {
    expect(parseNfo('https://www.imdb.com/title/tt0133093/\n')).toEqual({ kind: 'url-only', uniqueIds: { imdb: 'tt0133093' } });
  });

  it('reads TMDb movie and TV links, ignoring the slug after the id', () => {
    expect(parseNfo('https://www.themoviedb.org/movie/603-the-matrix')).toEqual({ kind: 'url-only', uniqueIds: { tmdb: '603' } });
    expect(parseNfo('https://www.themoviedb.org/tv/1399-game-of-thrones?language=en')).toEqual({
      kind: 'url-only',
      uniqueIds: { tmdb: '1399' },
    });
  });

  it('reads old query-style and path-style TVDB links but not a TVDB slug', () => {
    expect(parseNfo('http://thetvdb.com/?tab=series&id=81189&lid=7')).toEqual({ kind: 'url-only', uniqueIds: { tvdb: '81189' } });
    expect(parseNfo('https://thetvdb.com/series/81189')).toEqual({ kind: 'url-only', uniqueIds: { tvdb: '81189' } });
    expect(parseNfo('https://thetvdb.com/dereferrer/series/121361')).toEqual({ kind: 'url-only', uniqueIds: { tvdb: '121361' } });
    expect(errorCode(() => parseNfo('https://thetvdb.com/series/game-of-thrones'))).toBe('malformed');
  });

  it('collects several links in one URL-only file, one id per provider', () => {
    const nfo = parseNfo('https://www.imdb.com/title/tt0944947/\r\nhttps://www.themoviedb.org/tv/1399\r\nhttps://www.imdb.com/title/tt9999999/\r\n');
    expect(nfo).toEqual({ kind: 'url-only', uniqueIds: { imdb: 'tt0944947', tmdb: '1399' } });
  });

  it('adds ids from a link after the XML without overriding the XML\'s own ids', () => {
    const nfo = parseNfo(`${MOVIE}https://www.imdb.com/title/tt0000002/\nhttps://www.themoviedb.org/movie/194\n`);
    expect(nfo.kind === 'movie' && nfo.uniqueIds).toEqual({ imdb: 'tt0211915', tmdb: '194' });
  });

  it('adds a link\'s id to a single episode but not to a multi-episode file', () => {
    const one = parseNfo('<episodedetails><title>A</title></episodedetails>\nhttps://thetvdb.com/?tab=episode&id=1234');
    expect(one.kind === 'episode' && one.episodes[0]?.uniqueIds).toEqual({ tvdb: '1234' });
    const two = parseNfo('<episodedetails/><episodedetails/>\nhttps://thetvdb.com/?tab=episode&id=1234');
    expect(two.kind === 'episode' && two.episodes.map((e) => e.uniqueIds)).toEqual([{}, {}]);
  });

  it('ignores provider links inside XML elements (trailers, artwork, episode guides)', () => {
    const nfo = parseNfo('<movie><trailer>https://www.imdb.com/title/tt0000003/</trailer><title>x</title></movie>');
    expect(nfo.kind === 'movie' && nfo.uniqueIds).toEqual({});
  });

  it('falls back to the link when the XML next to it is unreadable', () => {
    const nfo = parseNfo('<movie><title lang="en>x</title></movie>\nhttps://www.imdb.com/title/tt0133093/');
    expect(nfo).toEqual({ kind: 'url-only', uniqueIds: { imdb: 'tt0133093' } });
  });

  it('refuses text that is neither XML nor a known link with code "malformed"', () => {
    expect(errorCode(() => parseNfo('just some notes about this film\nhttps://example.org/film'))).toBe('malformed');
  });
});

describe('provider links when the XML is unusable', () => {
  it('finds a link anywhere in a file whose XML is garbage, as Kodi does', () => {
    expect(parseNfo('See <https://www.imdb.com/title/tt0133093/> for details')).toEqual({
      kind: 'url-only',
      uniqueIds: { imdb: 'tt0133093' },
    });
  });

  it('does not fall back to a link for a file refused as hostile', () => {
    const deep = `<movie>${'<a>'.repeat(100)}</movie>\nhttps://www.imdb.com/title/tt0133093/`;
    expect(errorCode(() => parseNfo(deep))).toBe('malformed');
    expect(errorCode(() => parseNfo('<!DOCTYPE x>\nhttps://www.imdb.com/title/tt0133093/'))).toBe('dtd-forbidden');
  });

  it('does not fall back to a link for a well-formed NFO of another kind', () => {
    expect(errorCode(() => parseNfo('<musicvideo/>\nhttps://www.imdb.com/title/tt0133093/'))).toBe('unknown-root');
  });
});
