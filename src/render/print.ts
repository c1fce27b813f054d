// The manifest stream printer: each document as `helm template` prints it, preceded by
// `---` and a `# Source:` comment, in block YAML close to the chart's own layout (mapping
// keys in the order the templates write them; lists the templates indent are indented).
// Strings that any YAML reader could take for something else are double-quoted.

import { CHART_NAME } from './chart-defaults.js';
import { isTable } from './coalesce.js';
import { formatGoFloat } from './go-format.js';
import { doubleQuoted, isPlainSafe } from './yaml-text.js';

/** Lists whose items the chart's templates indent under their key. */
const INDENTED = new WeakSet<unknown[]>();

/** Marks a list to be printed with its items indented under the key, as the templates do. */
export function indentedList<T>(items: T[]): T[] {
  INDENTED.add(items);
  return items;
}

export interface PrintableDocument {
  template: string;
  object: Record<string, unknown>;
}

export function printManifests(docs: readonly PrintableDocument[]): string {
  let out = '';
  for (const doc of docs) {
    out += `---\n# Source: ${CHART_NAME}/templates/${doc.template}\n`;
    out += printYaml(doc.object);
  }
  return out;
}

/** One YAML document (block style), ending with a newline. */
export function printYaml(value: unknown): string {
  const lines: string[] = [];
  if (isTable(value) && Object.keys(value).some((k) => value[k] !== undefined)) mapping(value, 0, lines);
  else if (Array.isArray(value) && value.length > 0) sequence(value, 0, lines);
  else lines.push(inlineScalar(value, 0));
  return lines.join('\n') + '\n';
}

function key(name: string): string {
  return isPlainSafe(name) ? name : doubleQuoted(name);
}

function isEmptyCollection(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isTable(value) && Object.keys(value).every((k) => value[k] === undefined));
}

/** A scalar (or empty collection) as it follows `key: ` or `- `; block scalars span lines. */
function inlineScalar(value: unknown, indent: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : formatGoFloat(value);
  }
  if (Array.isArray(value)) return '[]';
  if (isTable(value)) return '{}';
  const s = String(value);
  if (isPlainSafe(s)) return s;
  const block = literalBlock(s, indent);
  return block ?? doubleQuoted(s);
}

/** `|` / `|-` for multi-line text that a literal block can carry unchanged. */
function literalBlock(s: string, indent: number): string | undefined {
  if (!s.includes('\n') || s.includes('\r')) return undefined;
  if (!/^[\x20-\x7e\n\t\u00a0-\ud7ff\ue000-\ufffc]*$/.test(s)) return undefined;
  const keep = s.endsWith('\n');
  const body = keep ? s.slice(0, -1) : s;
  // More than one trailing newline, or a leading space on the first line, would need
  // indicators the readers disagree on; quoting is exact.
  if (body.endsWith('\n') || /^[ \t]/.test(body) || body === '') return undefined;
  const pad = ' '.repeat(indent + 2);
  const lines = body.split('\n').map((line) => (line === '' ? '' : pad + line));
  return `${keep ? '|' : '|-'}\n${lines.join('\n')}`;
}

function mapping(value: Record<string, unknown>, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  for (const [name, child] of Object.entries(value)) {
    if (child === undefined) continue;
    if (isTable(child) && !isEmptyCollection(child)) {
      lines.push(`${pad}${key(name)}:`);
      mapping(child, indent + 2, lines);
    } else if (Array.isArray(child) && child.length > 0) {
      lines.push(`${pad}${key(name)}:`);
      sequence(child, INDENTED.has(child) ? indent + 2 : indent, lines);
    } else {
      lines.push(`${pad}${key(name)}: ${inlineScalar(child, indent)}`);
    }
  }
}

function sequence(items: unknown[], indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if ((isTable(item) && !isEmptyCollection(item)) || (Array.isArray(item) && item.length > 0)) {
      const nested: string[] = [];
      if (Array.isArray(item)) sequence(item, indent + 2, nested);
      else mapping(item as Record<string, unknown>, indent + 2, nested);
      nested[0] = `${pad}- ${nested[0]!.slice(indent + 2)}`;
      lines.push(...nested);
    } else {
      lines.push(`${pad}- ${inlineScalar(item === undefined ? null : item, indent)}`);
    }
  }
}
