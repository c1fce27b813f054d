// Go's fmt and strconv: what the template functions print (print, printf, println, quote,
// toString) and text/template's own printing of action results; what the chart renderer writes
// where the chart interpolates a value; the Go number syntax the YAML readers share.

import { goBytes } from './bytes.js';
import { GoInt, GoStruct, type GoValue, type Val, isGoMap, sortedKeys, typeName } from './values.js';

// ── floats (strconv.FormatFloat) ─────────────────────────────────────────────────────────────

interface Decimal {
  /** Significant digits without leading or trailing zeros ('' for zero). */
  digits: string;
  /** Position of the decimal point: value = 0.digits × 10^dp. */
  dp: number;
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) {
    exp = -1074;
  } else {
    mantissa |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mantissa << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    // m × 2^e = m × 5^-e / 10^-e
    digits = (mantissa * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trimDecimal({ digits, dp });
}

function trimDecimal(d: Decimal): Decimal {
  let digits = d.digits.replace(/0+$/, '');
  let dp = d.dp;
  const lead = digits.match(/^0*/)![0].length;
  digits = digits.slice(lead);
  dp -= lead;
  if (digits === '') dp = 0;
  return { digits, dp };
}

/** The shortest decimal that reads back as x (what Go's precision -1 prints). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const [mant, e] = x.toExponential().split('e');
  return trimDecimal({ digits: mant!.replace('.', ''), dp: Number(e) + 1 });
}

/** Round to nd significant digits, halfway cases to even, as strconv's decimal does. */
function roundDecimal(d: Decimal, nd: number): Decimal {
  if (nd < 0) return { digits: '', dp: 0 };
  if (nd >= d.digits.length) return d;
  const digit = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (digit > 5) up = true;
  else if (digit < 5) up = false;
  else if (nd + 1 < d.digits.length) up = true; // more digits after the 5: above half
  else up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1; // exactly half: to even
  if (!up) return trimDecimal({ digits: d.digits.slice(0, nd), dp: d.dp });
  // Round up: increment the kept digits.
  const kept = d.digits.slice(0, nd).split('').map(Number);
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === 9) {
    kept[i] = 0;
    i--;
  }
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  kept[i]!++;
  return trimDecimal({ digits: kept.join(''), dp: d.dp });
}

function fmtE(neg: boolean, d: Decimal, prec: number, upper: boolean): string {
  let out = neg ? '-' : '';
  out += d.digits.length > 0 ? d.digits[0] : '0';
  if (prec > 0) {
    out += '.';
    let i = 1;
    const m = Math.min(d.digits.length, prec + 1);
    if (i < m) {
      out += d.digits.slice(i, m);
      i = m;
    }
    out += '0'.repeat(Math.max(0, prec + 1 - i));
  }
  out += upper ? 'E' : 'e';
  let exp = d.digits.length === 0 ? 0 : d.dp - 1;
  out += exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  out += exp < 10 ? `0${exp}` : String(exp);
  return out;
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) {
    const m = Math.min(d.digits.length, d.dp);
    out += d.digits.slice(0, m) + '0'.repeat(d.dp - m);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
  }
  return out;
}

/** strconv.FormatFloat(x, fmt, prec, 64) for fmt in e E f g G; prec -1 means shortest. */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(abs);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(d.digits.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(d.digits.length - d.dp, 0);
    else prec = d.digits.length;
  } else {
    d = exactDecimal(abs);
    if (fmt === 'e' || fmt === 'E') d = roundDecimal(d, prec + 1);
    else if (fmt === 'f') d = roundDecimal(d, d.dp + prec);
    else {
      if (prec === 0) prec = 1;
      d = roundDecimal(d, prec);
    }
  }
  if (fmt === 'e' || fmt === 'E') return fmtE(neg, d, prec, fmt === 'E');
  if (fmt === 'f') return fmtF(neg, d, prec);
  // %g: %e for large and small exponents, %f otherwise.
  let eprec = prec;
  const nd = d.digits.length;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (nd === 0 ? false : exp < -4 || exp >= eprec) {
    if (prec > nd) prec = nd;
    return fmtE(neg, d, prec - 1, fmt === 'G');
  }
  if (prec > d.dp) prec = nd;
  return fmtF(neg, d, Math.max(prec - d.dp, 0));
}

/**
 * fmt's %v of a float64 (strconv 'g' with the shortest digits that read back): exponent form
 * when the decimal exponent is below -4 or at least 6, so 1000000 prints as 1e+06 while
 * 123456.7 and 0.0001 stay as they are. Every number in Helm values is a float64, and Compose
 * prints a float64 it read the same way.
 */
export function formatFloat64(x: number): string {
  return formatFloat(x, 'g', -1);
}

// ── integers (strconv.ParseInt) ──────────────────────────────────────────────────────────────

/**
 * strconv.ParseInt(s, 0, 64) (and ParseUint for the large positive range): a sign, then a
 * base prefix (0x, 0o, 0b, or a leading 0 for octal) or decimal digits. Returns undefined
 * when Go would refuse the text. The YAML readers of Go programs (Helm's go-yaml v2,
 * Compose's go-yaml v3) type integers this way once `_` are removed.
 */
export function parseInteger(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  let digits: string;
  let base: number;
  if (/^0[xX]/.test(s)) {
    digits = s.slice(2);
    base = 16;
    if (!/^[0-9a-fA-F]+$/.test(digits)) return undefined;
  } else if (/^0[oO]/.test(s)) {
    digits = s.slice(2);
    base = 8;
    if (!/^[0-7]+$/.test(digits)) return undefined;
  } else if (/^0[bB]/.test(s)) {
    digits = s.slice(2);
    base = 2;
    if (!/^[01]+$/.test(digits)) return undefined;
  } else if (/^0[0-9]/.test(s)) {
    digits = s.slice(1);
    base = 8;
    if (!/^[0-7]+$/.test(digits)) return undefined;
  } else {
    digits = s;
    base = 10;
    if (!/^[0-9]+$/.test(digits)) return undefined;
  }
  const magnitude = BigInt(base === 10 ? digits : `0${'xob'[[16, 8, 2].indexOf(base)]}${digits}`);
  // int64 for any sign, uint64 beyond it for positive numbers; Go refuses the rest.
  const limit = negative ? 2n ** 63n : 2n ** 64n - 1n;
  if (magnitude > limit) return undefined;
  return negative ? -magnitude : magnitude;
}

// ── quoting (strconv.Quote) ──────────────────────────────────────────────────────────────────

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** unicode.IsPrint as strconv uses it: letters, marks, numbers, punctuation, symbols, ASCII space. */
export function isPrint(ch: string): boolean {
  return printable.test(ch);
}

function escapeRune(ch: string, quote: string): string {
  const cp = ch.codePointAt(0)!;
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (isPrint(ch)) return ch;
  switch (ch) {
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  // A byte that is not UTF-8 (see bytes.ts) is quoted as that byte; any other lone surrogate is not UTF-8 either.
  if (cp >= 0xdc80 && cp <= 0xdcff) return '\\x' + (cp - 0xdc00).toString(16);
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch, '"');
  return out + '"';
}

/** strconv.QuoteRune: a single-quoted Go rune literal. */
export function goQuoteRune(cp: number): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return "'" + escapeRune(String.fromCodePoint(cp), "'") + "'";
}

// ── %v printing ──────────────────────────────────────────────────────────────────────────────

/** fmt's %v of any value (nil is <nil>); decoded Helm values are taken as they stand (see values.ts). */
export function formatValue(v: unknown): string {
  return formatVerb(v as Val, { verb: 'v', flags: noFlags });
}

interface Flags {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}
const noFlags: Flags = { minus: false, plus: false, sharp: false, space: false, zero: false };

interface Spec {
  verb: string;
  flags: Flags;
}

function pad(s: string, f: Flags, zeroOk = true): string {
  if (f.width === undefined) return s;
  const len = [...s].length;
  if (len >= f.width) return s;
  const n = f.width - len;
  if (f.minus) return s + ' '.repeat(n);
  if (f.zero && zeroOk) {
    const sign = s[0] === '-' || s[0] === '+' || s[0] === ' ' ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function badVerb(v: Val, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatValue(v)})`;
}

function fmtInteger(n: number | bigint, spec: Spec): string {
  const f = spec.flags;
  const neg = n < 0;
  const abs = neg ? -BigInt(n) : BigInt(n);
  let digits: string;
  switch (spec.verb) {
    case 'v':
    case 'd':
      digits = abs.toString(10);
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (spec.verb === 'O') digits = '0o' + digits;
      else if (f.sharp && digits[0] !== '0') digits = '0' + digits;
      break;
    case 'x':
      digits = abs.toString(16);
      if (f.sharp) digits = '0x' + digits;
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (f.sharp) digits = '0X' + digits;
      break;
    case 'c':
      return pad(String.fromCodePoint(validRune(n)), f, false);
    case 'q':
      return pad(goQuoteRune(validRune(n)), f, false);
    case 'U': {
      let s = 'U+' + abs.toString(16).toUpperCase().padStart(4, '0');
      if (f.sharp && n >= 0 && n <= 0x10ffff && isPrint(String.fromCodePoint(validRune(n)))) s += ` '${String.fromCodePoint(Number(n))}'`;
      return pad(s, f, false);
    }
    default:
      return '';
  }
  if (f.prec !== undefined) {
    digits = f.prec === 0 && abs === 0n ? '' : digits.padStart(f.prec, '0');
  }
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + digits, f, f.prec === undefined);
}

function validRune(n: number | bigint): number {
  return n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? 0xfffd : Number(n);
}

function fmtFloatVerb(x: number, spec: Spec): string | undefined {
  const f = spec.flags;
  let s: string;
  switch (spec.verb) {
    case 'v':
      s = f.prec === undefined ? formatFloat64(x) : formatFloat(x, 'g', f.prec);
      break;
    case 'g':
    case 'G':
      s = formatFloat(x, spec.verb, f.prec ?? -1);
      break;
    case 'e':
    case 'E':
      s = formatFloat(x, spec.verb, f.prec ?? 6);
      break;
    case 'f':
    case 'F':
      s = formatFloat(x, 'f', f.prec ?? 6);
      break;
    default:
      return undefined;
  }
  // Go always shows the sign of an infinity, hides NaN's, and zero-pads after the sign.
  let num = s[0] === '-' || s[0] === '+' ? s : '+' + s;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(num, f, false);
  }
  if (f.plus || num[0] !== '+') return pad(num, f, true);
  return pad(num.slice(1), f, true);
}

function fmtString(s: string, spec: Spec): string | undefined {
  const f = spec.flags;
  switch (spec.verb) {
    case 'v':
    case 's': {
      const t = f.prec !== undefined ? [...s].slice(0, f.prec).join('') : s;
      return pad(t, f, false);
    }
    case 'q': {
      const t = f.prec !== undefined ? [...s].slice(0, f.prec).join('') : s;
      if (f.sharp && !t.includes('`') && [...t].every((c) => c === '\t' || isPrint(c))) return pad('`' + t + '`', f, false);
      return pad(goQuote(t), f, false);
    }
    case 'x':
    case 'X': {
      let hex = goBytes(s).toString('hex');
      if (spec.verb === 'X') hex = hex.toUpperCase();
      return pad(hex, f, false);
    }
    default:
      return undefined;
  }
}

function formatVerb(v: Val, spec: Spec): string {
  if (v === undefined || v === null) {
    if (spec.verb === 'v') return pad('<nil>', spec.flags, false);
    return badVerb(v, spec.verb);
  }
  if (spec.verb === 'T') return pad(typeName(v), spec.flags, false);
  if (typeof v === 'boolean') {
    if (spec.verb === 'v' || spec.verb === 't') return pad(String(v), spec.flags, false);
    return badVerb(v, spec.verb);
  }
  if (typeof v === 'number') return fmtFloatVerb(v, spec) ?? badVerb(v, spec.verb);
  if (v instanceof GoInt) return fmtInteger(v.value, spec) || badVerb(v, spec.verb);
  if (typeof v === 'string') return fmtString(v, spec) ?? badVerb(v, spec.verb);
  if (v instanceof GoStruct) {
    if (v.options.stringer && (spec.verb === 'v' || spec.verb === 's' || spec.verb === 'q')) {
      return fmtString(v.options.stringer(), spec) ?? '';
    }
    const inner = [...v.fields.values()].map((x) => formatVerb(x, spec)).join(' ');
    return (v.options.pointer ? '&{' : '{') + inner + '}';
  }
  if (Array.isArray(v)) return '[' + v.map((x) => formatVerb(x, spec)).join(' ') + ']';
  if (isGoMap(v)) {
    const parts = sortedKeys(v).map((k) => `${formatVerb(k, spec)}:${formatVerb(v[k], spec)}`);
    return 'map[' + parts.join(' ') + ']';
  }
  return '';
}

/** Stringify a value as Sprig's strval does: strings as they are, Stringers by String(), else %v. */
export function strval(v: Val): string {
  if (typeof v === 'string') return v;
  if (v instanceof GoStruct && v.options.stringer) return v.options.stringer();
  return formatValue(v);
}

/** fmt.Sprint: operands printed with %v, a space between two operands when neither is a string. */
export function sprint(args: Val[]): string {
  let out = '';
  let prevString = false;
  args.forEach((a, i) => {
    const isString = typeof a === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += formatValue(a);
    prevString = isString;
  });
  return out;
}

/** fmt.Sprintln: operands with %v, always separated by spaces, and a newline. */
export function sprintln(args: Val[]): string {
  return args.map(formatValue).join(' ') + '\n';
}

/** fmt's bound on widths and precisions: a larger one is not a number to fmt. */
const FMT_NUMBER_LIMIT = 1e6;

function tooLarge(n: number): boolean {
  return n > FMT_NUMBER_LIMIT || n < -FMT_NUMBER_LIMIT;
}

/**
 * fmt.Sprintf with Go's verbs, flags, width, precision and its in-band error notation.
 * `reserve`, when given, is told the length of the text so far after every verb, and may
 * refuse it (a width of ten million is still a number to fmt).
 */
export function sprintf(format: string, args: Val[], reserve: (length: number) => void = () => {}): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  const chars = [...format];
  let i = 0;
  /**
   * fmt's parsenum: the digits at i. A number that grows past the limit while digits remain
   * is "crazy long": fmt gives up on it and on the rest of the format (so it ends in NOVERB).
   */
  const readNumber = (): number | undefined => {
    let num = 0;
    let isNum = false;
    for (; i < chars.length && chars[i]! >= '0' && chars[i]! <= '9'; i++) {
      if (tooLarge(num)) {
        i = chars.length;
        return undefined;
      }
      num = num * 10 + Number(chars[i]);
      isNum = true;
    }
    return isNum ? num : undefined;
  };
  /** fmt's intFromArg: a width or precision from an int argument, refused past the limit. */
  const intArg = (): number | undefined => {
    const a = args[argNum++];
    return a instanceof GoInt && typeof a.value === 'number' && !tooLarge(a.value) ? a.value : undefined;
  };
  const readIndex = (): boolean => {
    // [n] picks argument n (1-based) for what follows.
    if (chars[i] !== '[') return true;
    const close = chars.indexOf(']', i);
    if (close < 0) return false;
    const n = Number(chars.slice(i + 1, close).join(''));
    if (!Number.isInteger(n) || n < 1 || n > args.length) return false;
    argNum = n - 1;
    reordered = true;
    i = close + 1;
    return true;
  };
  while (i < chars.length) {
    const c = chars[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const flags: Flags = { ...noFlags };
    for (; i < chars.length; i++) {
      const fc = chars[i];
      if (fc === '-') flags.minus = true;
      else if (fc === '+') flags.plus = true;
      else if (fc === '#') flags.sharp = true;
      else if (fc === ' ') flags.space = true;
      else if (fc === '0') flags.zero = !flags.minus;
      else break;
    }
    let badIndex = !readIndex();
    if (chars[i] === '*') {
      i++;
      const w = intArg();
      if (w !== undefined) {
        flags.width = Math.abs(w);
        if (w < 0) flags.minus = true;
      } else {
        out += '%!(BADWIDTH)';
      }
    } else {
      flags.width = readNumber();
    }
    if (chars[i] === '.') {
      i++;
      if (!readIndex()) badIndex = true;
      if (chars[i] === '*') {
        i++;
        const p = intArg();
        if (p !== undefined && p >= 0) flags.prec = p;
        else out += '%!(BADPREC)';
      } else {
        flags.prec = readNumber() ?? 0;
      }
    }
    if (!readIndex()) badIndex = true;
    if (i >= chars.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = chars[i++]!;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (badIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    if (flags.minus) flags.zero = false;
    out += formatVerb(arg, { verb, flags });
    reserve(out.length);
  }
  if (!reordered && argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a)}`)).join(', ') + ')';
  }
  return out;
}

/** The text text/template prints for an action's value: <no value> for nil, else %v. */
export function printForTemplate(v: Val): string {
  if (v === undefined || v === null) return '<no value>';
  return formatValue(v as GoValue);
}

// ── what the chart's templates print of Helm values ──────────────────────────────────────────

/**
 * What `{{ x }}` leaves in Helm's output: the action's text, with the `<no value>` of nil
 * removed as Helm removes it.
 */
export function helmActionText(v: unknown): string {
  return v === null || v === undefined ? '' : formatValue(v);
}

/**
 * The text Sprig's `quote` puts between its quotes, or null for nil, which `quote` drops (so
 * `value: {{ nil | quote }}` is an empty, null, value).
 */
export function quotedText(v: unknown): string | null {
  return v === null || v === undefined ? null : strval(v as Val);
}
