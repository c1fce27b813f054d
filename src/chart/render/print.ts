// The manifest stream printer: every document as `helm template` prints it — `---`, a
// `# Source:` comment, then the text the chart's template writes for the object, as its
// layout (layout.ts) describes it — and printYaml, a plain block-YAML writer for values.
//
// One walker serves both; they differ only in how they write a scalar the layout says
// nothing about. In manifests that is the chart's `{{ x }}`: Go's text of the value, bare
// whenever Helm reads it back as the same value. In values files it is the safe form: bare
// only when every YAML reader (1.1 and 1.2) reads it back as the same string.

import { CHART_NAME } from './chart-defaults.js';
import { isTable } from './coalesce.js';
import type { DocumentLayout, Layout, Line } from './layout.js';
import { doubleQuoted, isPlainSafe, readInterpolated } from '../../yaml/plain-scalar.js';
import { formatFloat64, goQuote } from '../../go/fmt.js';
import { helmKeyString, resolveHelmScalar } from '../../yaml/helm-scalar.js';
import { toYaml } from '../../yaml/helm-to-yaml.js';

export interface PrintableDocument {
  template: string;
  object: Record<string, unknown>;
  layout?: DocumentLayout;
}

/** Keys with no YAML syntax in them (label keys, the chart's own keys). */
const SIMPLE_KEY = /^[A-Za-z0-9_.\/][A-Za-z0-9_.\/-]*$/;

/** How scalars without a layout style are written. */
interface Dialect {
  key(name: string): string;
  /** Text for a string the layout leaves to the dialect. */
  string(s: string, column: number): string;
  number(n: number): string;
  /** Text for null / nil. */
  nil: string;
}

/**
 * How each key is written in manifests: the chart's keys and the values' label keys, the same
 * few hundred in every document, so each is decided once (bounded, for values with many keys).
 */
const manifestKeys = new Map<string, string>();
const MANIFEST_KEYS_KEPT = 10_000;

function manifestKey(name: string): string {
  let text = manifestKeys.get(name);
  if (text === undefined) {
    // The chart writes its keys bare (those from the values are label keys). Helm turns a
    // key that reads as a number or boolean back into text, so only that text must match.
    text = SIMPLE_KEY.test(name) && helmKeyString(resolveHelmScalar(name)) === name ? name : goQuote(name);
    if (manifestKeys.size >= MANIFEST_KEYS_KEPT) manifestKeys.clear();
    manifestKeys.set(name, text);
  }
  return text;
}

/** Helm's reading of the chart's output is what counts: bare when Helm reads it back. */
const MANIFEST: Dialect = {
  key: manifestKey,
  string: (s) => (readsBackAs(s, s) ? s : goQuote(s)),
  // Every number in Helm values is a float64, printed with Go's %v.
  number: formatFloat64,
  // `{{ x }}` of nil writes nothing.
  nil: '',
};

const VALUES: Dialect = {
  key: (name) => (isPlainSafe(name) ? name : doubleQuoted(name)),
  string: (s, column) => (isPlainSafe(s) ? s : (literalBlock(s, column) ?? doubleQuoted(s))),
  number: (n) => (Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : formatFloat64(n)),
  nil: 'null',
};

/** Whether `key: <text>` on one line reads back (as Helm reads it) as `value`. */
function readsBackAs(text: string, value: unknown): boolean {
  const reading = readInterpolated(text);
  return 'value' in reading && reading.value === value;
}

/** The `helm template` output for these documents (already in Helm's order). */
export function printManifests(docs: readonly PrintableDocument[]): string {
  let out = '';
  for (const doc of docs) {
    const text = printDocument(doc.object, doc.layout);
    // Helm drops documents with nothing in them.
    if (text === '') continue;
    out += `---\n# Source: ${CHART_NAME}/templates/${doc.template}\n${text}\n`;
  }
  return out;
}

/** One document's text, trimmed of surrounding whitespace as Helm trims every document. */
export function printDocument(object: unknown, layout?: DocumentLayout): string {
  if (layout && 'verbatim' in layout) return goTrimSpace(layout.verbatim);
  const lines: string[] = [];
  if (layout?.toYaml) pushToYaml(object, 0, lines);
  else block(object, layout, 0, lines, MANIFEST);
  return goTrimSpace(lines.join('\n'));
}

/** One values document (block style), ending with a newline. */
export function printYaml(value: unknown): string {
  const lines: string[] = [];
  block(value, undefined, 0, lines, VALUES);
  return lines.join('\n') + '\n';
}

/** The white space goTrimSpace removes (none of it outside the Basic Multilingual Plane). */
const TRIMMED = /[\s\u0085]/;

/**
 * Go's strings.TrimSpace: Unicode white space at both ends. Only the ends are looked at: a
 * pattern anchored at the end tried every run of spaces of a whole manifest.
 */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && TRIMMED.test(s[start]!)) start++;
  while (end > start && TRIMMED.test(s[end - 1]!)) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function isBlockMapping(value: unknown): value is Record<string, unknown> {
  return isTable(value) && Object.keys(value).some((k) => value[k] !== undefined);
}

function isBlockSequence(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0;
}

/** A top-level value, or a sequence item's, starting at `column`. */
function block(value: unknown, layout: Layout | undefined, column: number, lines: string[], dialect: Dialect): void {
  if (isBlockMapping(value)) mapping(value, layout, column, lines, dialect);
  else if (isBlockSequence(value)) sequence(value, layout, column, lines, dialect);
  else lines.push(' '.repeat(column) + scalar(value, layout, column, dialect));
}

function pushLines(extra: readonly Line[] | undefined, column: number, lines: string[]): void {
  for (const line of extra ?? []) {
    if ('comment' in line) lines.push(' '.repeat(column) + line.comment);
    else lines.push(line.blank === 'padded' ? ' '.repeat(column) : '');
  }
}

/** `toYaml value | nindent column`, after the line it follows. */
function pushToYaml(value: unknown, column: number, lines: string[]): void {
  const pad = ' '.repeat(column);
  // Sprig's indent pads every line, empty ones included.
  for (const line of toYaml(value).split('\n')) lines.push(pad + line);
}

function mapping(value: Record<string, unknown>, layout: Layout | undefined, column: number, lines: string[], dialect: Dialect): void {
  const pad = ' '.repeat(column);
  for (const [name, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const entry = layout?.keys?.[name];
    pushLines(entry?.before, column, lines);
    const head = `${pad}${dialect.key(name)}:`;
    if (entry?.toYaml) {
      lines.push(head);
      const inner = column + (entry.indent ?? 2);
      pushLines(entry.head, inner, lines);
      pushToYaml(child, inner, lines);
    } else if (isBlockMapping(child)) {
      lines.push(head);
      const inner = column + (entry?.indent ?? 2);
      pushLines(entry?.head, inner, lines);
      mapping(child, entry, inner, lines, dialect);
    } else if (isBlockSequence(child)) {
      lines.push(head);
      const inner = column + (entry?.indent ?? 0);
      pushLines(entry?.head, inner, lines);
      sequence(child, entry, inner, lines, dialect);
    } else {
      lines.push(`${head} ${scalar(child, entry, column, dialect)}`);
    }
  }
  pushLines(layout?.after, column, lines);
}

function sequence(items: unknown[], layout: Layout | undefined, column: number, lines: string[], dialect: Dialect): void {
  const pad = ' '.repeat(column);
  items.forEach((item, index) => {
    const entry = layout?.items?.[index] ?? layout?.each;
    pushLines(entry?.before, column, lines);
    if (entry?.toYaml === 'own-line') {
      lines.push(`${pad}-`);
      pushToYaml(item, column + (entry.indent ?? 2), lines);
    } else if (entry?.toYaml) {
      // As toYaml writes the item inside its list (its width limit counts the dash too).
      pushToYaml([item], column, lines);
    } else if (isBlockMapping(item) || isBlockSequence(item)) {
      const nested: string[] = [];
      block(item, entry, column + 2, nested, dialect);
      nested[0] = `${pad}- ${nested[0]!.slice(column + 2)}`;
      lines.push(...nested);
    } else {
      lines.push(`${pad}- ${scalar(item === undefined ? null : item, entry, column, dialect)}`);
    }
  });
  pushLines(layout?.after, column, lines);
}

/** Characters a `"{{ x }}"` may hold and still read back as x. */
const QUOTABLE_AS_IS = /^[^"\\\x00-\x08\x0a-\x1f\x7f\u0085\u2028\u2029\ufeff\ud800-\udfff]*$/;

/** A scalar (or empty collection) as it follows `key: ` or `- `; a literal block spans lines. */
function scalar(value: unknown, layout: Layout | undefined, column: number, dialect: Dialect): string {
  if (layout?.text !== undefined && readsBackAs(layout.text, value)) return layout.text;
  const style = layout?.scalar;
  if (value === null || value === undefined) return style === 'quote' || style === 'quoted' ? '' : dialect.nil;
  if (Array.isArray(value)) return '[]';
  if (isTable(value)) return '{}';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = typeof value === 'number' ? dialect.number(value) : String(value);
  switch (style) {
    case 'quote':
      return goQuote(text);
    case 'quoted':
      return typeof value === 'string' && QUOTABLE_AS_IS.test(text) ? `"${text}"` : goQuote(text);
    case 'literal':
      return (typeof value === 'string' ? literalBlock(value, column) : undefined) ?? goQuote(text);
    default:
      return typeof value === 'string' ? dialect.string(value, column) : text;
  }
}

/** `|` / `|-` for multi-line text that a literal block can carry unchanged. */
function literalBlock(s: string, column: number): string | undefined {
  if (!s.includes('\n') || s.includes('\r')) return undefined;
  if (!/^[\x20-\x7e\n\t\u00a0-\ud7ff\ue000-\ufffc]*$/.test(s) || /[\u2028\u2029\ufeff]/.test(s)) return undefined;
  const keep = s.endsWith('\n');
  const body = keep ? s.slice(0, -1) : s;
  // More than one trailing newline, or a leading space on the first line, would need
  // indicators the readers disagree on; quoting is exact.
  if (body.endsWith('\n') || /^[ \t]/.test(body) || body === '') return undefined;
  const pad = ' '.repeat(column + 2);
  const lines = body.split('\n').map((line) => (line === '' ? '' : pad + line));
  return `${keep ? '|' : '|-'}\n${lines.join('\n')}`;
}
