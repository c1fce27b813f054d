// Sprig's string functions, with Go's semantics: byte-based lengths and slicing, Unicode
// whitespace, strings.Title's word boundaries, and Sprig's regex functions over Go's regexp
// (regexp.ts).

import { goQuote, sprintf, strval } from '../../../go/fmt.js';
import { type GoInt, type GoValue, type Val, mapSet, newMap, numberOf, typeTag } from '../../../go/values.js';
import { GoRegexp, RegexpCompileError } from './regexp.js';
import { type CallContext, type FuncDef, type FuncTable, FuncError, fn } from './types.js';
import { asRunes, goByteLength, goBytes, goString } from '../../../go/bytes.js';

const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** unicode.IsSpace. */
export function isGoSpace(ch: string): boolean {
  return goSpace.test(ch);
}

/** strings.TrimSpace (Go's unicode.IsSpace, which does not include U+FEFF). */
export function trimSpace(s: string): string {
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && isGoSpace(chars[a]!)) a++;
  while (b > a && isGoSpace(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

/** strings.Map: each rune mapped, each byte that is not UTF-8 read (and written) as U+FFFD. */
function mapRunes(s: string, f: (ch: string) => string): string {
  let out = '';
  for (const ch of asRunes(s)) {
    const m = f(ch);
    // Go maps rune to rune; multi-character case mappings (ß → SS) leave the rune as it is.
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}

export function goUpper(s: string): string {
  return mapRunes(s, (c) => c.toUpperCase());
}
export function goLower(s: string): string {
  return mapRunes(s, (c) => c.toLowerCase());
}

/** strings.Title: upper-case each letter that follows a separator (not letters, digits or '_'). */
export function goTitle(s: string): string {
  let prev = ' ';
  const isSeparator = (r: string): boolean => {
    const cp = r.codePointAt(0)!;
    if (cp <= 0x7f) return !/[0-9a-zA-Z_]/.test(r);
    if (/[\p{L}\p{Nd}]/u.test(r)) return false;
    return isGoSpace(r);
  };
  return mapRunes(s, (r) => {
    const out = isSeparator(prev) ? r.toUpperCase() : r;
    prev = r;
    return out;
  });
}

/** A Go byte slice s[start:end] of a string: it may cut a character, leaving bytes that are not UTF-8. */
function byteSlice(s: string, start: number, end?: number): string {
  const b = goBytes(s);
  const e = end ?? b.length;
  if (e > b.length) throw new FuncError(`runtime error: slice bounds out of range [:${e}] with length ${b.length}`);
  if (start < 0 || start > e) throw new FuncError(`runtime error: slice bounds out of range [${start}:${e}]`);
  return goString(b.subarray(start, e));
}

function trunc(c: number, s: string): string {
  const len = goByteLength(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function substr(start: number, end: number, s: string): string {
  if (start < 0) return byteSlice(s, 0, end);
  const len = goByteLength(s);
  if (end < 0 || end > len) return byteSlice(s, start);
  return byteSlice(s, start, end);
}

function repeat(count: number, s: string, ctx: CallContext): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  ctx.reserve(count * s.length);
  return s.repeat(count);
}

/** strings.Replace(s, old, new, -1), including Go's rule for an empty old string. */
/** How many times strings.Replace replaces `old` in `s`: an empty old string once per character and once more. */
function occurrences(s: string, old: string): number {
  if (old === '') return [...s].length + 1;
  let n = 0;
  for (let at = s.indexOf(old); at >= 0; at = s.indexOf(old, at + old.length)) n++;
  return n;
}

function replaceAll(s: string, old: string, replacement: string, ctx: CallContext): string {
  if (replacement.length > old.length) ctx.reserve(s.length + occurrences(s, old) * (replacement.length - old.length));
  if (old === '') {
    const chars = [...s];
    return replacement + chars.map((c) => c + replacement).join('');
  }
  return s.split(old).join(replacement);
}

/** strings.Split: an empty separator splits into characters. */
export function goSplit(s: string, sep: string): string[] {
  if (sep === '') return [...s];
  return s.split(sep);
}

function goSplitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const all = goSplit(s, sep);
  if (n < 0 || all.length <= n) return all;
  if (sep === '') return [...all.slice(0, n - 1), all.slice(n - 1).join('')];
  return [...all.slice(0, n - 1), all.slice(n - 1).join(sep)];
}

function stringMap(parts: string[]): GoValue {
  const m = newMap();
  parts.forEach((p, i) => mapSet(m, `_${i}`, p));
  return typeTag(m, 'map[string]string', 'string');
}

export function stringSlice(parts: string[]): GoValue[] {
  return typeTag([...parts], '[]string', 'string');
}

/** Sprig's strslice: a list of strings from any list (nil elements dropped) or a single value. */
export function strslice(v: Val): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map((x) => strval(x));
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function indent(spaces: number, v: string, ctx: CallContext): string {
  if (spaces < 0) throw new FuncError('strings: negative Repeat count');
  ctx.reserve(spaces);
  const lines = v.split('\n');
  ctx.reserve(v.length + spaces * lines.length);
  const pad = ' '.repeat(spaces);
  return pad + lines.join('\n' + pad);
}

function untitle(s: string): string {
  // Lower-case the first letter of every whitespace-separated word.
  let prevSpace = true;
  return mapRunes(s, (c) => {
    const out = prevSpace ? c.toLowerCase() : c;
    prevSpace = isGoSpace(c);
    return out;
  });
}

export const stringFunctions: FuncTable = {
  upper: fn(['string'], ([s]) => goUpper(s as string)),
  lower: fn(['string'], ([s]) => goLower(s as string)),
  title: fn(['string'], ([s]) => goTitle(s as string)),
  untitle: fn(['string'], ([s]) => untitle(s as string)),
  trim: fn(['string'], ([s]) => trimSpace(s as string)),
  trimAll: fn(['string', 'string'], ([cut, s]) => trimSet(s as string, cut as string)),
  trimall: fn(['string', 'string'], ([cut, s]) => trimSet(s as string, cut as string)),
  trimSuffix: fn(['string', 'string'], ([suffix, s]) => ((s as string).endsWith(suffix as string) ? (s as string).slice(0, (s as string).length - (suffix as string).length) : (s as string))),
  trimPrefix: fn(['string', 'string'], ([prefix, s]) => ((s as string).startsWith(prefix as string) ? (s as string).slice((prefix as string).length) : (s as string))),
  trunc: fn(['int', 'string'], ([c, s]) => trunc(numberOf(c as GoInt), s as string)),
  substr: fn(['int', 'int', 'string'], ([a, b, s]) => substr(numberOf(a as GoInt), numberOf(b as GoInt), s as string)),
  repeat: fn(['int', 'string'], ([c, s], ctx) => repeat(numberOf(c as GoInt), s as string, ctx)),
  nospace: fn(['string'], ([s]) => [...(s as string)].filter((c) => !isGoSpace(c)).join('')),
  replace: fn(['string', 'string', 'string'], ([o, n, s], ctx) => replaceAll(s as string, o as string, n as string, ctx)),
  contains: fn(['string', 'string'], ([sub, s]) => (s as string).includes(sub as string)),
  hasPrefix: fn(['string', 'string'], ([p, s]) => (s as string).startsWith(p as string)),
  hasSuffix: fn(['string', 'string'], ([p, s]) => (s as string).endsWith(p as string)),
  quote: fn([], (args) => args.filter((a) => a !== null && a !== undefined).map((a) => goQuote(strval(a))).join(' '), 'any'),
  squote: fn([], (args) => args.filter((a) => a !== null && a !== undefined).map((a) => `'${strval(a)}'`).join(' '), 'any'),
  cat: fn(
    [],
    (args) => {
      const v = args.filter((a) => a !== null && a !== undefined);
      return sprintf(trimSpace('%v '.repeat(v.length)), v);
    },
    'any',
  ),
  indent: fn(['int', 'string'], ([n, s], ctx) => indent(numberOf(n as GoInt), s as string, ctx)),
  nindent: fn(['int', 'string'], ([n, s], ctx) => '\n' + indent(numberOf(n as GoInt), s as string, ctx)),
  plural: fn(['string', 'string', 'int'], ([one, many, count]) => (numberOf(count as GoInt) === 1 ? one : many)),
  toString: fn(['any'], ([v]) => strval(v)),
  toStrings: fn(['any'], ([v]) => stringSlice(strslice(v))),
  split: fn(['string', 'string'], ([sep, s]) => stringMap(goSplit(s as string, sep as string))),
  splitList: fn(['string', 'string'], ([sep, s]) => stringSlice(goSplit(s as string, sep as string))),
  splitn: fn(['string', 'int', 'string'], ([sep, n, s]) => stringMap(goSplitN(s as string, sep as string, numberOf(n as GoInt)))),
  join: fn(['string', 'any'], ([sep, v]) => strslice(v).join(sep as string)),
  regexMatch: fn(['string', 'string'], ([re, s]) => {
    try {
      return GoRegexp.compile(re as string).matchString(s as string);
    } catch (e) {
      // Sprig's regexMatch drops regexp.MatchString's error.
      if (e instanceof RegexpCompileError) return false;
      throw e;
    }
  }),
  mustRegexMatch: fn(['string', 'string'], ([re, s]) => GoRegexp.compile(re as string).matchString(s as string)),
  regexFind: fn(['string', 'string'], ([re, s]) => GoRegexp.compile(re as string).findString(s as string)),
  regexFindAll: fn(['string', 'string', 'int'], ([re, s, n]) => stringSlice(GoRegexp.compile(re as string).findAllString(s as string, numberOf(n as GoInt)))),
  regexReplaceAll: fn(['string', 'string', 'string'], ([re, s, repl], ctx) => GoRegexp.compile(re as string).replaceAll(s as string, repl as string, true, (n) => ctx.reserve(n))),
  regexReplaceAllLiteral: fn(['string', 'string', 'string'], ([re, s, repl], ctx) => GoRegexp.compile(re as string).replaceAll(s as string, repl as string, false, (n) => ctx.reserve(n))),
  regexSplit: fn(['string', 'string', 'int'], ([re, s, n]) => stringSlice(GoRegexp.compile(re as string).split(s as string, numberOf(n as GoInt)))),
  regexQuoteMeta: fn(['string'], ([s]) => (s as string).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
};

/** The must-variants return regexp.Compile's error, which is MustCompile's panic without its prefix. */
function compileErrorOnly(plain: FuncDef): FuncDef {
  return {
    ...plain,
    call: (args, ctx) => {
      try {
        return plain.call(args, ctx);
      } catch (e) {
        if (e instanceof RegexpCompileError) throw new FuncError(e.detail);
        throw e;
      }
    },
  };
}

for (const name of ['regexFindAll', 'regexFind', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexSplit']) {
  stringFunctions[`must${name[0]!.toUpperCase()}${name.slice(1)}`] = compileErrorOnly(stringFunctions[name]!);
}
stringFunctions.mustRegexMatch = compileErrorOnly(stringFunctions.mustRegexMatch!);

function trimSet(s: string, cut: string): string {
  const set = new Set([...cut]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a++;
  while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

