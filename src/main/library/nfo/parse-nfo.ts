// parseNfo: the order of the safety checks, root dispatch, and the per-kind fields (movie set, tvshow seasons, episodes).
import { attr, clean, fillIds, firstText, kid, kids, normaliseDate, normaliseProvider, parseInteger, readCommon, textOf } from './fields';
import { hasIds, idsFromProviderUrls, textOutsideMarkup } from './provider-urls';
import { assertElementCount, assertNoDtd, decodeInput, isNestingLimitError, parseXmlTree, type XmlElement } from './safe-xml';
import { NfoError, type Nfo, type NfoEpisode, type NfoUniqueIds } from './types';

/** Parses a Kodi NFO (XML, XML followed by a provider link, or only a link). Throws NfoError and nothing else. */
export function parseNfo(input: string | Buffer): Nfo {
  try {
    return parseUnchecked(input);
  } catch (err) {
    if (err instanceof NfoError) throw err;
    // Includes RangeError from a blown stack or an allocation failure: callers rely on a single error type.
    const detail = err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200);
    throw new NfoError('malformed', `NFO could not be read: ${detail}`);
  }
}

function parseUnchecked(input: string | Buffer): Nfo {
  const text = decodeInput(input);
  if (text.trim() === '') throw new NfoError('empty', 'NFO is empty');
  assertNoDtd(text);
  if (!text.includes('<')) return urlOnly(text, 'NFO is neither XML nor a recognised IMDb/TMDb/TVDB link');

  assertElementCount(text);
  let roots: XmlElement[];
  try {
    roots = parseXmlTree(text);
  } catch (err) {
    // Hostile XML (too deep, DTD) stays refused; merely broken XML gets Kodi's fallback to a link.
    if (err instanceof NfoError && err.code === 'malformed' && !isNestingLimitError(err)) {
      return urlOnly(text, err.message);
    }
    throw err;
  }

  const root = roots[0];
  if (root === undefined) return urlOnly(text, 'NFO contains no XML elements');
  // "<<<<>>>>" parses as an element named "<<<": garbage, not some other kind of NFO.
  if (!/^[a-z_][\w.:-]{0,100}$/i.test(root.name)) return urlOnly(text, 'NFO does not start with an XML element');

  // With usable XML only a link outside the elements counts: links inside are trailers, artwork, guides.
  const urlIds = idsFromProviderUrls(textOutsideMarkup(text));
  switch (root.name) {
    case 'movie':
      return withUrlIds(readMovie(root), urlIds);
    case 'tvshow':
      return withUrlIds(readTvShow(root), urlIds);
    case 'season':
      return withUrlIds(readSeason(root), urlIds);
    case 'episodedetails': {
      // A multi-episode file is several <episodedetails> roots side by side; other roots next to them are noise.
      const episodes = roots.filter((el) => el.name === 'episodedetails').map(readEpisode);
      // One link cannot say which of several episodes it names.
      if (episodes.length === 1 && episodes[0]) fillIds(episodes[0].uniqueIds, urlIds);
      return { kind: 'episode', episodes };
    }
    default:
      throw new NfoError('unknown-root', `NFO root <${root.name.slice(0, 40)}> is not one of movie, tvshow, season, episodedetails`);
  }
}

/** Kodi's fallback when there is no usable XML: any provider link anywhere in the file, else the reason it failed. */
function urlOnly(text: string, reason: string): Nfo {
  const uniqueIds = idsFromProviderUrls(text);
  if (hasIds(uniqueIds)) return { kind: 'url-only', uniqueIds };
  throw new NfoError('malformed', reason);
}

function withUrlIds<T extends { uniqueIds: NfoUniqueIds }>(nfo: T, urlIds: NfoUniqueIds): T {
  // The XML's own ids are more specific than a link the user pasted below it, so they win.
  fillIds(nfo.uniqueIds, urlIds);
  return nfo;
}

function readMovie(root: XmlElement): Extract<Nfo, { kind: 'movie' }> {
  const nfo: Extract<Nfo, { kind: 'movie' }> = { kind: 'movie', ...readCommon(root, 'movie') };
  const set = readSet(kid(root, 'set'));
  if (set) nfo.set = set;
  return nfo;
}

/** `<set>Name</set>` (before Kodi 17) or `<set><name/><overview/></set>`. */
function readSet(el: XmlElement | undefined): { name: string; overview?: string } | undefined {
  if (!el) return undefined;
  const nameEl = kid(el, 'name');
  const name = nameEl ? textOf(nameEl) : textOf(el);
  if (name === undefined) return undefined;
  const overview = firstText(el, 'overview');
  return overview === undefined ? { name } : { name, overview };
}

function readTvShow(root: XmlElement): Extract<Nfo, { kind: 'tvshow' }> {
  const namedSeasons: Record<number, string> = {};
  for (const el of kids(root, 'namedseason')) {
    const number = parseInteger(attr(el, 'number'));
    const name = textOf(el);
    if (number === undefined || number < 0 || name === undefined || namedSeasons[number] !== undefined) continue;
    namedSeasons[number] = name;
  }
  const nfo: Extract<Nfo, { kind: 'tvshow' }> = { kind: 'tvshow', ...readCommon(root, 'tvshow'), namedSeasons };
  const status = firstText(root, 'status');
  if (status !== undefined) nfo.status = status;
  const guide = readEpisodeGuide(kid(root, 'episodeguide'));
  if (guide.url !== undefined) nfo.episodeGuideUrl = guide.url;
  fillIds(nfo.uniqueIds, guide.ids);
  return nfo;
}

/**
 * Before Kodi 20: `<episodeguide><url cache="…">https://…</url></episodeguide>`.
 * Kodi 20 writes the show's ids as JSON instead (`{"tvdb":"81189","tmdb":"1399"}`); those fill missing ids.
 */
function readEpisodeGuide(el: XmlElement | undefined): { url?: string; ids: NfoUniqueIds } {
  const ids: NfoUniqueIds = {};
  if (!el) return { ids };
  const url = firstText(el, 'url');
  if (url !== undefined) return { url, ids };
  const text = textOf(el);
  if (text === undefined) return { ids };
  if (/^https?:\/\//i.test(text)) return { url: text, ids };
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ids };
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
        const provider = normaliseProvider(key);
        if (provider === undefined || ids[provider] !== undefined) continue;
        if (typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value))) {
          const id = clean(String(value));
          if (id !== undefined) ids[provider] = id;
        }
      }
    }
  }
  return { ids };
}

function readSeason(root: XmlElement): Extract<Nfo, { kind: 'season' }> {
  const nfo: Extract<Nfo, { kind: 'season' }> = { kind: 'season', ...readCommon(root, 'season') };
  const number = parseInteger(firstText(root, 'seasonnumber')) ?? parseInteger(firstText(root, 'season'));
  if (number !== undefined && number >= 0) nfo.seasonNumber = number;
  return nfo;
}

/** Kodi writes -1 for an unset season/episode/display number; 0 is a real value (specials). */
function nonNegative(value: string | undefined): number | undefined {
  const n = parseInteger(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

function readEpisode(root: XmlElement): NfoEpisode {
  const episode: NfoEpisode = readCommon(root, 'episode');
  const season = nonNegative(firstText(root, 'season'));
  const number = nonNegative(firstText(root, 'episode'));
  const displaySeason = nonNegative(firstText(root, 'displayseason'));
  const displayEpisode = nonNegative(firstText(root, 'displayepisode'));
  const aired = normaliseDate(firstText(root, 'aired'));
  if (season !== undefined) episode.season = season;
  if (number !== undefined) episode.episode = number;
  if (displaySeason !== undefined) episode.displaySeason = displaySeason;
  if (displayEpisode !== undefined) episode.displayEpisode = displayEpisode;
  if (aired !== undefined) episode.aired = aired;
  return episode;
}
