// Kodi v20 NFO documents (<movie>, <tvshow>, <episodedetails>) for the demo library, built as escaped XML text.
import type { RecipeEpisode, RecipeMovie, RecipeSeason, RecipeShow } from './recipe';

type Attrs = Record<string, string | number | boolean>;
interface XmlElement {
  name: string;
  attrs?: Attrs;
  text?: string | number;
  children?: XmlElement[];
}

// XML 1.0 forbids most control characters even when escaped; a stray one would make the whole NFO unreadable.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function el(name: string, content?: string | number | XmlElement[], attrs?: Attrs): XmlElement {
  if (Array.isArray(content)) return { name, attrs, children: content };
  return { name, attrs, text: content };
}

function render(node: XmlElement, depth: number): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
  if (node.children) {
    if (node.children.length === 0) return `${pad}<${node.name}${attrs} />`;
    const inner = node.children.map((c) => render(c, depth + 1)).join('\n');
    return `${pad}<${node.name}${attrs}>\n${inner}\n${pad}</${node.name}>`;
  }
  if (node.text === undefined || node.text === '') return `${pad}<${node.name}${attrs} />`;
  return `${pad}<${node.name}${attrs}>${escapeXmlText(String(node.text))}</${node.name}>`;
}

function document(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n${render(root, 0)}\n`;
}

const opt = (name: string, value: string | number | undefined): XmlElement[] => (value === undefined ? [] : [el(name, value)]);
const many = (name: string, values: readonly string[]): XmlElement[] => values.map((v) => el(name, v));

function ratingsBlock(ratings: RecipeMovie['ratings']): XmlElement[] {
  if (!ratings) return [];
  // Ten-point ratings keep one decimal ("7.0", as scrapers write them); the Metascore is a whole number.
  const rating = (name: string, max: number, r: { value: number; votes?: number }, isDefault: boolean): XmlElement =>
    el('rating', [el('value', max === 10 ? r.value.toFixed(1) : r.value), ...opt('votes', r.votes)], {
      name,
      max,
      ...(isDefault ? { default: true } : {}),
    });
  const list = [rating('imdb', 10, ratings.imdb, true)];
  // Kodi's TMDb scraper names its rating "themoviedb"; Metacritic's Metascore is out of 100.
  if (ratings.tmdb) list.push(rating('themoviedb', 10, ratings.tmdb, false));
  if (ratings.metacritic) list.push(rating('metacritic', 100, ratings.metacritic, false));
  return [el('ratings', list)];
}

function uniqueIds(ids: RecipeMovie['ids']): XmlElement[] {
  return [
    el('uniqueid', ids.imdb, { type: 'imdb', default: true }),
    el('uniqueid', ids.tmdb, { type: 'tmdb' }),
    ...(ids.tvdb === undefined ? [] : [el('uniqueid', ids.tvdb, { type: 'tvdb' })]),
  ];
}

/** `actorThumb` gives the library-relative photo of a person, or undefined when they have none. */
export type ActorThumb = (name: string) => string | undefined;

function actors(cast: RecipeMovie['cast'], actorThumb: ActorThumb): XmlElement[] {
  return cast.map((c, order) => {
    const thumb = actorThumb(c.name);
    return el('actor', [el('name', c.name), el('role', c.role), el('order', order), ...opt('thumb', thumb)]);
  });
}

export function movieNfo(m: RecipeMovie, actorThumb: ActorThumb): string {
  return document(
    el('movie', [
      el('title', m.title),
      el('originaltitle', m.originalTitle ?? m.title),
      ...opt('sorttitle', m.sortTitle),
      ...ratingsBlock(m.ratings),
      el('userrating', 0),
      el('outline', m.outline),
      el('plot', m.plot),
      el('tagline', m.tagline),
      el('runtime', m.runtime),
      el('mpaa', m.mpaa),
      el('playcount', 0),
      el('id', m.ids.imdb),
      ...uniqueIds(m.ids),
      ...many('genre', m.genres),
      ...many('tag', m.tags),
      ...(m.set ? [el('set', [el('name', m.set.name), el('overview', m.set.overview)])] : []),
      ...many('country', m.countries),
      ...many('credits', m.writers),
      ...many('director', m.directors),
      el('premiered', m.premiered),
      el('year', m.year),
      ...many('studio', m.studios),
      ...actors(m.cast, actorThumb),
    ]),
  );
}

export function showNfo(s: RecipeShow, premiered: string, actorThumb: ActorThumb): string {
  return document(
    el('tvshow', [
      el('title', s.title),
      el('originaltitle', s.originalTitle ?? s.title),
      el('showtitle', s.title),
      ...opt('sorttitle', s.sortTitle),
      ...ratingsBlock(s.ratings),
      el('userrating', 0),
      el('outline', s.outline),
      el('plot', s.plot),
      el('tagline', s.tagline),
      el('runtime', s.runtime),
      el('mpaa', s.mpaa),
      el('id', s.ids.tvdb ?? s.ids.tmdb),
      ...uniqueIds(s.ids),
      ...many('genre', s.genres),
      ...many('tag', s.tags),
      ...many('country', s.countries),
      el('premiered', premiered),
      el('year', Number(premiered.slice(0, 4))),
      el('status', s.status),
      ...many('studio', s.studios),
      ...s.seasons.filter((x) => x.name).map((x) => el('namedseason', x.name, { number: x.season })),
      ...actors(s.cast, actorThumb),
    ]),
  );
}

export function episodeNfo(s: RecipeShow, season: RecipeSeason, e: RecipeEpisode): string {
  // Made-up but stable per-episode ids, derived from the show's so they never collide within the demo.
  const tvdb = (s.ids.tvdb ?? s.ids.tmdb) * 1000 + season.season * 100 + e.episode;
  return document(
    el('episodedetails', [
      el('title', e.title),
      el('showtitle', s.title),
      ...(e.imdbRating === undefined
        ? []
        : [el('ratings', [el('rating', [el('value', e.imdbRating.toFixed(1))], { name: 'imdb', max: 10, default: true })])]),
      el('season', season.season),
      el('episode', e.episode),
      el('plot', e.plot),
      el('runtime', e.runtime),
      el('mpaa', s.mpaa),
      el('uniqueid', tvdb, { type: 'tvdb', default: true }),
      ...many('credits', e.writers),
      ...many('director', e.directors),
      el('aired', e.aired),
      el('premiered', e.aired),
      el('year', Number(e.aired.slice(0, 4))),
      ...many('studio', s.studios),
    ]),
  );
}
