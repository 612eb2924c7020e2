// Sort keys for titles: leading articles moved off, accents folded, numbers padded so "Alien 2" sorts before "Alien 10".

const ARTICLE_RE = /^(?:(?:the|a|an|der|die|das|le|la|les|el|los|las|il|gli|un|une|ein|eine|het|een)\s+|l['’]\s*)(?=\S)/;
// English titles that only look like they start with the German article.
const NOT_AN_ARTICLE_RE = /^die (?:hard|another day|laughing|my love)\b/;
const MARKS_RE = /\p{M}+/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;
const DIGITS_RE = /\d+/g;
const LEADING_ZEROS_RE = /^0+(?=\d)/;

const pad = (digits: string): string => {
  const trimmed = digits.replace(LEADING_ZEROS_RE, '');
  return trimmed.length >= 8 ? trimmed : trimmed.padStart(8, '0');
};

/** Lower-cased sort key: leading article removed, accents and punctuation dropped, numbers zero-padded. */
export function sortKey(title: string): string {
  let t = title.trim().toLowerCase();
  if (!NOT_AN_ARTICLE_RE.test(t)) t = t.replace(ARTICLE_RE, '');
  const key = t.normalize('NFKD').replace(MARKS_RE, '').replace(NON_WORD_RE, ' ').trim().replace(DIGITS_RE, pad);
  return key || title.trim().toLowerCase() || title;
}
