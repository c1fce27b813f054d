// Sprig's date functions. All of them are deterministic for a given time value except `now`
// (and `ago`, and `date` of anything that is not a time or an int, which Sprig reads as now).
// Times print in the machine's local zone as Helm's do: Go's time.Local, read from $TZ or
// /etc/localtime the way Go reads it.

import { GoInt, type Val, numberOf } from '../../../go/values.js';
import { GoTime, type Location, UTC, formatDuration, loadLocation, localLocation, parseDuration, parseTime } from '../../../go/time.js';
import { type FuncTable, FuncError, fn } from './types.js';

function now(): GoTime {
  const ns = process.hrtime.bigint() % 1_000_000_000n;
  const ms = Date.now();
  return new GoTime(Math.floor(ms / 1000), Number(ns), localLocation());
}

/** The time Sprig's dateInZone takes from its argument: times as they are, ints as Unix seconds, anything else now. */
function timeOf(v: Val, intTypes: string[] = ['int', 'int64', 'int32']): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && intTypes.includes(v.type)) return new GoTime(numberOf(v), 0, localLocation());
  return now();
}

function dateInZone(layout: string, date: Val, zone: string): string {
  const loaded = loadLocation(zone);
  // An unknown zone silently becomes UTC in Sprig.
  const loc: Location = typeof loaded === 'string' ? UTC : loaded;
  return timeOf(date).in(loc).format(layout);
}

/** Sprig's duration: seconds given as an int64 or a decimal string; anything else is 0s. */
function duration(v: Val): string {
  let n = 0n;
  if (typeof v === 'string') n = /^[+-]?\d+$/.test(v) && BigInt(v) <= (1n << 63n) - 1n && BigInt(v) >= -(1n << 63n) ? BigInt(v) : 0n;
  else if (v instanceof GoInt && v.type === 'int64') n = BigInt(v.value);
  return formatDuration(BigInt.asIntN(64, n * 1_000_000_000n));
}

/** Sprig's durationRound: the largest whole unit (y, mo, d, h, m, s) of a duration. */
function durationRound(v: Val): string {
  let d = 0n;
  if (typeof v === 'string') {
    const parsed = parseDuration(v);
    d = typeof parsed === 'string' ? 0n : parsed;
  } else if (v instanceof GoInt && v.type === 'int64') d = BigInt(v.value);
  else if (v instanceof GoTime) {
    const t = now();
    d = (BigInt(t.unix) - BigInt(v.unix)) * 1_000_000_000n + BigInt(t.nsec - v.nsec);
  }
  const u = d < 0n ? -d : d;
  const hour = 3_600_000_000_000n;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60_000_000_000n, 'm'],
    [1_000_000_000n, 's'],
  ];
  for (const [size, name] of units) if (u > size) return `${u / size}${name}`;
  return '0s';
}

function dateModify(spec: string, t: GoTime, mustSucceed: boolean): GoTime {
  const d = parseDuration(spec);
  if (typeof d === 'string') {
    if (mustSucceed) throw new FuncError(d);
    return t;
  }
  return t.add(d);
}

function toDate(layout: string, value: string, mustSucceed: boolean): GoTime {
  const t = parseTime(layout, value, localLocation());
  if (typeof t === 'string') {
    if (mustSucceed) throw new FuncError(t);
    return GoTime.zero();
  }
  return t;
}

/** Since Go 1.x, a Duration rounded to seconds prints as Duration.String. */
function ago(v: Val): string {
  const t = timeOf(v, ['int', 'int64']);
  const n = now();
  const d = (BigInt(n.unix) - BigInt(t.unix)) * 1_000_000_000n + BigInt(n.nsec - t.nsec);
  const second = 1_000_000_000n;
  const half = second / 2n;
  const rounded = d >= 0n ? ((d + half) / second) * second : -((-d + half) / second) * second;
  return formatDuration(rounded);
}

export const dateFunctions: FuncTable = {
  now: fn([], () => now()),
  ago: fn(['any'], ([d]) => ago(d)),
  date: fn(['string', 'any'], ([layout, d]) => dateInZone(layout as string, d, 'Local')),
  dateInZone: fn(['string', 'any', 'string'], ([layout, d, zone]) => dateInZone(layout as string, d, zone as string)),
  date_in_zone: fn(['string', 'any', 'string'], ([layout, d, zone]) => dateInZone(layout as string, d, zone as string)),
  htmlDate: fn(['any'], ([d]) => dateInZone('2006-01-02', d, 'Local')),
  htmlDateInZone: fn(['any', 'string'], ([d, zone]) => dateInZone('2006-01-02', d, zone as string)),
  dateModify: fn(['string', 'time'], ([spec, t]) => dateModify(spec as string, t as GoTime, false)),
  date_modify: fn(['string', 'time'], ([spec, t]) => dateModify(spec as string, t as GoTime, false)),
  mustDateModify: fn(['string', 'time'], ([spec, t]) => dateModify(spec as string, t as GoTime, true)),
  must_date_modify: fn(['string', 'time'], ([spec, t]) => dateModify(spec as string, t as GoTime, true)),
  duration: fn(['any'], ([v]) => duration(v)),
  durationRound: fn(['any'], ([v]) => durationRound(v)),
  toDate: fn(['string', 'string'], ([layout, s]) => toDate(layout as string, s as string, false)),
  mustToDate: fn(['string', 'string'], ([layout, s]) => toDate(layout as string, s as string, true)),
  unixEpoch: fn(['time'], ([t]) => String((t as GoTime).unix)),
};
