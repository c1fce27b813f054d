// The Go value model the template engine computes with.
//
// Helm decodes values through JSON, so every number that comes from a values file is a Go
// float64, while numeric literals in template text are Go int (or float64 when written with a
// point or an exponent), and Sprig's arithmetic returns int64. Those types never compare equal
// to each other and print differently, so they are kept apart here:
//   float64  → a JS number
//   int/int64 → a GoInt
//   string, bool → JS string, boolean
//   nil (a nil interface{}) → null;  "no value" (an invalid reflect.Value) → undefined
//   []interface{} → a JS array;  map[string]interface{} → a plain object
//   named/typed containers ([]string, map[string]string, common.Values) → tagged with typeTag()
//   structs (.Capabilities) → GoStruct
//
// Values decoded from a values file (through JSON, as Helm decodes them) are therefore values of
// this model as they stand, so the chart's renderer, which holds them as `unknown`, hands them
// to isTrue and formatValue without converting them.

import { goByteLength, goBytes } from './bytes.js';

export type IntType = 'int' | 'int64' | 'int32' | 'uint8' | 'uint32' | 'uint64';

/**
 * A Go integer of one of the types above. Go computes with 64 bits and wraps on overflow, which a
 * JS number cannot hold past 2^53: `value` is a number while the integer is a safe one (the
 * common case, kept fast) and a bigint only beyond that, so the two never stand for the same
 * integer. The constructor wraps a bigint to the type's width, as Go's arithmetic and
 * conversions do.
 */
export class GoInt {
  readonly value: number | bigint;
  constructor(
    value: number | bigint,
    readonly type: IntType = 'int',
  ) {
    this.value = typeof value === 'number' && Number.isSafeInteger(value) ? value : exactInt(wrapInt(typeof value === 'bigint' ? value : floatToBigInt(value), type));
  }
}

/** The bits a Go integer type keeps, and whether it is signed. */
const intWidths: Record<IntType, [bits: number, signed: boolean]> = {
  int: [64, true],
  int64: [64, true],
  int32: [32, true],
  uint8: [8, false],
  uint32: [32, false],
  uint64: [64, false],
};

/** An integer wrapped to a Go type's width (two's complement), as Go's overflow leaves it. */
export function wrapInt(v: bigint, type: IntType): bigint {
  const [bits, signed] = intWidths[type];
  return signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

/** A number where it is a safe integer, else the bigint: GoInt's representation of an integer. */
export function exactInt(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/**
 * int64(f) of a float64 as Go on amd64 computes it: truncation toward zero, and the "integer
 * indefinite" value -2^63 for NaN, the infinities and anything outside int64's range.
 */
function floatToBigInt(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return -9223372036854775808n;
  return BigInt(Math.trunc(f));
}

/**
 * The integer as a JS number: exact below 2^53, and past it the nearest double, which is all a
 * length, an index or a count needs (nothing that large fits in memory).
 */
export function numberOf(v: GoInt): number {
  return typeof v.value === 'number' ? v.value : Number(v.value);
}

/** A method callable on a struct or a typed container, e.g. `.Capabilities.APIVersions.Has "v1"`. */
export interface GoMethod {
  params: ParamType[];
  call: (args: GoValue[]) => GoValue;
}

/** A Go struct (or pointer to one): fields in declaration order, optional methods and String(). */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, GoValue>,
    readonly options: {
      pointer?: boolean;
      methods?: Record<string, GoMethod>;
      stringer?: () => string;
      /** The field names encoding/json writes, where the struct carries json tags. */
      jsonNames?: Record<string, string>;
      /** What the type's MarshalJSON/MarshalText writes instead of its fields (time.Time, semver). */
      json?: () => GoValue;
    } = {},
  ) {}
}

export interface GoMap {
  [key: string]: GoValue;
}
export type GoValue = null | boolean | string | number | GoInt | GoValue[] | GoMap | GoStruct;
/** What evaluating an expression yields: a value, or `undefined` for Go's invalid "no value". */
export type Val = GoValue | undefined;

/**
 * Parameter types of template functions, as Go's reflection checks them: `list` is
 * []interface{}, `certificate` Sprig's certificate struct (the one its generators return).
 */
export type ParamType = 'any' | 'string' | 'int' | 'int64' | 'uint32' | 'float64' | 'bool' | 'map' | 'list' | 'value' | 'time' | 'certificate';

interface TypeTag {
  /** The Go type's name, as %T prints it. */
  name: string;
  /** A nil slice: empty, but encoding/json writes it as null. */
  nil?: boolean;
  /** The element type's name, which decides the zero value of a missing map key. */
  elem: string;
  methods?: Record<string, GoMethod>;
}

const typeTags = new WeakMap<object, TypeTag>();

/** Give a container a Go type other than []interface{} / map[string]interface{}. */
export function typeTag<T extends GoValue[] | GoMap>(container: T, name: string, elem: string, methods?: Record<string, GoMethod>): T {
  typeTags.set(container, { name, elem, ...(methods ? { methods } : {}) });
  return container;
}

/** A nil []interface{}, which Sprig's rest and initial return for an empty list. */
export function nilSlice(): GoValue[] {
  const list: GoValue[] = [];
  typeTags.set(list, { name: '[]interface {}', elem: 'interface {}', nil: true });
  return list;
}

export function isGoMap(v: Val): v is GoMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoInt) && !(v instanceof GoStruct);
}

export function newMap(): GoMap {
  return Object.create(null) as GoMap;
}

/** Own keys of a map, in Go's sorted order for strings (byte order, which for these keys is code unit order). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

export function compareStrings(a: string, b: string): number {
  // Go compares strings bytewise (UTF-8); for the BMP outside surrogates UTF-16 order agrees.
  const ab = goBytes(a);
  const bb = goBytes(b);
  return Buffer.compare(ab, bb);
}

export function mapGet(m: GoMap, key: string): GoValue | undefined {
  return Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
}

export function mapSet(m: GoMap, key: string, value: GoValue): void {
  Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true });
}

export function containerTag(v: GoValue[] | GoMap): TypeTag {
  const tag = typeTags.get(v);
  if (tag) return tag;
  return Array.isArray(v) ? { name: '[]interface {}', elem: 'interface {}' } : { name: 'map[string]interface {}', elem: 'interface {}' };
}

export function methodsOf(v: Val): Record<string, GoMethod> | undefined {
  if (v instanceof GoStruct) return v.options.methods;
  if (Array.isArray(v) || isGoMap(v)) return typeTags.get(v)?.methods;
  return undefined;
}

/** The zero value of a Go type named by containerTag().elem. */
export function zeroOf(typeName: string): GoValue {
  switch (typeName) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'float64':
      return 0;
    case 'int':
    case 'int64':
      return new GoInt(0, typeName);
    default:
      return null;
  }
}

/** %T of a value. */
export function typeName(v: Val): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoStruct) return (v.options.pointer ? '*' : '') + v.typeName;
  return containerTag(v).name;
}

/** reflect.Kind().String() of a value, as Sprig's kindOf/kindIs report it. */
export function kindName(v: Val): string {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoStruct) return v.options.pointer ? 'ptr' : 'struct';
  return Array.isArray(v) ? 'slice' : 'map';
}

/** text/template's truth: non-zero numbers, non-empty strings and collections, non-nil pointers. */
export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof GoInt) return v.value !== 0;
  if (v instanceof GoStruct) return true;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v as object).length > 0;
}

/** Sprig's empty(): the same zero test as truth, applied to any value. */
export function isEmpty(v: Val): boolean {
  return !isTrue(v);
}

/** reflect.DeepEqual: identical types and equal contents. */
export function deepEqual(a: Val, b: Val): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeName(a) !== typeName(b)) return false;
  if (typeof a === 'number') return a === b;
  if (typeof a !== 'object') return a === b;
  if (a instanceof GoInt) return b instanceof GoInt && a.value === b.value;
  if (a instanceof GoStruct) {
    if (!(b instanceof GoStruct)) return false;
    for (const [k, v] of a.fields) if (!deepEqual(v, b.fields.get(k))) return false;
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isGoMap(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

/** Go's int conversion of a float64 (truncation toward zero), as int64(f): see floatToBigInt past 2^53. */
export function truncToInt(f: number): number | bigint {
  const t = Math.trunc(f);
  return Number.isSafeInteger(t) ? t || 0 : exactInt(floatToBigInt(f));
}

/** A plain JS value (parsed YAML/JSON) as a Go value: numbers become float64, as Helm's values are. */
export function fromPlain(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoInt || v instanceof GoStruct) return v;
  if (Array.isArray(v)) return v.map(fromPlain);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const m = newMap();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) mapSet(m, k, fromPlain(x));
    return m;
  }
  return String(v);
}

/** UTF-8 length in bytes, which is what Go's len() of a string counts. */
export function byteLength(s: string): number {
  return goByteLength(s);
}
