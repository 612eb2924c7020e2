// The hostile-input boundary: bytes to text, size/DTD/element limits, and fast-xml-parser turned into a plain element tree.
import { TextDecoder } from 'node:util';
import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import { NFO_MAX_BYTES, NFO_MAX_DEPTH, NFO_MAX_ELEMENTS, NfoError } from './types';

export interface XmlElement {
  /** Lower-cased: Kodi itself is case-sensitive, but hand-edited NFOs with <Title> should not silently lose fields. */
  name: string;
  /** Null-prototype, lower-cased names, entity-decoded values. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Direct text and CDATA of this element, concatenated and untrimmed. */
  text: string;
}

// ---------------------------------------------------------------------------
// Bytes → text
// ---------------------------------------------------------------------------

/** Decodes the input and enforces the byte limit first, so an oversized input costs nothing but a length check. */
export function decodeInput(input: unknown): string {
  let text: string;
  if (typeof input === 'string') {
    // A UTF-16 code unit never takes fewer UTF-8 bytes, so the cheap length test rejects huge strings without a scan.
    if (input.length > NFO_MAX_BYTES || Buffer.byteLength(input, 'utf8') > NFO_MAX_BYTES) throw tooLarge();
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.byteLength > NFO_MAX_BYTES) throw tooLarge();
    text = decodeBytes(input);
  } else {
    throw new NfoError('encoding', 'NFO input must be a string or a Buffer');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // XML cannot carry NUL at all; its presence means a binary file or a UTF-16 file we failed to recognise.
  if (text.includes('\u0000')) throw new NfoError('encoding', 'NFO contains NUL characters: not a text file');
  return text;
}

function tooLarge(): NfoError {
  return new NfoError('too-large', `NFO is larger than ${NFO_MAX_BYTES} bytes`);
}

function decodeBytes(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeUtf8OrLegacy(bytes.subarray(3));
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes.subarray(2), 'le');
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes.subarray(2), 'be');
  // XML 1.0 appendix F: a BOM-less UTF-16 document still starts with '<' as one code unit.
  if (b0 === 0x3c && b1 === 0x00) return decodeUtf16(bytes, 'le');
  if (b0 === 0x00 && b1 === 0x3c) return decodeUtf16(bytes, 'be');

  const declared = declaredEncoding(bytes);
  // Only single-byte declarations are believed: a file declaring UTF-16 that reached here has no UTF-16 shape.
  if (declared && !/^(?:utf|ucs|unicode)/i.test(declared)) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(declared);
    } catch {
      throw new NfoError('encoding', `NFO declares an unsupported encoding "${declared.slice(0, 40)}"`);
    }
    // WHATWG maps latin1/iso-8859-1/ascii labels to windows-1252 too, which Node decodes as plain Latin-1.
    return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  }
  return decodeUtf8OrLegacy(bytes);
}

function decodeUtf8OrLegacy(bytes: Uint8Array): string {
  try {
    // stream: a file cut mid-write may end inside a multi-byte sequence; that tail is dropped rather than failing the file.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
  } catch {
    // Like Kodi, fall back to the usual Windows charset: old Windows tools wrote undeclared Latin-1 NFOs.
    return decodeWindows1252(bytes);
  }
}

// 0x80–0x9F of windows-1252 (0 = unassigned, kept as the C1 code point as WHATWG does).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Node's TextDecoder('windows-1252') is really ISO-8859-1 and turns curly quotes into C1 controls, hence this. */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (ch) => {
    const mapped = CP1252_HIGH[ch.charCodeAt(0) - 0x80];
    return mapped ? String.fromCharCode(mapped) : ch;
  });
}

function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  const even = bytes.byteLength - (bytes.byteLength % 2);
  const copy = Buffer.from(bytes.subarray(0, even));
  if (order === 'be') copy.swap16();
  return copy.toString('utf16le');
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const match = /^\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(head);
  return match?.[1];
}

// ---------------------------------------------------------------------------
// Pre-parse checks
// ---------------------------------------------------------------------------

/**
 * A DTD is the only way into external entities and entity expansion, and no real NFO has one,
 * so it is refused outright rather than trusting the parser's own DTD handling.
 */
export function assertNoDtd(text: string): void {
  if (/<!\s*(?:doctype|entity)/i.test(text)) {
    throw new NfoError('dtd-forbidden', 'NFO contains a DOCTYPE or ENTITY declaration, which is not allowed');
  }
}

/** Counted on the raw text so a flood of tiny elements is refused before the parser builds anything. */
export function assertElementCount(text: string): void {
  let count = 0;
  let at = text.indexOf('<');
  while (at !== -1) {
    const next = text.charCodeAt(at + 1);
    // '/', '!', '?' start closing tags, comments/CDATA and processing instructions.
    if (next !== 0x2f && next !== 0x21 && next !== 0x3f) {
      count++;
      if (count > NFO_MAX_ELEMENTS) {
        throw new NfoError('too-large', `NFO has more than ${NFO_MAX_ELEMENTS} elements`);
      }
    }
    at = text.indexOf('<', at + 1);
  }
}

// ---------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------

const NAMED_ENTITIES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }),
);

/**
 * The five XML entities plus numeric references, in one pass: a decoded '&' is never decoded again,
 * and anything else (HTML names, references to forbidden code points) is left as literal text.
 */
export function decodeXmlEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,8}|lt|gt|amp|quot|apos);/g, (whole, body: string) => {
    if (body.charCodeAt(0) !== 0x23) return NAMED_ENTITIES[body] ?? whole;
    const hex = body[1] === 'x' || body[1] === 'X';
    const cp = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    return isXmlChar(cp) ? String.fromCodePoint(cp) : whole;
  });
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Replaces fast-xml-parser's own decoder. Its default leaves numeric references undecoded unless HTML
 * entities are switched on (which adds hundreds of names), and it expands DOCTYPE entities with only
 * size limits. Ours knows no DTD entities at all: reaching addInputEntities means a DOCTYPE got past
 * assertNoDtd, and that is refused.
 */
const entityDecoder: NonNullable<X2jOptions['entityDecoder']> = {
  setExternalEntities: () => undefined,
  addInputEntities: () => {
    throw new NfoError('dtd-forbidden', 'NFO declares entities, which is not allowed');
  },
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: decodeXmlEntities,
};

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

// fast-xml-parser refuses these as tag names by throwing; renaming keeps one odd tag from failing the whole file.
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function safeTagName(name: string): string {
  const lower = name.toLowerCase();
  return RESERVED_NAMES.has(lower) ? `_${lower}` : lower;
}

const ATTR_PREFIX = '@_';
const TEXT_KEY = '#text';

const PARSER_OPTIONS: X2jOptions = {
  // preserveOrder turns every element into an array entry: repeatable tags (actor, genre, thumb, episodedetails
  // as several roots) are never collapsed into a scalar, and document order survives for actor ordering.
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  allowBooleanAttributes: false,
  textNodeName: TEXT_KEY,
  // Everything stays a string: "007" as a title or "1.10" as a version must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Trimming happens per field; a plot keeps its inner line breaks.
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  entityDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  transformTagName: safeTagName,
  transformAttributeName: (name) => name.toLowerCase(),
  maxNestedTags: NFO_MAX_DEPTH,
  jPath: false,
  stopNodes: [],
  unpairedTags: [],
};

const parser = new XMLParser(PARSER_OPTIONS);

/**
 * Top-level elements of the document. Unclosed elements at the end are kept as far as they were read;
 * a construct cut in half (`<thu`, an open comment) is dropped and the rest parsed again.
 */
export function parseXmlTree(text: string): XmlElement[] {
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (first) {
    if (first instanceof NfoError) throw first;
    if (isDepthError(first)) throw depthError();
    const cut = truncationPoint(text);
    if (cut <= 0 || cut >= text.length) throw malformed(first);
    try {
      raw = parser.parse(text.slice(0, cut));
    } catch (second) {
      if (second instanceof NfoError) throw second;
      if (isDepthError(second)) throw depthError();
      throw malformed(first);
    }
  }
  return toElements(raw, 0).elements;
}

function isDepthError(err: unknown): boolean {
  return err instanceof Error && /nested tags/i.test(err.message);
}

const DEPTH_MESSAGE = `NFO nests elements deeper than ${NFO_MAX_DEPTH} levels`;

function depthError(): NfoError {
  return new NfoError('malformed', DEPTH_MESSAGE);
}

/** Too-deep nesting is reported as malformed but is an attack, not a broken file worth a fallback. */
export function isNestingLimitError(err: unknown): boolean {
  return err instanceof NfoError && err.message === DEPTH_MESSAGE;
}

function malformed(err: unknown): NfoError {
  const detail = err instanceof Error ? err.message.slice(0, 200) : 'unknown parser error';
  return new NfoError('malformed', `NFO is not readable XML: ${detail}`);
}

/** Where a file cut mid-write stops being parseable: the last '<', or an earlier unterminated comment/CDATA/PI. */
function truncationPoint(text: string): number {
  let cut = text.lastIndexOf('<');
  for (const [open, close] of [
    ['<!--', '-->'],
    ['<![CDATA[', ']]>'],
    ['<?', '?>'],
  ] as const) {
    const start = text.lastIndexOf(open);
    if (start !== -1 && start < cut && text.indexOf(close, start + open.length) === -1) cut = start;
  }
  return cut;
}

interface Converted {
  elements: XmlElement[];
  text: string;
}

// Recursion is bounded: the parser has already refused anything nested deeper than NFO_MAX_DEPTH.
function toElements(raw: unknown, depth: number): Converted {
  const elements: XmlElement[] = [];
  let text = '';
  if (!Array.isArray(raw) || depth > NFO_MAX_DEPTH + 1) return { elements, text };
  for (const node of raw as unknown[]) {
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    let name: string | undefined;
    for (const key of Object.keys(record)) {
      if (key !== ':@') {
        name = key;
        break;
      }
    }
    if (name === undefined) continue;
    const value = record[name];
    if (name === TEXT_KEY) {
      if (typeof value === 'string') text += value;
      else if (value !== undefined && value !== null) text += String(value);
      continue;
    }
    const inner = toElements(value, depth + 1);
    elements.push({ name, attrs: toAttrs(record[':@']), children: inner.elements, text: inner.text });
  }
  return { elements, text };
}

function toAttrs(raw: unknown): Record<string, string> {
  const attrs = Object.create(null) as Record<string, string>;
  if (raw === null || typeof raw !== 'object') return attrs;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!key.startsWith(ATTR_PREFIX) || typeof value !== 'string') continue;
    attrs[key.slice(ATTR_PREFIX.length)] = value;
  }
  return attrs;
}
