// Sprig's semver and semverCompare: Masterminds/semver v3.4.0, ported rule for rule. The npm
// `semver` package is not used: its rules differ from Masterminds' where templates notice —
// Masterminds coerces "1" and "v1.2" to versions, reads "1.2.x", "~>", "=>", "=<", commas as
// AND and "a - b" ranges, lets a constraint without a prerelease refuse every prerelease
// version (npm admits those of the same major.minor.patch tuple), and gives `!= 1.2` and
// `<= 1.x` their own dirty-version meanings.

import { GoInt, GoStruct, type GoValue } from '../../../go/values.js';
import { type FuncTable, FuncError, fn } from './types.js';

const UINT64_MAX = 18446744073709551615n;

/** A parsed version, as Masterminds' Version holds it. */
interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

class SemverError extends Error {}

const num = /^[0-9]*$/;
const allowed = /^[0-9A-Za-z-]*$/;

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (part === '') throw new SemverError('invalid prerelease string');
    if (num.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new SemverError('version segment starts with 0');
    } else if (!allowed.test(part)) throw new SemverError('invalid prerelease string');
  }
}

function validateMetadata(m: string): void {
  for (const part of m.split('.')) if (part === '' || !allowed.test(part)) throw new SemverError('invalid metadata string');
}

/** strconv.ParseUint(s, 10, 64), with its error as NewVersion wraps it. */
function parseSegment(s: string): bigint {
  const n = BigInt(s);
  if (n > UINT64_MAX) throw new SemverError(`error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
  return n;
}

const looseVersion = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** NewVersion with CoerceNewVersion on (the default): the loose syntax, missing parts zero. */
function newVersion(v: string): Version {
  const m = looseVersion.exec(v);
  if (!m) throw new SemverError('invalid semantic version');
  const version: Version = {
    major: parseSegment(m[1]!),
    minor: m[2] ? parseSegment(m[2].slice(1)) : 0n,
    patch: m[3] ? parseSegment(m[3].slice(1)) : 0n,
    pre: m[5] ?? '',
    metadata: m[8] ?? '',
    original: v,
  };
  if (version.pre !== '') validatePrerelease(version.pre);
  if (version.metadata !== '') validateMetadata(version.metadata);
  return version;
}

function versionString(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.metadata ? '+' + v.metadata : ''}`;
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** comparePrePart: numeric parts compare as numbers and sort before alphanumeric ones. */
function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  const oNum = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function compare(v: Version, o: Version): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

// ---- constraints ------------------------------------------------------------------------

/** Go's \s (RE2): ASCII space, \t, \n, \f, \r. */
const S = '[\\t\\n\\f\\r ]';
const ops = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const cv =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const constraintRegex = new RegExp(`^${S}*(${ops})${S}*(${cv})${S}*$`);
const constraintRangeRegex = new RegExp(`${S}*(${cv})${S}+-${S}+(${cv})${S}*`, 'g');
const findConstraintRegex = new RegExp(`(${ops})${S}*(${cv})`, 'g');
const validConstraintRegex = new RegExp(`^(${S}*(${ops})${S}*(${cv})${S}*)((?:${S}+|,${S}*)(${ops})${S}*(${cv})${S}*)*$`);

interface Constraint {
  con: Version;
  orig: string;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (x: string | undefined) => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string): Constraint {
  const m = constraintRegex.exec(c);
  if (!m) throw new SemverError(`improper constraint: ${c}`);
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  const [major, minor = '', patch = '', pre = ''] = [m[3], m[4], m[5], m[6]];
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    ver = `${major}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    ver = `${major}${minor}.0${pre}`;
    dirty = patchDirty = true;
  }
  let con: Version;
  try {
    con = newVersion(ver);
  } catch {
    throw new SemverError('constraint parser error');
  }
  return { con, orig: m[2]!, op: m[1]!, dirty, minorDirty, patchDirty };
}

/** rewriteRange: "a - b" becomes ">= a, <= b ". */
function rewriteRange(text: string): string {
  let out = text;
  for (const m of text.matchAll(constraintRangeRegex)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  return out;
}

/** NewConstraint: OR groups of AND-ed constraints, and which groups name a prerelease. */
function newConstraint(text: string): { groups: Constraint[][]; containsPre: boolean[] } {
  const groups: Constraint[][] = [];
  const containsPre: boolean[] = [];
  for (const or of rewriteRange(text).split('||')) {
    if (!validConstraintRegex.test(or)) throw new SemverError(`improper constraint: ${or}`);
    const found = [...or.matchAll(findConstraintRegex)].map((m) => m[0]);
    const parsed = (found.length > 0 ? found : [or]).map(parseConstraint);
    groups.push(parsed);
    containsPre.push(parsed.some((c) => c.con.pre !== ''));
  }
  return { groups, containsPre };
}

function tilde(v: Version, c: Constraint): boolean {
  if (compare(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return !(v.minor !== c.con.minor && !c.minorDirty);
}

/** One constraint's check (the boolean of Masterminds' cfuncs; their error texts are not shown by Sprig). */
function check(v: Version, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== '' && !includePre) return false;
  const con = c.con;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : compare(v, con) === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return (v.pre !== '' || con.pre !== '') && comparePrerelease(v.pre, con.pre) !== 0;
      }
      return compare(v, con) !== 0;
    case '>':
      if (!c.dirty) return compare(v, con) === 1;
      if (v.major > con.major) return true;
      if (v.major < con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return compare(v, con) === 1;
    case '<':
      return compare(v, con) < 0;
    case '>=':
    case '=>':
      return compare(v, con) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return compare(v, con) <= 0;
      if (v.major > con.major) return false;
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      if (compare(v, con) < 0) return false;
      if (con.major > 0n || c.minorDirty) return v.major === con.major;
      if (v.major > 0n) return false;
      if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
      if (v.minor > 0n) return false;
      return con.patch === v.patch;
    default:
      throw new Error(`unknown constraint operator ${c.op}`);
  }
}

function satisfies(constraint: string, version: string): boolean {
  const { groups, containsPre } = newConstraint(constraint);
  const v = newVersion(version);
  return groups.some((group, i) => group.every((c) => check(v, c, containsPre[i]!)));
}

// ---- template values ----------------------------------------------------------------------

/** A *semver.Version as templates see it: printed by String(), written to JSON as that string. */
class SemverValue extends GoStruct {
  constructor(readonly version: Version) {
    const v = version;
    const other = (o: GoValue): Version => {
      if (!(o instanceof SemverValue)) throw new FuncError(`wrong type for value; expected *semver.Version; got ${typeof o}`);
      return o.version;
    };
    const bump = (next: Partial<Version>): SemverValue => {
      const n: Version = { ...v, pre: '', metadata: '', ...next, original: '' };
      return new SemverValue({ ...n, original: (v.original.startsWith('v') ? 'v' : '') + versionString(n) });
    };
    super('semver.Version', new Map(), {
      pointer: true,
      stringer: () => versionString(v),
      json: () => versionString(v),
      methods: {
        Major: { params: [], call: () => new GoInt(v.major, 'uint64') },
        Minor: { params: [], call: () => new GoInt(v.minor, 'uint64') },
        Patch: { params: [], call: () => new GoInt(v.patch, 'uint64') },
        Prerelease: { params: [], call: () => v.pre },
        Metadata: { params: [], call: () => v.metadata },
        Original: { params: [], call: () => v.original },
        String: { params: [], call: () => versionString(v) },
        Compare: { params: ['any'], call: ([o]) => new GoInt(compare(v, other(o!))) },
        LessThan: { params: ['any'], call: ([o]) => compare(v, other(o!)) < 0 },
        LessThanEqual: { params: ['any'], call: ([o]) => compare(v, other(o!)) <= 0 },
        GreaterThan: { params: ['any'], call: ([o]) => compare(v, other(o!)) > 0 },
        GreaterThanEqual: { params: ['any'], call: ([o]) => compare(v, other(o!)) >= 0 },
        Equal: { params: ['any'], call: ([o]) => compare(v, other(o!)) === 0 },
        IncMajor: { params: [], call: () => bump({ major: v.major + 1n, minor: 0n, patch: 0n }) },
        IncMinor: { params: [], call: () => bump({ minor: v.minor + 1n, patch: 0n }) },
        // A prerelease's next patch is its release.
        IncPatch: { params: [], call: () => bump(v.pre !== '' ? {} : { patch: v.patch + 1n }) },
      },
    });
  }
}

function semverCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SemverError) throw new FuncError(e.message);
    throw e;
  }
}

export const semverFunctions: FuncTable = {
  semver: fn(['string'], ([s]) => semverCall(() => new SemverValue(newVersion(s as string)))),
  semverCompare: fn(['string', 'string'], ([c, v]) => semverCall(() => satisfies(c as string, v as string))),
};
