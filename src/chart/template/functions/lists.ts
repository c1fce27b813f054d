// Sprig's list functions. Lists of any Go slice type are accepted where Sprig uses reflection;
// what they return is a []interface{}, as in Sprig.

import { strval } from '../../../go/fmt.js';
import { GoInt, type GoValue, type Val, compareStrings, containerTag, deepEqual, isEmpty, kindName, nilSlice, numberOf, typeTag } from '../../../go/values.js';
import { strslice, stringSlice } from './strings.js';
import { type CallContext, type FuncTable, FuncError, fn } from './types.js';
import { toInt } from './math.js';

/** reflect.TypeOf(nil).Kind() panics in Go; Sprig's list functions do that on nil. */
const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

function asList(v: Val, what: string): GoValue[] {
  if (v === null || v === undefined) throw new FuncError(NIL_DEREFERENCE);
  if (!Array.isArray(v)) throw new FuncError(`${what} ${kindName(v)}`);
  return v;
}

function inList(haystack: GoValue[], needle: Val): boolean {
  return haystack.some((x) => deepEqual(x, needle));
}

/**
 * How many numbers a range from start towards stop (not included) by step holds. A
 * list of a billion numbers would exhaust memory before anything printed it: each number is
 * a step of the render's work budget, checked before the list is built.
 */
function rangeLength(start: number, stop: number, step: number): number {
  if (step === 0 || (stop - start) * step < 0) return 0;
  return Math.ceil(Math.abs(stop - start) / Math.abs(step));
}

/** Sprig's untilStep: start, start+step, … while short of stop (a stop behind start with a step towards it). */
function untilStep(start: number | bigint, stop: number | bigint, step: number | bigint, ctx: CallContext): GoValue[] {
  ctx.reserveItems(rangeLength(Number(start), Number(stop), Number(step)));
  const v: GoValue[] = [];
  if (typeof start === 'number' && typeof stop === 'number' && typeof step === 'number') {
    // Every number listed lies between two safe integers: the common case stays in numbers.
    if (stop < start) {
      if (step < 0) for (let i = start; i > stop; i += step) v.push(new GoInt(i));
    } else if (step > 0) {
      for (let i = start; i < stop; i += step) v.push(new GoInt(i));
    }
  } else {
    const [from, to, by] = [BigInt(start), BigInt(stop), BigInt(step)];
    if (to < from) {
      if (by < 0n) for (let i = from; i > to; i += by) v.push(new GoInt(i));
    } else if (by > 0n) {
      for (let i = from; i < to; i += by) v.push(new GoInt(i));
    }
  }
  return typeTag(v, '[]int', 'int');
}

/** end + step in Go's int: past int64's bounds it wraps, and the range it ends is then empty. */
function plusWrapped(end: number | bigint, step: number): number | bigint {
  return new GoInt(BigInt(end) + BigInt(step)).value;
}

/** Sprig's seq: like the shell's, end included, its numbers joined by spaces. */
function seq(params: (number | bigint)[], ctx: CallContext): string {
  const join = (xs: GoValue[]) => xs.map((x) => String((x as GoInt).value)).join(' ');
  switch (params.length) {
    case 0:
      return '';
    case 1: {
      const end = params[0]!;
      const step = end < 1 ? -1 : 1;
      return join(untilStep(1, plusWrapped(end, step), step, ctx));
    }
    case 2: {
      const [start, end] = params as [number | bigint, number | bigint];
      const step = end < start ? -1 : 1;
      return join(untilStep(start, plusWrapped(end, step), step, ctx));
    }
    case 3: {
      const [start, step, end] = params as [number | bigint, number | bigint, number | bigint];
      if ((end < start && step > 0) || (end >= start && step < 0)) return '';
      return join(untilStep(start, plusWrapped(end, end < start ? -1 : 1), step, ctx));
    }
    default:
      return '';
  }
}

function chunk(size: number, l: Val): GoValue[] {
  if (l === null || l === undefined) throw new FuncError(NIL_DEREFERENCE);
  if (!Array.isArray(l)) throw new FuncError(`Cannot chunk type ${kindName(l)}`);
  const count = goFloatToInt(Math.floor((l.length - 1) / size) + 1);
  if (count < 0) throw new FuncError(MAKESLICE);
  const chunks: GoValue[] = [];
  for (let i = 0; i < count; i++) {
    let len = size;
    if (i === count - 1) {
      len = goFloatToInt(Math.floor(l.length % size));
      if (len === 0) len = size;
    }
    if (len < 0) throw new FuncError(MAKESLICE);
    chunks.push(l.slice(i * size, i * size + len));
  }
  return typeTag(chunks, '[][]interface {}', '[]interface {}');
}

const MAKESLICE = 'runtime error: makeslice: len out of range';

/** int(f) on amd64: NaN, infinities and out-of-range values become the minimum int64. */
function goFloatToInt(f: number): number {
  return Number.isFinite(f) && Math.abs(f) < 2 ** 63 ? Math.trunc(f) : -(2 ** 63);
}

export const listFunctions: FuncTable = {
  list: fn([], (args) => args.map((a) => (a === undefined ? null : a)), 'any'),
  tuple: fn([], (args) => args.map((a) => (a === undefined ? null : a)), 'any'),
  append: fn(['any', 'any'], ([l, v]) => [...asList(l, 'Cannot push on type'), v ?? null]),
  push: fn(['any', 'any'], ([l, v]) => [...asList(l, 'Cannot push on type'), v ?? null]),
  mustAppend: fn(['any', 'any'], ([l, v]) => [...asList(l, 'Cannot push on type'), v ?? null]),
  mustPush: fn(['any', 'any'], ([l, v]) => [...asList(l, 'Cannot push on type'), v ?? null]),
  prepend: fn(['any', 'any'], ([l, v]) => [v ?? null, ...asList(l, 'Cannot prepend on type')]),
  mustPrepend: fn(['any', 'any'], ([l, v]) => [v ?? null, ...asList(l, 'Cannot prepend on type')]),
  first: fn(['any'], ([l]) => asList(l, 'Cannot find first on type')[0] ?? null),
  mustFirst: fn(['any'], ([l]) => asList(l, 'Cannot find first on type')[0] ?? null),
  last: fn(['any'], ([l]) => {
    const list = asList(l, 'Cannot find last on type');
    return list.length === 0 ? null : list[list.length - 1]!;
  }),
  mustLast: fn(['any'], ([l]) => {
    const list = asList(l, 'Cannot find last on type');
    return list.length === 0 ? null : list[list.length - 1]!;
  }),
  rest: fn(['any'], ([l]) => {
    const list = asList(l, 'Cannot find rest on type');
    return list.length === 0 ? nilSlice() : list.slice(1);
  }),
  initial: fn(['any'], ([l]) => {
    const list = asList(l, 'Cannot find initial on type');
    return list.length === 0 ? nilSlice() : list.slice(0, -1);
  }),
  reverse: fn(['any'], ([l]) => [...asList(l, 'Cannot find reverse on type')].reverse()),
  uniq: fn(['any'], ([l]) => {
    const out: GoValue[] = [];
    for (const x of asList(l, 'Cannot find uniq on type')) if (!inList(out, x)) out.push(x);
    return out;
  }),
  compact: fn(['any'], ([l]) => asList(l, 'Cannot compact on type').filter((x) => !isEmpty(x))),
  without: fn(['any'], ([l, ...omit]) => asList(l, 'Cannot find without on type').filter((x) => !omit.some((o) => deepEqual(x, o))), 'any'),
  has: fn(['any', 'any'], ([needle, haystack]) => {
    if (haystack === null || haystack === undefined) return false;
    if (!Array.isArray(haystack)) throw new FuncError(`Cannot find has on type ${kindName(haystack)}`);
    return inList(haystack, needle);
  }),
  concat: fn(
    [],
    (lists) => {
      const out: GoValue[] = [];
      for (const l of lists) {
        // reflect.TypeOf(nil) is a nil Type, whose Kind() dereferences nil.
        if (l === null || l === undefined) throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
        if (!Array.isArray(l)) throw new FuncError(`Cannot concat type ${kindName(l)} as list`);
        out.push(...l);
      }
      return out;
    },
    'any',
  ),
  slice: fn(
    ['any'],
    ([l, ...indices]) => {
      if (l === null || l === undefined) throw new FuncError(NIL_DEREFERENCE);
      if (!Array.isArray(l)) throw new FuncError(`list should be type of slice or array but ${kindName(l)}`);
      if (l.length === 0) return null;
      const start = indices.length > 0 ? Number(toInt(indices[0])) : 0;
      const end = indices.length > 1 ? Number(toInt(indices[1])) : l.length;
      if (start < 0 || end > l.length || start > end) throw new FuncError('reflect.Value.Slice: slice index out of bounds');
      // A slice of a typed list keeps its type ([]string stays []string).
      const tag = containerTag(l);
      return typeTag(l.slice(start, end), tag.name, tag.elem);
    },
    'any',
  ),
  sortAlpha: fn(['any'], ([l]) => {
    if (Array.isArray(l)) return stringSlice(strslice(l).sort(compareStrings));
    return stringSlice([strval(l)]);
  }),
  until: fn(['int'], ([n], ctx) => {
    const count = (n as GoInt).value;
    return untilStep(0, count, count < 0 ? -1 : 1, ctx);
  }),
  untilStep: fn(['int', 'int', 'int'], ([a, b, c], ctx) => untilStep((a as GoInt).value, (b as GoInt).value, (c as GoInt).value, ctx)),
  seq: fn([], (params, ctx) => seq(params.map((p) => (p as GoInt).value), ctx), 'int'),
  chunk: fn(['int', 'any'], ([size, l]) => chunk(numberOf(size as GoInt), l)),
  mustChunk: fn(['int', 'any'], ([size, l]) => chunk(numberOf(size as GoInt), l)),
};

// Sprig's must-variants of these list functions return the error their plain form panics with;
// under text/template both end the render with the same message.
for (const name of ['compact', 'rest', 'initial', 'reverse', 'uniq', 'without', 'has', 'slice']) {
  listFunctions[`must${name[0]!.toUpperCase()}${name.slice(1)}`] = listFunctions[name]!;
}
