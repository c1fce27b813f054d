// Sprig's integer arithmetic: every operand goes through cast.ToInt64 first (so 3.7 counts as
// 3 and "8" as 8), and the result is an int64, wrapping on overflow as Go's does. Integers are
// numbers while they are safe ones and bigints past 2^53 (see GoInt): each operation runs on
// numbers and turns to bigints only when its exact result would leave the safe range.

import { GoInt, type Val, numberOf, truncToInt } from '../../../go/values.js';
import { parseGoInt } from '../parser.js';
import { type FuncTable, FuncError, fn } from './types.js';

type Int = number | bigint;

/** cast's trimZeroDecimal: "8.00" → "8", "8.5" stays. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/** cast.ToInt64 (errors give 0); a uint64 wraps to int64 as Go's conversion does. */
export function toInt64(v: Val): Int {
  if (v === null || v === undefined) return 0;
  if (v instanceof GoInt) return v.type === 'uint64' && typeof v.value === 'bigint' ? new GoInt(v.value, 'int64').value : v.value;
  if (typeof v === 'number') return truncToInt(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return parseGoInt(trimZeroDecimal(v)) ?? 0;
  return 0;
}

/** cast.ToInt (errors give 0): Go's int is 64 bits wide here, as on the platforms Helm ships for. */
export function toInt(v: Val): Int {
  return toInt64(v);
}

/** cast.ToFloat64 (errors give 0). */
export function toFloat64(v: Val): number {
  if (v === null || v === undefined) return 0;
  if (v instanceof GoInt) return numberOf(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.replace(/_/g, '');
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
    if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(s)) return NaN;
    return 0;
  }
  return 0;
}

/** A bigint result of 64-bit arithmetic, wrapped so that a long fold never grows past 64 bits. */
const wrapped = (v: bigint): bigint => BigInt.asIntN(64, v);

// A sum or product of safe integers is exact as a double exactly when it is itself safe.
function plus(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrapped(BigInt(a) + BigInt(b));
}

function minus(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return wrapped(BigInt(a) - BigInt(b));
}

function times(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r || 0;
  }
  return wrapped(BigInt(a) * BigInt(b));
}

const int64 = (n: Int) => new GoInt(n, 'int64');

/** Go's / and % on int64: truncated toward zero, and MinInt64 / -1 wrapping to MinInt64. */
function divide(a: Int, b: Int, op: 'div' | 'mod'): GoInt {
  if (b === 0) throw new FuncError('runtime error: integer divide by zero');
  if (typeof a === 'number' && typeof b === 'number') return int64(op === 'div' ? Math.trunc(a / b) || 0 : a % b || 0);
  const [x, y] = [BigInt(a), BigInt(b)];
  return int64(op === 'div' ? x / y : x % y);
}

/** strconv.ParseInt(s, 10, 64) with its error dropped, as Sprig's atoi: out of range gives the bound, bad text 0. */
function atoi(s: string): GoInt {
  if (!/^[+-]?\d+$/.test(s)) return new GoInt(0);
  return new GoInt(clampInt64(BigInt(s)));
}

/** What strconv's ParseInt returns beside its range error: the bound on the number's side. */
function clampInt64(v: bigint): bigint {
  return v > 9223372036854775807n ? 9223372036854775807n : v < -9223372036854775808n ? -9223372036854775808n : v;
}

function round(a: Val, p: number, roundOn = 0.5): number {
  const val = toFloat64(a);
  const pow = 10 ** p;
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

const larger = (m: Int, x: Int): Int => (x > m ? x : m);
const smaller = (m: Int, x: Int): Int => (x < m ? x : m);

export const mathFunctions: FuncTable = {
  add: fn([], (args) => int64(args.reduce((sum: Int, a) => plus(sum, toInt64(a)), 0)), 'any'),
  add1: fn(['any'], ([a]) => int64(plus(toInt64(a), 1))),
  sub: fn(['any', 'any'], ([a, b]) => int64(minus(toInt64(a), toInt64(b)))),
  mul: fn(['any'], ([a, ...rest]) => int64(rest.reduce((p: Int, x) => times(p, toInt64(x)), toInt64(a))), 'any'),
  div: fn(['any', 'any'], ([a, b]) => divide(toInt64(a), toInt64(b), 'div')),
  mod: fn(['any', 'any'], ([a, b]) => divide(toInt64(a), toInt64(b), 'mod')),
  max: fn(['any'], ([a, ...rest]) => int64(rest.reduce((m: Int, x) => larger(m, toInt64(x)), toInt64(a))), 'any'),
  biggest: fn(['any'], ([a, ...rest]) => int64(rest.reduce((m: Int, x) => larger(m, toInt64(x)), toInt64(a))), 'any'),
  min: fn(['any'], ([a, ...rest]) => int64(rest.reduce((m: Int, x) => smaller(m, toInt64(x)), toInt64(a))), 'any'),
  int: fn(['any'], ([a]) => new GoInt(toInt(a))),
  int64: fn(['any'], ([a]) => int64(toInt64(a))),
  float64: fn(['any'], ([a]) => toFloat64(a)),
  atoi: fn(['string'], ([s]) => atoi(s as string)),
  floor: fn(['any'], ([a]) => Math.floor(toFloat64(a))),
  ceil: fn(['any'], ([a]) => Math.ceil(toFloat64(a))),
  round: fn(['any', 'int'], ([a, p, ...opt]) => round(a, numberOf(p as GoInt), opt.length > 0 ? (opt[0] as number) : undefined), 'float64'),
};
