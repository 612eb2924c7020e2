// Season folders: `Season 1`, `S01`, `Specials`, and the word for season in the languages families use.

// Words that come before the number ("Staffel 2", "Сезон 3", "시즌 1").
const WORDS =
  'season|seasong|series|serie|série|seria|séria|staffel|saison|temporada|stagione|seizoen|sezon|sezona|sezonul|sezóna|säsong|sasong|sæson|saeson|sesong|' +
  'kausi|évad|evad|сезон|сезона|сезони|σεζόν|σαιζόν|musim|mùa|ฤดูกาล|ซีซั่น|עונה|الموسم|موسم|シーズン|시즌';

// After the number only a bracketed note ("(2005)", "[1080p]"), a " - subtitle" or release tags ("1080p", "COMPLETE",
// "PDTV" …) may follow: "Series 7 The Contenders" is a film.
const RELEASE_TAIL = '(?:[\\s._-]+(?:\\d{3,4}[pi]|complete|pdtv|hdtv|web-?dl|web|bluray|blu-ray|bdrip|dvdrip|x26[45]|h26[45]|hevc|remux)(?![a-z0-9]).*)?';
const NOTE = `(?:[\\s._-]*(?:\\([^)]*\\)|\\[[^\\]]*\\]))*(?:\\s+-\\s+.*)?${RELEASE_TAIL}`;

const WORD_FIRST_RE = new RegExp(`^(?:${WORDS})[\\s._-]*(\\d{1,4})${NOTE}$`, 'iu');
// "1. Staffel", "2ª Temporada", "1st Season", "3 сезон", "2. évad".
const NUMBER_FIRST_RE = new RegExp(`^(\\d{1,4})(?:\\.|ª|º|°|st|nd|rd|th|e|er|re|ème|eme|a|o)?[\\s._-]*(?:${WORDS})${NOTE}$`, 'iu');
const SHORT_RE = new RegExp(`^s(\\d{1,4})${NOTE}$`, 'i');
// 第1季, 第一季, 第2期, 第1シーズン, 제1시즌.
const CJK_RE = /^(?:第|제)\s*(\d{1,4}|[零〇一二两三四五六七八九十百]+)\s*(?:季|期|シーズン|시즌|시리즈)/u;
const CJK_AFTER_RE = /^(\d{1,4})\s*(?:季|期|シーズン|시즌)$/u;
const SPECIALS_RE = /^(?:specials?|speciale|speciali|especiales|especial|spéciaux|speciaux|specialer|spezial|specjalne|спецвыпуски|特別編|番外編|特典)$/iu;
const SPELLED_RE =
  /^(?:season|series)[\s._-]+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)$/i;
const SPELLED = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];
const CJK_DIGITS = '零一二三四五六七八九';
const DIGITS_RE = /^\d+$/;

/** 一 → 1, 十二 → 12, 二十三 → 23, 一百 → 100; the small numbers season folders use. */
function cjkNumber(text: string): number | null {
  if (DIGITS_RE.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const d = ch === '〇' ? 0 : ch === '两' ? 2 : CJK_DIGITS.indexOf(ch);
      if (d < 0) return null;
      current = d;
    }
  }
  return total + current;
}

// Every form above starts like this; one anchored test turns most folder names away before the full patterns run.
const MAY_BE_SEASON_RE = /^(?:\d|s|te|ka|[ée]v|сез|σ[εα]|mu|mù|ฤ|ซ|ע|ال|مو|シ|시|第|제|es|сп|特|番)/i;

/** Season number from a season folder name; null when the name is not a season folder. */
export function parseSeasonFolder(name: string): number | null {
  const n = name.trim();
  if (n.length === 0 || n.length > 120 || !MAY_BE_SEASON_RE.test(n)) return null;
  const m = WORD_FIRST_RE.exec(n) ?? NUMBER_FIRST_RE.exec(n) ?? SHORT_RE.exec(n) ?? CJK_AFTER_RE.exec(n);
  if (m?.[1] !== undefined) return Number(m[1]);
  if (SPECIALS_RE.test(n)) return 0;
  const cjk = CJK_RE.exec(n);
  if (cjk?.[1] !== undefined) return cjkNumber(cjk[1]);
  const spelled = SPELLED_RE.exec(n);
  if (spelled?.[1] !== undefined) return SPELLED.indexOf(spelled[1].toLowerCase());
  return null;
}

// Season packs and release folders: `The.Show.S01.1080p.WEB-DL…`, `The Show Season 10`, `The_Show_Season_1`,
// `The.Wonder.Years [S04][…]`, `The Show s02e10 720p hdtv`, `[Grp]Foo - 01 - 12[1080p]`. The series is the name before
// the marker. Each pattern is a plain scan with bounded repeats: no nested quantifiers.
const PACK_SEASON_RE = /(?<![\p{L}\p{N}])s(\d{1,4})(?=$|[\s._\-[\]()])/iu;
const PACK_WORD_RE = /(?<![\p{L}\p{N}])(?:season|series|staffel|saison|temporada|stagione)[\s._-]{0,3}(\d{1,4})(?=$|[^\d])/iu;
const PACK_EPISODE_RE = /(?<![\p{L}\p{N}])s\d{1,4}[\s._-]?e\d{1,4}(?!\d)/iu;
const PACK_RANGE_RE = /\s-\s\d{1,4}(?:\s?-\s?\d{1,4})?(?=\s*[[(]|$)/u;
const PACK_TRIM_END_RE = /[\s._\-[(]+$/u;
const HAS_WORD_RE = /[\p{L}\p{N}]/u;
// Every marker above has one of these; one unanchored test turns most folder names away before the four patterns run.
const MAY_BE_PACK_RE = /s\d|season|series|staffel|saison|temporada|stagione|\s-\s\d/i;
const ACRONYM_END_RE = /(?:^|[.\s])\p{L}\.\p{L}$/u;

export interface SeasonPack {
  /** The name before the marker, as written (`The.Show`, `[Grp]Foo`). */
  series: string;
  season?: number;
  /** The season came from a word (`Season 10`) rather than an `S01` tag. */
  byWord: boolean;
}

const packCache = new Map<string, SeasonPack | null>();

function readPack(name: string): SeasonPack | null {
  let at = -1;
  let season: number | undefined;
  let byWord = false;
  const consider = (m: RegExpExecArray | null, n: string | undefined, word: boolean): void => {
    if (!m || m.index <= 0 || (at >= 0 && m.index >= at)) return;
    at = m.index;
    season = n === undefined ? undefined : Number(n);
    byWord = word;
  };
  const s = PACK_SEASON_RE.exec(name);
  consider(s, s?.[1], false);
  const w = PACK_WORD_RE.exec(name);
  consider(w, w?.[1], true);
  consider(PACK_EPISODE_RE.exec(name), undefined, false);
  consider(PACK_RANGE_RE.exec(name), undefined, false);
  if (at < 0) return null;
  const before = name.slice(0, at);
  let series = before.replace(PACK_TRIM_END_RE, '');
  // `S.W.A.T.S01`: the dot after an acronym's last letter is the acronym's.
  if (before.charCodeAt(series.length) === 46 && ACRONYM_END_RE.test(series)) series += '.';
  // `[The.Wonder.Years.S04…]`: a bracket opened before the marker and closed after it.
  if (series.startsWith('[') && !series.includes(']')) series = series.slice(1);
  if (!HAS_WORD_RE.test(series)) return null;
  return season === undefined ? { series, byWord } : { series, season, byWord };
}

/** The series name and season a release or season-pack folder name carries; null when it carries no marker. */
export function parseSeasonPack(name: string): SeasonPack | null {
  let pack = packCache.get(name);
  if (pack === undefined) {
    if (packCache.size >= 512) packCache.clear();
    pack = name.length > 255 || !MAY_BE_PACK_RE.test(name) ? null : readPack(name);
    packCache.set(name, pack);
  }
  return pack;
}
