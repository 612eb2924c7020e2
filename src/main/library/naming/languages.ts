// Language tags as they appear in file names and stream tags, folded to ISO 639-2/B.

// Each row: the 639-2/B code first, then every spelling that means it (639-1, 639-2/T, English and native names,
// and the informal codes release groups use: `jp`, `gr`, `cn`, `pb`).
const TABLE: readonly (readonly string[])[] = [
  ['eng', 'en', 'english'],
  ['fre', 'fr', 'fra', 'french', 'français', 'francais'],
  ['ger', 'de', 'deu', 'german', 'deutsch'],
  ['spa', 'es', 'spanish', 'español', 'espanol', 'castellano', 'castilian', 'latino'],
  ['por', 'pt', 'portuguese', 'português', 'portugues', 'brazilian', 'pb', 'pob'],
  ['ita', 'it', 'italian', 'italiano'],
  ['dut', 'nl', 'nld', 'dutch', 'nederlands', 'flemish', 'vlaams'],
  ['swe', 'sv', 'swedish', 'svenska'],
  ['dan', 'da', 'danish', 'dansk'],
  ['nor', 'no', 'nb', 'nob', 'nn', 'nno', 'norwegian', 'norsk', 'bokmål', 'bokmal', 'nynorsk'],
  ['fin', 'fi', 'finnish', 'suomi'],
  ['ice', 'is', 'isl', 'icelandic', 'íslenska', 'islenska'],
  ['pol', 'pl', 'polish', 'polski'],
  ['cze', 'cs', 'ces', 'czech', 'čeština', 'cestina'],
  ['slo', 'sk', 'slk', 'slovak', 'slovenčina', 'slovencina'],
  ['hun', 'hu', 'hungarian', 'magyar'],
  ['rum', 'ro', 'ron', 'romanian', 'română', 'romana'],
  ['bul', 'bg', 'bulgarian', 'български'],
  ['rus', 'ru', 'russian', 'русский'],
  ['ukr', 'uk', 'ukrainian', 'українська'],
  ['bel', 'be', 'belarusian', 'беларуская'],
  ['hrv', 'hr', 'croatian', 'hrvatski'],
  ['srp', 'sr', 'serbian', 'srpski', 'српски'],
  ['bos', 'bs', 'bosnian', 'bosanski'],
  ['slv', 'sl', 'slovenian', 'slovene', 'slovenščina', 'slovenscina'],
  ['mac', 'mk', 'mkd', 'macedonian', 'македонски'],
  ['alb', 'sq', 'sqi', 'albanian', 'shqip'],
  ['gre', 'el', 'ell', 'greek', 'ελληνικά', 'gr'],
  ['tur', 'tr', 'turkish', 'türkçe', 'turkce'],
  ['heb', 'he', 'iw', 'hebrew', 'עברית'],
  ['ara', 'ar', 'arabic', 'العربية'],
  ['per', 'fa', 'fas', 'persian', 'farsi', 'فارسی'],
  ['urd', 'ur', 'urdu', 'اردو'],
  ['hin', 'hi', 'hindi', 'हिन्दी', 'हिंदी'],
  ['ben', 'bn', 'bengali', 'bangla', 'বাংলা'],
  ['tam', 'ta', 'tamil', 'தமிழ்'],
  ['tel', 'te', 'telugu', 'తెలుగు'],
  ['mal', 'ml', 'malayalam'],
  ['kan', 'kn', 'kannada'],
  ['mar', 'mr', 'marathi'],
  ['pan', 'pa', 'punjabi', 'panjabi'],
  ['guj', 'gu', 'gujarati'],
  ['jpn', 'ja', 'japanese', '日本語', 'jp'],
  ['chi', 'zh', 'zho', 'chinese', '中文', 'mandarin', 'cantonese', 'yue', 'cmn', 'cn', 'chs', 'cht'],
  ['kor', 'ko', 'korean', '한국어'],
  ['tha', 'th', 'thai', 'ไทย'],
  ['vie', 'vi', 'vietnamese', 'tiếng việt'],
  ['ind', 'id', 'indonesian', 'bahasa indonesia'],
  ['may', 'ms', 'msa', 'malay', 'bahasa melayu'],
  ['fil', 'filipino'],
  ['tgl', 'tl', 'tagalog'],
  ['cat', 'ca', 'catalan', 'català'],
  ['baq', 'eu', 'eus', 'basque', 'euskara'],
  ['glg', 'gl', 'galician', 'galego'],
  ['est', 'et', 'estonian', 'eesti'],
  ['lav', 'lv', 'latvian', 'latviešu'],
  ['lit', 'lt', 'lithuanian', 'lietuvių'],
  ['gle', 'ga', 'irish', 'gaeilge'],
  ['wel', 'cy', 'cym', 'welsh', 'cymraeg'],
  ['geo', 'ka', 'kat', 'georgian'],
  ['arm', 'hy', 'hye', 'armenian'],
  ['kaz', 'kk', 'kazakh'],
  ['aze', 'az', 'azerbaijani'],
  ['uzb', 'uz', 'uzbek'],
  ['swa', 'sw', 'swahili'],
  ['afr', 'af', 'afrikaans'],
  ['lat', 'la', 'latin'],
  ['khm', 'km', 'khmer'],
  ['mon', 'mn', 'mongolian'],
  ['nep', 'ne', 'nepali'],
  ['sin', 'si', 'sinhala', 'sinhalese'],
];

const BY_SPELLING: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const row of TABLE) {
    const code = row[0];
    if (code === undefined) continue;
    for (const spelling of row) map.set(spelling, code);
  }
  return map;
})();

// What follows the language in `pt-BR`, `zh-Hans`, `es-419`, `sr-Latn-RS`.
const SUBTAG_RE = /^[a-z]{2}$|^\d{3}$|^[a-z]{4}$/;
const SUBTAG_SEP_RE = /[-_]/;
const WORD_END_RE = /[\s(]/;

/** Normalise a language tag to lower-case ISO 639-2/B; null when it is not a language. */
export function normaliseLanguage(tag: string): string | null {
  const lower = tag.trim().toLowerCase();
  if (lower.length < 2 || lower.length > 40) return null;
  const direct = BY_SPELLING.get(lower);
  if (direct) return direct;
  const sep = lower.search(SUBTAG_SEP_RE);
  if (sep > 0) {
    const rest = lower.slice(sep + 1).split(SUBTAG_SEP_RE);
    if (rest.every((r) => SUBTAG_RE.test(r))) return BY_SPELLING.get(lower.slice(0, sep)) ?? null;
    return null;
  }
  // "Portuguese (Brazil)", "Brazilian Portuguese": the first word carries the language.
  const space = lower.search(WORD_END_RE);
  if (space > 0) return BY_SPELLING.get(lower.slice(0, space)) ?? null;
  return null;
}
