// Where the chart writes a value into its YAML unquoted (`image: {{ .image }}`), the
// manifest holds whatever a YAML reader makes of that text, not the value itself. These
// helpers compute that reading, and decide when our printer must quote a string so that
// helm, kubectl and YAML 1.2 readers all read it back as the same string.

import { isMap, isScalar, parseDocument } from 'yaml';
import { resolveHelmScalar, UnrepresentableNumber } from './helm-scalar.js';
import { BASE60_NUMBER, FALSE_WORDS, NULL_WORDS, SPECIAL_FLOAT_WORDS, TRUE_WORDS, YAML_FLOAT } from './scalar-syntax.js';

/**
 * How text written unquoted changes the document's shape: a variant of the catalogue's
 * shared group `misreading` (C2A109, C2A309, C2A102, C2A103).
 */
export type ShapeProblem =
  | { misreading: 'line-break' | 'not-yaml' | 'several-keys' | 'collection' | 'block-scalar' | 'anchor' }
  | { misreading: 'tag'; tag: string };

export type Reading = { value: unknown } | { problem: ShapeProblem };

/** Text that reads as one plain scalar with no YAML syntax in it. */
const SIMPLE_PLAIN = /^[A-Za-z0-9_/+=~^$().;<\\][A-Za-z0-9_./:@+=~^$%(),;<>\\ -]*$/;

/** Kubernetes-readers type plain scalars as YAML 1.1 does (see helm-scalar.ts). */
function typePlain(text: string): unknown {
  const value = resolveHelmScalar(text);
  return value instanceof UnrepresentableNumber ? text : value;
}

/**
 * What `key: <text>` on one line of a block mapping reads as. A value that spans lines,
 * opens a nested structure, or is not a scalar at all is a problem: the chart's output
 * would take a different shape than the values say.
 */
export function readInterpolated(text: string): Reading {
  const simple = readSimpleText(text);
  if (simple) return simple;
  const known = readings.get(text);
  if (known) return known;
  const reading = readText(text);
  if (readings.size >= CACHE_LIMIT) readings.clear();
  readings.set(text, reading);
  return reading;
}

/**
 * How text written unquoted (`key: <text>`) fails to read back as that string: it changes
 * the document's shape (`problem`), or it reads as another value (`readsAs`: a number, a
 * boolean, null, …). Undefined when it reads as itself.
 */
export function unquotedMisreading(text: string): { problem: ShapeProblem } | { readsAs: unknown } | undefined {
  const reading = readInterpolated(text);
  if ('problem' in reading) return reading;
  return reading.value === text ? undefined : { readsAs: reading.value };
}

/**
 * Rendering repeats the same few strings (names, labels) many times; the readings that take a
 * YAML parse are remembered. Most strings read without one (readSimpleText) and are not kept:
 * at thousands of services, unique names and images filled the cache, which was then
 * cleared and filled again, for no lookup that hit.
 */
const CACHE_LIMIT = 10_000;
const readings = new Map<string, Reading>();
const plainSafe = new Map<string, boolean>();

/** The reading of text that needs no YAML parse to read: a line break, nothing, or one plain scalar. */
function readSimpleText(text: string): Reading | undefined {
  if (/[\n\r]/.test(text)) return { problem: { misreading: 'line-break' } };
  if (text === '') return { value: null };
  if (SIMPLE_PLAIN.test(text) && !text.includes(': ') && !text.includes(' #') && !text.endsWith(':') && text.trim() === text) {
    return { value: typePlain(text) };
  }
  return undefined;
}

function readText(text: string): Reading {
  const doc = parseDocument(`k: ${text}\n`, { version: '1.1', schema: 'failsafe', uniqueKeys: false, logLevel: 'error' });
  if (doc.errors.length > 0) return { problem: { misreading: 'not-yaml' } };
  const root = doc.contents;
  if (!isMap(root) || root.items.length !== 1) return { problem: { misreading: 'several-keys' } };
  const node = root.items[0]!.value;
  if (node === null) return { value: null };
  if (!isScalar(node)) return { problem: { misreading: 'collection' } };
  if (node.tag) return { problem: { misreading: 'tag', tag: node.tag } };
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return { problem: { misreading: 'block-scalar' } };
  if ((node as { anchor?: string }).anchor) return { problem: { misreading: 'anchor' } };
  const raw = String(node.value ?? '');
  return { value: node.type === 'PLAIN' ? typePlain(raw) : raw };
}

/** YAML 1.2's core-schema integers with a base prefix (other numbers are YAML_FLOAT's). */
const YAML12_PREFIXED_INT = /^[-+]?(?:0o[0-7]+|0x[0-9a-fA-F]+)$/;

/** What the YAML 1.2 core schema reads as something other than a string. */
function yaml12Typed(s: string): boolean {
  if (NULL_WORDS.has(s) || TRUE_WORDS.has(s) || FALSE_WORDS.has(s) || SPECIAL_FLOAT_WORDS.has(s)) return true;
  return YAML_FLOAT.test(s) || YAML12_PREFIXED_INT.test(s);
}

/**
 * Whether a string may be written as a plain scalar: it must read back as the same
 * string under YAML 1.1 (helm, kubectl) and YAML 1.2, and contain no YAML syntax.
 */
export function isPlainSafe(s: string): boolean {
  const known = plainSafe.get(s);
  if (known !== undefined) return known;
  const safe = checkPlainSafe(s);
  if (plainSafe.size >= CACHE_LIMIT) plainSafe.clear();
  plainSafe.set(s, safe);
  return safe;
}

function checkPlainSafe(s: string): boolean {
  if (s === '' || s.trim() !== s) return false;
  // The first character must not be a YAML indicator (a `-` is fine before a non-space);
  // inside, any printable character is fine but for `: ` and ` #`, checked below.
  if (!/^(?:[A-Za-z0-9_/+=~^$().;<\\]|-[^\s])/.test(s)) return false;
  if (/[\n\r\t]/.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (/[,[\]{}]/.test(s)) return false;
  if (s.startsWith('---') || s.startsWith('...') || s === '-' || s === '<<' || s === '=') return false;
  if (!/^[\x20-\x7e]*$/.test(s)) return false;
  if (typePlain(s) !== s) return false;
  if (yaml12Typed(s)) return false;
  // Timestamps: helm keeps them as text, other readers make dates of them.
  if (/^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/.test(s)) return false;
  // Base-60 numbers of YAML 1.1 (1:20) are strings for helm but not for every reader.
  if (BASE60_NUMBER.test(s)) return false;
  return true;
}

/** A YAML double-quoted scalar for any string. */
export function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code === 0x85 || code === 0x2028 || code === 0x2029 || code === 0xfeff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}
