// Helm's TOML functions. toToml is BurntSushi/toml's Encoder (v1.5, as Helm builds it) re-expressed
// over this engine's values: keys sorted, plain values before tables, nested tables indented two
// spaces, lists of maps as arrays of tables, other lists and maps inside lists inline, floats
// in Go's shortest form with a ".0" where it has no point; an encoding error is the whole
// result, as Helm returns it. fromToml reads with smol-toml and types what it reads as
// BurntSushi's Unmarshal does: integers int64, floats float64, date-times time.Time.

import { TomlDate, TomlError, parse } from 'smol-toml';
import { formatFloat } from '../../../go/fmt.js';
import { type Location, GoTime, UTC, formatTime, isTime, localLocation, parseTime } from '../../../go/time.js';
import { GoInt, GoStruct, type GoValue, type Val, compareStrings, containerTag, isGoMap, mapSet, newMap } from '../../../go/values.js';
import { type FuncTable, FuncError, fn } from './types.js';

/** An encoding error: BurntSushi returns it from Encode, and Helm prints its text. */
class EncodeError extends Error {}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

const CONTROL_ESCAPES: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** A basic string as the encoder writes it: quotes, backslashes and control characters escaped. */
function quoted(s: string): string {
  return (
    '"' +
    s.replace(/["\\\x00-\x1f\x7f]/g, (c) => {
      if (c === '"' || c === '\\') return '\\' + c;
      return CONTROL_ESCAPES[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    }) +
    '"'
  );
}

const keyPart = (k: string) => (k === '' ? '""' : BARE_KEY.test(k) ? k : quoted(k));
const dottedKey = (key: string[]) => key.map(keyPart).join('.');

/** Types as the encoder sorts them: tables (and arrays of them) are written after plain values. */
type TomlKind = 'table' | 'arrayOfTables' | 'plain' | 'nil';

/** What a struct other than time.Time writes: its text when it marshals to text (semver), else its fields. */
function marshalsToText(v: GoStruct): boolean {
  return !isTime(v) && v.options.json !== undefined && typeof v.options.json() === 'string';
}

/** tomlTypeOfGo, with its check that no list holds nil. */
function kindOf(v: Val): TomlKind {
  if (v === null || v === undefined) return 'nil';
  if (isGoMap(v)) return 'table';
  if (v instanceof GoStruct) return isTime(v) || marshalsToText(v) ? 'plain' : 'table';
  if (Array.isArray(v)) {
    if (v.length === 0) return 'plain';
    let allTables = true;
    for (const item of v) {
      const k = kindOf(item);
      if (k === 'nil') throw new EncodeError('toml: cannot encode array with nil element');
      if (k !== 'table') allTables = false;
    }
    return allTables ? 'arrayOfTables' : 'plain';
  }
  return 'plain';
}

/** A table's entries: a map's in sorted key order, a struct's in field order. */
function entries(v: GoValue): [string, GoValue][] {
  if (v instanceof GoStruct) return [...v.fields.entries()];
  const m = v as Record<string, GoValue>;
  return Object.keys(m)
    .sort(compareStrings)
    .map((k) => [k, m[k]!]);
}

class Encoder {
  private out = '';

  private write(s: string): void {
    this.out += s;
  }

  private newline(): void {
    if (this.out !== '') this.write('\n');
  }

  private indent(key: string[]): string {
    return '  '.repeat(Math.max(0, key.length - 1));
  }

  run(v: Val): string {
    this.encode([], v);
    return this.out;
  }

  private encode(key: string[], v: Val): void {
    const kind = kindOf(v);
    if (kind === 'nil') return;
    if (kind === 'table') this.table(key, v!);
    else if (kind === 'arrayOfTables') this.arrayOfTables(key, v as GoValue[]);
    else this.keyValue(key, v!, false);
  }

  private keyValue(key: string[], v: GoValue, inline: boolean): void {
    if (key.length === 0) {
      this.element(v);
      return;
    }
    this.write(`${this.indent(key)}${keyPart(key[key.length - 1]!)} = `);
    this.element(v);
    if (!inline) this.newline();
  }

  private element(v: GoValue): void {
    if (isTime(v)) this.write(formatTime(v, '2006-01-02T15:04:05.999999999Z07:00'));
    else if (v instanceof GoStruct && marshalsToText(v)) this.write(quoted(v.options.json!() as string));
    else if (typeof v === 'string') this.write(quoted(v));
    else if (typeof v === 'boolean') this.write(String(v));
    else if (v instanceof GoInt) this.write(String(v.value));
    else if (typeof v === 'number') this.write(float(v));
    else if (Array.isArray(v)) {
      this.write('[');
      v.forEach((item, i) => {
        this.element(item);
        if (i !== v.length - 1) this.write(', ');
      });
      this.write(']');
    } else if (v !== null) this.tableBody([], v, true);
  }

  private table(key: string[], v: GoValue): void {
    // A blank line before each top-level table.
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.write(`${this.indent(key)}[${dottedKey(key)}]`);
      this.newline();
    }
    this.tableBody(key, v, false);
  }

  private arrayOfTables(key: string[], v: GoValue[]): void {
    if (key.length === 0) throw new EncodeError('toml: top-level values must be Go maps or structs');
    for (const item of v) {
      this.newline();
      this.write(`${this.indent(key)}[[${dottedKey(key)}]]`);
      this.newline();
      this.tableBody(key, item, false);
    }
  }

  private tableBody(key: string[], v: GoValue, inline: boolean): void {
    const all = entries(v);
    const kinds = all.map(([, x]) => kindOf(x));
    const direct = all.filter((_, i) => kinds[i] !== 'table' && kinds[i] !== 'arrayOfTables');
    const sub = all.filter((_, i) => kinds[i] === 'table' || kinds[i] === 'arrayOfTables');
    const writeAll = (list: [string, GoValue][], trailingComma: boolean) => {
      list.forEach(([k, x], i) => {
        // nil values and nil slices are left out.
        if (x === null || (Array.isArray(x) && containerTag(x).nil)) return;
        if (inline) {
          this.keyValue([k], x, true);
          if (trailingComma || i !== list.length - 1) this.write(', ');
        } else this.encode([...key, k], x);
      });
    };
    if (inline) this.write('{');
    writeAll(direct, sub.length > 0);
    writeAll(sub, false);
    if (inline) this.write('}');
  }
}

/** A float64 as the encoder writes it: nan, inf, or Go's shortest form with a point added when missing. */
function float(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f < 0 ? '-inf' : 'inf';
  const text = formatFloat(f, 'g', -1);
  return /[.e]/.test(text) ? text : text + '.0';
}

export function toToml(v: Val): string {
  // Encode takes reflect.ValueOf(nil), whose Type() panics.
  if (v === null || v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  try {
    return new Encoder().run(v);
  } catch (e) {
    if (e instanceof EncodeError) return e.message;
    throw e;
  }
}

// ── fromToml ────────────────────────────────────────────────────────────────────────────────

/** The zones BurntSushi gives date-times without an offset: fixed at the local offset, named by kind. */
function localKind(name: string): Location {
  const local = localLocation();
  return { name, at: () => ({ offset: local.at(Date.now() / 1000).offset, isDst: false, abbr: name }) };
}

/** A TOML date-time as BurntSushi reads it: the first of its layouts that parses, in that layout's zone. */
function dateTime(d: TomlDate): GoValue {
  const text = d.toISOString();
  const layouts: [string, Location][] = [
    ['2006-01-02T15:04:05.999999999Z07:00', localLocation()],
    ['2006-01-02T15:04:05.999999999', localKind('datetime-local')],
    ['2006-01-02', localKind('date-local')],
    ['15:04:05.999999999', localKind('time-local')],
  ];
  for (const [layout, loc] of layouts) {
    const t = parseTime(layout, text, loc);
    if (t instanceof GoTime) return t;
  }
  return new GoTime(Math.floor(d.getTime() / 1000), 0, UTC);
}

function goValue(v: unknown): GoValue {
  if (typeof v === 'bigint') return new GoInt(v, 'int64');
  if (v instanceof TomlDate) return dateTime(v);
  if (Array.isArray(v)) return v.map(goValue);
  if (typeof v === 'object' && v !== null) {
    const m = newMap();
    for (const [k, x] of Object.entries(v)) mapSet(m, k, goValue(x));
    return m;
  }
  return v as GoValue;
}

/** The first line of smol-toml's message, in BurntSushi's "toml: line N: …" form. */
function errorText(e: TomlError): string {
  const message = e.message.replace(/^Invalid TOML document: /, '').split('\n')[0]!;
  return `toml: line ${e.line}: ${message}`;
}

export function fromToml(text: string): GoValue {
  try {
    return goValue(parse(text, { integersAsBigInt: true }));
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const m = newMap();
    mapSet(m, 'Error', errorText(e));
    return m;
  }
}

export const tomlFunctions: FuncTable = {
  toToml: fn(['any'], ([v]) => toToml(v)),
  fromToml: fn(['string'], ([s]) => fromToml(s as string)),
};
