// Language codes as files and settings write them, brought to one form (ISO 639-2/B, as the settings
// keep them) so "fr", "fra" and "fre" all match a preference for French.
const TO_BIBLIOGRAPHIC: Record<string, string> = {
  en: 'eng', fr: 'fre', fra: 'fre', de: 'ger', deu: 'ger', es: 'spa', it: 'ita', ja: 'jpn', zh: 'chi', zho: 'chi',
  pt: 'por', ru: 'rus', nl: 'dut', nld: 'dut', sv: 'swe', no: 'nor', nb: 'nob', nn: 'nno', da: 'dan', fi: 'fin',
  pl: 'pol', ko: 'kor', ar: 'ara', hi: 'hin', tr: 'tur', cs: 'cze', ces: 'cze', el: 'gre', ell: 'gre', he: 'heb',
  hu: 'hun', ro: 'rum', ron: 'rum', uk: 'ukr', th: 'tha', vi: 'vie', id: 'ind', ms: 'may', msa: 'may', is: 'ice',
  isl: 'ice', ga: 'gle', cy: 'wel', cym: 'wel', eu: 'baq', eus: 'baq', ca: 'cat', hr: 'hrv', sr: 'srp', bg: 'bul',
  sk: 'slo', slk: 'slo', sl: 'slv', et: 'est', lv: 'lav', lt: 'lit', fa: 'per', fas: 'per',
};

/** "fr-CA", "FRA", "fre" → "fre"; no code, "und" → null. */
export function normaliseLanguage(code: string | null | undefined): string | null {
  if (!code) return null;
  const base = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(base) || base === 'und' || base === 'mul' || base === 'zxx') return null;
  return TO_BIBLIOGRAPHIC[base] ?? base;
}

export function sameLanguage(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = normaliseLanguage(a);
  return left !== null && left === normaliseLanguage(b);
}
