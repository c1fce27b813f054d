// Helm's toYaml, reproduced exactly: sigs.k8s.io/yaml writes a value as JSON, reads that JSON
// back with go-yaml v2 (so every number becomes an int or a float by how its JSON text looks)
// and prints it with go-yaml v2's emitter: sorted keys in its "natural" order, 2-space indent,
// sequences not indented under their key, lines folded past column 80, and the quoting rules of
// a YAML 1.1 reader. The printed text is re-parsed by Helm, so every detail changes meaning.

import { formatFloat } from '../go/fmt.js';
import { GoTime } from '../go/time.js';
import { asRunes } from '../go/bytes.js';
import { GoInt, GoStruct, type Val, containerTag, fromPlain, isGoMap } from '../go/values.js';
import { jsonFloat } from '../go/json.js';
import { resolveHelmScalar } from './helm-scalar.js';
import { resolveComposeScalar } from './compose-scalar.js';
import { BASE60_NUMBER, isGoYamlTimestamp } from './scalar-syntax.js';

/** The data model after the JSON round trip: what go-yaml v2 hands its emitter. */
type YNode =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; text: string }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string; requested?: Style }
  | { kind: 'seq'; items: YNode[] }
  | { kind: 'map'; entries: [string, YNode][] };

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const UINT64_MAX = 18446744073709551615n;

/** A float64 after JSON and back: integers stay integers (within 64 bits), the rest floats. */
function numberNode(f: number): YNode | undefined {
  const text = jsonFloat(f);
  if (text === undefined) return undefined;
  if (/^-?\d+$/.test(text)) {
    const b = BigInt(text);
    if ((b >= INT64_MIN && b <= INT64_MAX) || (b >= 0n && b <= UINT64_MAX)) return { kind: 'int', text: b.toString() };
  }
  return { kind: 'float', value: Number(text) };
}

const NEL = '\u0085';

/**
 * JSON leaves U+0085 (NEL) unescaped, and go-yaml reads it as a line break inside the
 * double-quoted JSON string, folding it as YAML folds lines: one break becomes a space,
 * n breaks become n-1 newlines, and blanks around them go.
 */
function foldNextLines(s: string): string {
  if (!s.includes(NEL)) return s;
  return s.replace(/[ \t]*(?:\u0085[ \t]*)+/g, (m) => {
    const breaks = [...m].filter((c) => c === NEL).length;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/** The JSON round trip; undefined where json.Marshal fails (NaN, ±Inf). */
function toNode(v: Val): YNode | undefined {
  if (v === undefined || v === null) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  // json.Marshal writes a byte that is not UTF-8 as U+FFFD, which the YAML then holds.
  if (typeof v === 'string') return { kind: 'str', value: foldNextLines(asRunes(v)) };
  if (typeof v === 'number') return numberNode(v);
  if (v instanceof GoInt) return { kind: 'int', text: String(v.value) };
  if (Array.isArray(v) && containerTag(v).nil) return { kind: 'null' };
  if (Array.isArray(v)) {
    const items: YNode[] = [];
    for (const x of v) {
      const n = toNode(x);
      if (!n) return undefined;
      items.push(n);
    }
    return { kind: 'seq', items };
  }
  if (v instanceof GoStruct && v.options.json) return toNode(v.options.json());
  let entries: [string, Val][];
  if (v instanceof GoStruct) entries = [...v.fields.entries()].map(([k, x]) => [v.options.jsonNames?.[k] ?? k, x]);
  else if (isGoMap(v)) entries = Object.keys(v).map((k) => [k, v[k]]);
  else return { kind: 'null' };
  const out: [string, YNode][] = [];
  for (const [k, x] of entries) {
    // A key spanning lines cannot be read back as a simple key: the conversion fails.
    if (k.includes(NEL)) return undefined;
    const n = toNode(x);
    if (!n) return undefined;
    out.push([k, n]);
  }
  out.sort((a, b) => (naturalLess(a[0], b[0]) ? -1 : naturalLess(b[0], a[0]) ? 1 : 0));
  return { kind: 'map', entries: out };
}

/** The go-yaml v3 style for a string: what Helm's toYamlPretty encoder asks its emitter for. */
function v3StringStyle(s: string): Style {
  if (s.includes('\n')) return 'literal';
  // go-yaml v3 quotes what its own resolver would not read back as this string, and also the
  // YAML 1.1 booleans and base-60 numbers, for older readers.
  const canUsePlain = resolveComposeScalar(s).value === s && !isGoYamlTimestamp(s) && !BASE60_NUMBER.test(s) && !OLD_BOOLS.has(s);
  return canUsePlain ? 'plain' : 'double';
}

const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** go-yaml v3's encoding of a Go value, directly (no JSON round trip): float64 stays a float. */
function toNodeV3(v: Val): YNode {
  if (v === undefined || v === null) return { kind: 'null' };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'string') return { kind: 'str', value: v, requested: v3StringStyle(v) };
  if (typeof v === 'number') return { kind: 'float', value: v };
  if (v instanceof GoInt) return { kind: 'int', text: String(v.value) };
  if (Array.isArray(v)) return containerTag(v).nil ? { kind: 'null' } : { kind: 'seq', items: v.map(toNodeV3) };
  // A struct that marshals itself to text (semver.Version, time.Time) is written as that text.
  if (v instanceof GoStruct && v.options.json) {
    const text = v.options.json();
    // go-yaml v3 writes a time.Time as a plain RFC 3339 timestamp, tagged as one.
    if (typeof text === 'string') return v instanceof GoTime ? { kind: 'str', value: text, requested: 'plain' } : toNodeV3(text);
  }
  const entries: [string, Val][] = v instanceof GoStruct ? [...v.fields.entries()] : Object.keys(v).map((k) => [k, v[k]]);
  const out: [string, YNode][] = entries.map(([k, x]) => [k, toNodeV3(x)]);
  out.sort((a, b) => (naturalLess(a[0], b[0]) ? -1 : naturalLess(b[0], a[0]) ? 1 : 0));
  return { kind: 'map', entries: out };
}

const letter = /^\p{L}$/u;
const digit = /^\p{Nd}$/u;

/**
 * go-yaml v2's key order: letters after other characters, runs of digits compared as numbers.
 * For some mixes of digits and letters this comparison is not transitive; go-yaml then sorts
 * keys taken in Go's random map order, so Helm's own output varies from run to run. A stable
 * sort over the keys in JS order gives one of Helm's possible outputs, and always the output
 * for the usual keys, where the comparison is a total order.
 */
export function naturalLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = letter.test(ar[i]!);
    const bl = letter.test(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && digit.test(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    // Go accumulates in an int64, which wraps around on long digit runs.
    for (; ai < ar.length && digit.test(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48));
    let bi = i;
    for (; bi < br.length && digit.test(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

/**
 * Whether go-yaml v2 would read the unquoted string as something other than a string: what
 * Helm's reader (go-yaml v2) types, and timestamps, which it types too (Helm's JSON round
 * trip only turns them back into text after).
 */
function resolvesToNonString(s: string): boolean {
  return resolveHelmScalar(s) !== s || isGoYamlTimestamp(s);
}

// ── the emitter ──────────────────────────────────────────────────────────────────────────────

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

function isBreakChar(c: string | undefined): boolean {
  return c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}
function isBlankz(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || isBreakChar(c) || c === '\0';
}
/** go-yaml's is_printable: tab and CR are not, nor are characters outside the BMP. */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if (cp === 0x0a) return true;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return true;
  if (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) return true;
  return false;
}

interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  const chars = [...value];
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWhitespace = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else {
      if (',?[]{}'.includes(c)) flowIndicators = true;
      else if (c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '#' && precededByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakChar(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  const a: ScalarAnalysis = { multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

const SPACE = 0x20;

/** The number of code points of `s` (what `[...s].length` counts), without making the array. */
function codePointCount(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

class Emitter {
  /** The column past which a space may become a line break (go-yaml v3, as Helm sets it up, never folds). */
  constructor(private readonly bestWidth: number) {}
  private out = '';
  column = 0;
  indent = -1;
  private indents: number[] = [];
  whitespace = true;
  indention = true;
  flowLevel = 0;

  text(): string {
    return this.out;
  }

  private put(s: string): void {
    this.out += s;
    this.column += codePointCount(s);
  }
  /** Text without spaces or breaks: the line no longer holds only indentation. */
  private putWord(s: string): void {
    this.put(s);
    this.indention = false;
  }
  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Emit a scalar the way go-yaml's encoder asks for it, then as its emitter settles the style. */
  scalar(value: string, requested: Style, simpleKey: boolean): void {
    const a = analyzeScalar(value);
    let style = requested;
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) style = 'single';
      if (value.length === 0 && (this.flowLevel > 0 || simpleKey)) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || simpleKey)) style = 'double';

    this.increaseIndent(true, false);
    const allowBreaks = !simpleKey;
    switch (style) {
      case 'plain':
        this.writePlain(value, allowBreaks);
        break;
      case 'single':
        this.writeSingle(value, allowBreaks);
        break;
      case 'double':
        this.writeDouble(value, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(value);
        break;
    }
    this.popIndent();
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    // Written a word at a time (a put per character made a string and an array per
    // character): only at a space can the line break, when it is past the width.
    let spaces = false;
    let from = 0;
    for (let i = 0; allowBreaks && i < value.length; i++) {
      if (value.charCodeAt(i) !== SPACE) {
        spaces = false;
        continue;
      }
      if (from < i) this.putWord(value.slice(from, i));
      from = i + 1;
      if (!spaces && this.column > this.bestWidth && value.charCodeAt(i + 1) !== SPACE) this.writeIndent();
      else this.put(' ');
      spaces = true;
    }
    if (from < value.length) this.putWord(from === 0 ? value : value.slice(from));
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') {
          this.writeIndent();
        } else {
          this.put(c);
        }
        spaces = true;
      } else if (isBreakChar(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(c) || cp === 0xfeff || isBreakChar(c) || c === '"' || c === '\\') {
        this.put('\\');
        const named: Record<number, string> = {
          0x00: '0',
          0x07: 'a',
          0x08: 'b',
          0x09: 't',
          0x0a: 'n',
          0x0b: 'v',
          0x0c: 'f',
          0x0d: 'r',
          0x1b: 'e',
          0x22: '"',
          0x5c: '\\',
          0x85: 'N',
          0xa0: '_',
          0x2028: 'L',
          0x2029: 'P',
        };
        const code = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
        if (named[code] !== undefined) this.put(named[code]!);
        else if (code <= 0xff) this.put('x' + code.toString(16).toUpperCase().padStart(2, '0'));
        else if (code <= 0xffff) this.put('u' + code.toString(16).toUpperCase().padStart(4, '0'));
        else this.put('U' + code.toString(16).toUpperCase().padStart(8, '0'));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    const chars = [...value];
    if (chars[0] === ' ' || isBreakChar(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    const last = chars[chars.length - 1];
    if (chars.length === 0 || !isBreakChar(last)) chomp = '-';
    else if (chars.length === 1 || isBreakChar(chars[chars.length - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreakChar(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** The style go-yaml's encoder requests for a value before its emitter adjusts it. */
function scalarOf(n: YNode): { text: string; style: Style } {
  switch (n.kind) {
    case 'null':
      return { text: 'null', style: 'plain' };
    case 'bool':
      return { text: String(n.value), style: 'plain' };
    case 'int':
      return { text: n.text, style: 'plain' };
    case 'float': {
      const s = formatFloat(n.value, 'g', -1);
      return { text: s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s, style: 'plain' };
    }
    case 'str': {
      const s = n.value;
      if (n.requested) return { text: s, style: n.requested };
      const canUsePlain = !resolvesToNonString(s) && !BASE60_NUMBER.test(s);
      const style: Style = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
      return { text: s, style };
    }
    default:
      throw new Error('not a scalar');
  }
}

function isCollection(n: YNode): n is Extract<YNode, { kind: 'seq' | 'map' }> {
  return n.kind === 'seq' || n.kind === 'map';
}

function isEmptyCollection(n: YNode): boolean {
  return (n.kind === 'seq' && n.items.length === 0) || (n.kind === 'map' && n.entries.length === 0);
}

/** go-yaml's simple key test for a string key: one line, at most 128 bytes. */
function isSimpleKey(key: string): boolean {
  return !analyzeScalar(key).multiline && Buffer.byteLength(key, 'utf8') <= 128;
}

/**
 * Which go-yaml writes: v2 (toYaml, via sigs.k8s.io/yaml) puts a mapping's sequences at the
 * key's own indentation; v3 (toYamlPretty) indents them, and quotes keys by its own rules.
 */
type Flavor = 'v2' | 'v3';

interface NodeContext {
  mapping: boolean;
  simpleKey: boolean;
  flavor: Flavor;
}

function emitNode(e: Emitter, n: YNode, context: NodeContext): void {
  if (!isCollection(n)) {
    const { text, style } = scalarOf(n);
    e.scalar(text, style, context.simpleKey);
    return;
  }
  if (isEmptyCollection(n)) {
    // Empty collections are written in flow style.
    const [open, close] = n.kind === 'map' ? ['{', '}'] : ['[', ']'];
    e.writeIndicator(open, true, true, false);
    e.writeIndicator(close, false, false, false);
    return;
  }
  if (n.kind === 'seq') {
    e.increaseIndent(false, context.flavor === 'v2' && context.mapping && !e.indention);
    for (const item of n.items) {
      e.writeIndent();
      e.writeIndicator('-', true, false, true);
      emitNode(e, item, { mapping: false, simpleKey: false, flavor: context.flavor });
    }
    e.popIndent();
    return;
  }
  e.increaseIndent(false, false);
  for (const [key, value] of n.entries) {
    e.writeIndent();
    const keyNode: YNode = context.flavor === 'v3' ? toNodeV3(key) : { kind: 'str', value: key };
    if (isSimpleKey(key)) {
      emitNode(e, keyNode, { mapping: true, simpleKey: true, flavor: context.flavor });
      e.writeIndicator(':', false, false, false);
    } else {
      e.writeIndicator('?', true, false, true);
      emitNode(e, keyNode, { mapping: true, simpleKey: false, flavor: context.flavor });
      e.writeIndent();
      e.writeIndicator(':', true, false, true);
    }
    emitNode(e, value, { mapping: true, simpleKey: false, flavor: context.flavor });
  }
  e.popIndent();
}

/** sigs.k8s.io/yaml.Marshal: the full text with its final newline; undefined when Go fails. */
export function marshalYaml(value: Val): string | undefined {
  const n = toNode(value);
  if (!n) return undefined;
  return emitDocument(n, 'v2');
}

function emitDocument(n: YNode, flavor: Flavor): string {
  const e = new Emitter(flavor === 'v2' ? BEST_WIDTH : Infinity);
  emitNode(e, n, { mapping: false, simpleKey: false, flavor });
  let text = e.text();
  // The document end writes the last line break.
  if (!text.endsWith('\n') || e.column > 0) text += '\n';
  return text;
}

/** Helm's toYamlPretty: a go-yaml v3 encoder with a 2-space indent, without the final newline. */
export function marshalYamlPretty(value: Val): string {
  const text = emitDocument(toNodeV3(value), 'v3');
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** Helm's toYaml: sigs.k8s.io/yaml's text without its final newline ("" when marshalling fails). */
export function toYaml(value: unknown): string {
  const text = marshalYaml(fromPlain(value));
  if (text === undefined) return '';
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
