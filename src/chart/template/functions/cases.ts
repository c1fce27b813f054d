// Sprig's case and layout helpers, ported from the libraries Sprig calls so that every word
// boundary falls where Helm's does: huandu/xstrings (snakecase, kebabcase, camelcase, which is
// xstrings.ToPascalCase) and Masterminds/goutils (swapcase, wrap, wrapWith, abbrev, abbrevboth,
// initials). goutils works on bytes (len, str[i]), xstrings on runes; each port keeps its unit.

import { type GoInt, numberOf } from '../../../go/values.js';
import { goLower, goUpper, isGoSpace } from './strings.js';
import { type FuncTable, fn } from './types.js';
import { asRunes, goBytes, goString } from '../../../go/bytes.js';

const isUpper = (r: string) => /\p{Lu}/u.test(r);
const isLower = (r: string) => /\p{Ll}/u.test(r);
const isTitleCase = (r: string) => /\p{Lt}/u.test(r);
const isLetter = (r: string) => /\p{L}/u.test(r);
const isPunct = (r: string) => /\p{P}/u.test(r);
const isNumber = (r: string) => /\p{N}/u.test(r);
const isSpace = isGoSpace;
const toUpper = goUpper;
const toLower = goLower;
/** unicode.ToTitle: the upper case, except for the four digraph letters that have a title form. */
const titleDigraphs: Record<string, string> = { Ǆ: 'ǅ', ǅ: 'ǅ', ǆ: 'ǅ', Ǉ: 'ǈ', ǈ: 'ǈ', ǉ: 'ǈ', Ǌ: 'ǋ', ǋ: 'ǋ', ǌ: 'ǋ', Ǳ: 'ǲ', ǲ: 'ǲ', ǳ: 'ǲ' };
const toTitle = (r: string) => titleDigraphs[r] ?? toUpper(r);

/** U+FFFD is what Go's decoder returns for invalid UTF-8; xstrings skips it as not a valid rune. */
const RUNE_ERROR = '\ufffd';

// ---- huandu/xstrings -------------------------------------------------------------------

/** xstrings' connector: '-', '_' or a space. */
const isConnector = (r: string) => r === '-' || r === '_' || isSpace(r);

/** xstrings' isAlphabet: a letter that is not a CJK ideograph. */
function isAlphabet(r: string): boolean {
  if (!isLetter(r)) return false;
  const c = r.codePointAt(0)!;
  if (c < 0x3400) return true;
  const cjk =
    (c >= 0x4e00 && c <= 0x9fcc) ||
    (c >= 0x3400 && c <= 0x4d85) ||
    (c >= 0x20000 && c <= 0x2b81d) ||
    (c >= 0xf900 && c <= 0xfad9) ||
    (c >= 0x2f800 && c <= 0x2fa1d);
  return !cjk;
}

const enum Word {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

/** nextValidRune: the next rune that is not RuneError and how many runes it took; `prev` if none. */
function nextValidRune(runes: string[], at: number, prev: string): [string, number] {
  let size = 0;
  for (let i = at; i < runes.length; i++) {
    size++;
    if (runes[i] !== RUNE_ERROR) return [runes[i]!, size];
  }
  return [prev, size];
}

/** xstrings' nextWord over runes[at…]: the word's type and its end. */
function nextWord(runes: string[], at: number): [Word, number] {
  if (at >= runes.length) return [Word.Invalid, at];
  let [r, size] = nextValidRune(runes, at, RUNE_ERROR);
  let offset = at + size;
  let rest = offset;
  if (r === RUNE_ERROR) return [Word.Invalid, offset];
  /** Extends the word while `keep` holds for the next valid rune. */
  const extend = (keep: (r: string) => boolean) => {
    while (rest < runes.length) {
      [r, size] = nextValidRune(runes, rest, r);
      if (!keep(r)) break;
      offset += size;
      rest += size;
    }
  };
  if (isConnector(r)) {
    extend(isConnector);
    return [Word.Connector, offset];
  }
  if (isPunct(r)) {
    extend(isPunct);
    return [Word.Punct, offset];
  }
  if (isUpper(r)) {
    if (rest >= runes.length) return [Word.UpperCase, offset];
    [r, size] = nextValidRune(runes, rest, r);
    if (isUpper(r)) {
      // A run of capitals; its last one starts the next word when a lower-case letter follows.
      let prevSize = size;
      offset += size;
      rest += size;
      while (rest < runes.length) {
        [r, size] = nextValidRune(runes, rest, r);
        if (!isUpper(r)) break;
        prevSize = size;
        offset += size;
        rest += size;
      }
      if (rest < runes.length && isAlphabet(r)) offset -= prevSize;
    } else if (isAlphabet(r)) {
      offset += size;
      rest += size;
      extend((x) => isAlphabet(x) && !isUpper(x));
    }
    return [Word.UpperCase, offset];
  }
  if (isAlphabet(r)) {
    extend((x) => isAlphabet(x) && !isUpper(x));
    return [Word.Alphabet, offset];
  }
  if (isNumber(r)) {
    extend(isNumber);
    return [Word.Number, offset];
  }
  extend((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  return [Word.Other, offset];
}

/** xstrings' toLower of one word: upper-case and connector words are lowered, connectors replaced. */
function lowerWord(wt: Word, word: string[], connector: string): string {
  if (wt !== Word.UpperCase && wt !== Word.Connector) return word.join('');
  return word.map((r) => (isConnector(r) ? connector : isUpper(r) ? toLower(r) : r)).join('');
}

/** xstrings' camelCaseToLowerCase: ToSnakeCase with '_', ToKebabCase with '-'. */
function camelCaseToLowerCase(s: string, connector: string): string {
  const runes = [...s];
  if (runes.length === 0) return '';
  let out = '';
  let start = 0;
  let [wt, end] = nextWord(runes, start);
  const word = () => runes.slice(start, end);
  /** The word after the current one. */
  const following = (): [Word, number] => {
    start = end;
    return nextWord(runes, start);
  };
  while (end < runes.length) {
    if (wt !== Word.Connector) out += lowerWord(wt, word(), connector);
    const prev = wt;
    const last = word();
    [wt, end] = following();
    switch (prev) {
      case Word.Number:
        while (wt === Word.Alphabet || wt === Word.Number) {
          out += lowerWord(wt, word(), connector);
          [wt, end] = following();
        }
        if (wt !== Word.Invalid && wt !== Word.Punct && wt !== Word.Connector) out += connector;
        break;
      case Word.Connector:
        out += lowerWord(prev, last, connector);
        break;
      case Word.Punct:
        break;
      default: {
        if (wt !== Word.Number) {
          if (wt !== Word.Connector && wt !== Word.Punct) out += connector;
          break;
        }
        if (end >= runes.length) break;
        const number = word();
        [wt, end] = following();
        if (wt !== Word.Alphabet) {
          out += lowerWord(Word.Number, number, connector);
          if (wt !== Word.Connector && wt !== Word.Punct) out += connector;
          break;
        }
        out += connector + lowerWord(Word.Number, number, connector);
        while (wt === Word.Alphabet || wt === Word.Number) {
          out += lowerWord(wt, word(), connector);
          [wt, end] = following();
        }
        if (wt !== Word.Invalid && wt !== Word.Connector && wt !== Word.Punct) out += connector;
      }
    }
  }
  return out + lowerWord(wt, word(), connector);
}

/**
 * xstrings.ToPascalCase (Sprig's camelcase): connectors between words go, each word's first
 * rune is upper-cased, and a word that starts in capitals keeps only its first one; leading
 * connectors and runs of connectors but the last stay.
 */
function toPascalCase(s: string): string {
  const runes = [...s];
  if (runes.length === 0) return '';
  let out = '';
  let i = 0;
  let r0 = '';
  let firstUpper = false;
  while (i < runes.length) {
    r0 = runes[i++]!;
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = toUpper(r0);
      break;
    }
    out += r0;
  }
  // Go writes the last rune read here even when it is a connector already written.
  if (i >= runes.length) return out + r0;
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else firstUpper = false;
      }
      out += r1;
    }
  }
  return out + r0;
}

// ---- Masterminds/goutils ---------------------------------------------------------------

/** goutils.SwapCase: capitals lowered, a lower-case letter title-cased after a space (or at the start), else upper-cased. */
function swapCase(s: string): string {
  let whitespace = true;
  let out = '';
  // goutils reads runes (a byte that is not UTF-8 as U+FFFD) and writes each rune it read.
  for (const ch of asRunes(s)) {
    if (isUpper(ch) || isTitleCase(ch)) {
      out += toLower(ch);
      whitespace = false;
    } else if (isLower(ch)) {
      out += whitespace ? toTitle(ch) : toUpper(ch);
      whitespace = false;
    } else {
      out += ch;
      whitespace = isSpace(ch);
    }
  }
  return out;
}

const SPACE = 0x20;

/** goutils.WrapCustom over the bytes of the text: breaks at the last space within the width. */
function wrapCustom(s: string, width: number, newline: string, wrapLongWords: boolean): string {
  if (s === '') return '';
  const nl = goBytes(newline === '' ? '\n' : newline);
  const w = width < 1 ? 1 : width;
  const b = goBytes(s);
  const parts: Buffer[] = [];
  let offset = 0;
  while (b.length - offset > w) {
    if (b[offset] === SPACE) {
      offset++;
      continue;
    }
    const spaceAt = b.subarray(offset, w + offset + 1).lastIndexOf(SPACE);
    if (spaceAt >= 0) {
      parts.push(b.subarray(offset, offset + spaceAt), nl);
      offset += spaceAt + 1;
    } else if (wrapLongWords) {
      parts.push(b.subarray(offset, offset + w), nl);
      offset += w;
    } else {
      const next = b.indexOf(SPACE, w + offset);
      if (next < 0) {
        parts.push(b.subarray(offset));
        offset = b.length;
      } else {
        parts.push(b.subarray(offset, next), nl);
        offset = next + 1;
      }
    }
  }
  parts.push(b.subarray(offset));
  return goString(Buffer.concat(parts));
}

/** goutils.AbbreviateFull on bytes; Sprig has already refused the widths it would reject. */
function abbreviateFull(s: string, offsetIn: number, maxWidth: number): string {
  const b = goBytes(s);
  if (b.length <= maxWidth) return s;
  let offset = Math.min(offsetIn, b.length);
  if (b.length - offset < maxWidth - 3) offset = b.length - (maxWidth - 3);
  const marker = '...';
  if (offset <= 4) return goString(b.subarray(0, maxWidth - 3)) + marker;
  // Sprig lets no call reach goutils' "width with offset below 7" error; it answers "" if one does.
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < b.length) return marker + abbreviateFull(goString(b.subarray(offset)), 0, maxWidth - 3);
  return marker + goString(b.subarray(b.length - (maxWidth - 3)));
}

/** Sprig's abbrev: widths below 4 leave the text as it is. */
function abbrev(width: number, s: string): string {
  if (width < 4 || s === '') return s;
  return abbreviateFull(s, 0, width);
}

/** Sprig's abbrevboth: a right width below 4, or below 7 with a left offset, leaves the text. */
function abbrevBoth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7) || s === '') return s;
  return abbreviateFull(s, left, right);
}

/**
 * goutils.Initials: the first byte of each space-separated word, each byte written as the
 * rune of its value (so a multi-byte letter gives the Latin-1 character of its first byte).
 */
function initials(s: string): string {
  let out = '';
  let lastWasGap = true;
  for (const byte of goBytes(s)) {
    const ch = String.fromCharCode(byte);
    if (isSpace(ch)) lastWasGap = true;
    else if (lastWasGap) {
      out += ch;
      lastWasGap = false;
    }
  }
  return out;
}

const int = (v: unknown) => numberOf(v as GoInt);

export const caseFunctions: FuncTable = {
  snakecase: fn(['string'], ([s]) => camelCaseToLowerCase(s as string, '_')),
  kebabcase: fn(['string'], ([s]) => camelCaseToLowerCase(s as string, '-')),
  camelcase: fn(['string'], ([s]) => toPascalCase(s as string)),
  swapcase: fn(['string'], ([s]) => swapCase(s as string)),
  wrap: fn(['int', 'string'], ([n, s]) => wrapCustom(s as string, int(n), '', false)),
  wrapWith: fn(['int', 'string', 'string'], ([n, sep, s]) => wrapCustom(s as string, int(n), sep as string, true)),
  abbrev: fn(['int', 'string'], ([w, s]) => abbrev(int(w), s as string)),
  abbrevboth: fn(['int', 'int', 'string'], ([l, r, s]) => abbrevBoth(int(l), int(r), s as string)),
  initials: fn(['string'], ([s]) => initials(s as string)),
};
