// Sprig's float arithmetic (addf, add1f, subf, mulf, divf, maxf, minf) and toDecimal.
//
// addf and its kin do not add float64s: each operand becomes a shopspring/decimal built from the
// shortest decimal that reads back as the float (so 0.1 is exactly 0.1), the operation is exact
// (division rounds half away from zero at 16 decimal places), and only the result becomes a
// float64 again. That is why `addf 0.1 0.2` is 0.3 under Helm and not 0.30000000000000004.

import { GoInt, type Val } from '../../../go/values.js';
import { sprint } from '../../../go/fmt.js';
import { toFloat64 } from './math.js';
import { type FuncTable, FuncError, fn } from './types.js';

/** coefficient × 10^exp, exactly. */
interface Decimal {
  coefficient: bigint;
  exp: number;
}

/** shopspring's DivisionPrecision: digits after the point that Div keeps. */
const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat: the shortest decimal that reads back as f; it panics on NaN and infinities. */
function fromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new FuncError(`Cannot create a Decimal from ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  if (f === 0) return { coefficient: 0n, exp: 0 };
  const [mantissa, e] = f.toExponential().split('e') as [string, string];
  const [whole, fraction = ''] = mantissa.split('.') as [string, string?];
  return { coefficient: BigInt(whole + fraction), exp: Number(e) - fraction.length };
}

/** Both operands over the smaller exponent, so their coefficients line up. */
function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coefficient * 10n ** BigInt(a.exp - exp), b.coefficient * 10n ** BigInt(b.exp - exp), exp];
}

function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coefficient: x + y, exp };
}

function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coefficient: x - y, exp };
}

function mul(a: Decimal, b: Decimal): Decimal {
  return { coefficient: a.coefficient * b.coefficient, exp: a.exp + b.exp };
}

/** Decimal.Div: the quotient at DIVISION_PRECISION places, a half or more rounded away from zero. */
function div(a: Decimal, b: Decimal): Decimal {
  if (b.coefficient === 0n) throw new FuncError('decimal division by 0');
  // a/b × 10^P = (ca × 10^(ea+P)) / (cb × 10^eb), as a ratio of integers.
  let num = a.coefficient;
  let den = b.coefficient;
  const shift = a.exp - b.exp + DIVISION_PRECISION;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return { coefficient: negative ? -q : q, exp: -DIVISION_PRECISION };
}

/** Decimal.Float64: the float64 nearest to the exact value. */
function toFloat(d: Decimal): number {
  return Number(`${d.coefficient}e${d.exp}`);
}

/** Sprig's execDecimalOp: fold the operands into the first, each through NewFromFloat. */
function decimalFold(first: Val, rest: Val[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = fromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, fromFloat(toFloat64(x)));
  return toFloat(acc);
}

/** strconv.ParseInt(text, 8, 64), or 0 where Go returns an error (Sprig's toDecimal checks it). */
function parseOctal(text: string): bigint {
  const m = /^([+-]?)([0-7]+)$/.exec(text);
  if (!m) return 0n;
  const value = BigInt('0o' + m[2]!) * (m[1] === '-' ? -1n : 1n);
  return value > 9223372036854775807n || value < -9223372036854775808n ? 0n : value;
}

export const decimalFunctions: FuncTable = {
  addf: fn([], (args) => decimalFold(0, args, add), 'any'),
  add1f: fn(['any'], ([a]) => decimalFold(a, [new GoInt(1)], add)),
  subf: fn(['any'], ([a, ...rest]) => decimalFold(a, rest, sub), 'any'),
  mulf: fn(['any'], ([a, ...rest]) => decimalFold(a, rest, mul), 'any'),
  divf: fn(['any'], ([a, ...rest]) => decimalFold(a, rest, div), 'any'),
  // maxf and minf compare float64s with math.Max/math.Min: NaN wins, as it does in JavaScript.
  maxf: fn(['any'], ([a, ...rest]) => rest.reduce((m: number, x) => Math.max(m, toFloat64(x)), toFloat64(a)), 'any'),
  minf: fn(['any'], ([a, ...rest]) => rest.reduce((m: number, x) => Math.min(m, toFloat64(x)), toFloat64(a)), 'any'),
  toDecimal: fn(['any'], ([v]) => new GoInt(parseOctal(sprint([v])), 'int64')),
};
