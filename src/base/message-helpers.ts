// The formatters and helpers the message catalogue (catalogue.md) names: `%name:formatter%`
// calls formatter(value, ...params), `%if name:formatter%` tests what it returns, and
// `%=helper%` calls helper(args). What a sentence computes lives here, by name, so that the
// catalogue holds text only.

import { closest } from './suggest.js';

/** The value as a JSON string literal: quoted, with its escapes. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** How many characters the text has. */
export function length(text: string): number {
  return text.length;
}

/** `one` for a count of one, `other` otherwise. */
export function plural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}

/** `one` for a comma-separated list of one item (no comma), `other` for several. */
export function listPlural(list: string, one: string, other: string): string {
  return list.includes(',') ? other : one;
}

/** The first item of a list joined with ', '. */
export function firstOfList(list: string): string {
  return list.split(', ')[0]!;
}

/** A YAML node's kind, as a sentence names it. */
export function nodeKind(kind: 'map' | 'seq' | 'scalar'): string {
  return { map: 'a mapping', seq: 'a list', scalar: 'a scalar' }[kind];
}

/** Each field said to be missing: 'it has no apiVersion, it has no kind'. */
export function eachMissing(fields: readonly string[]): string {
  return fields.map((field) => `it has no ${field}`).join(', ');
}

/** The items joined with ', '. */
export function joined(items: readonly string[]): string {
  return items.join(', ');
}

/** The items joined with ' or '. */
export function joinedByOr(items: readonly string[]): string {
  return items.join(' or ');
}

/** Up to three items joined with ', ', then how many more: 'a, b, c and 2 more'. */
export function firstThreeAndMore(items: readonly string[]): string {
  return items.length > 3 ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more` : items.join(', ');
}

/** As firstThreeAndMore, but two items are joined with ' and ': 'a and b'. */
export function firstThreeAndMoreOrPair(items: readonly string[]): string {
  return items.length === 2 ? items.join(' and ') : firstThreeAndMore(items);
}

/** Up to three items joined with ', ', then ', and N more'. */
export function firstThreeAndCount(items: readonly string[]): string {
  return items.slice(0, 3).join(', ') + (items.length > 3 ? `, and ${items.length - 3} more` : '');
}

/** The items joined with ', ', the last with ' and ': 'a, b and c' (one item alone). */
export function commasThenAnd(items: readonly string[]): string {
  return commasThen(items, 'and');
}

/** The items joined with ', ', the last with ' or ': 'a, b or c' (one item alone). */
export function commasThenOr(items: readonly string[]): string {
  return commasThen(items, 'or');
}

/** Every item quoted, then joined as commasThenAnd: "'a', 'b' and 'c'". */
export function quotedCommasThenAnd(items: readonly string[]): string {
  return commasThenAnd(items.map((item) => `'${item}'`));
}

function commasThen(items: readonly string[], last: 'and' | 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

/** The items joined with '; '. */
export function joinedBySemicolons(items: readonly string[]): string {
  return items.join('; ');
}

/** Seconds as a reader writes them: `1 s`, `0.5 s` (at most three decimals). */
export function seconds(n: number): string {
  return `${Number(n.toFixed(3))} s`;
}

/** The distinct items, in their first order, joined with ' and '. */
export function distinctJoinedByAnd(items: readonly string[]): string {
  return [...new Set(items)].join(' and ');
}

/** The distinct items, in their first order, joined with ', and for ' (after "only for"). */
export function distinctJoinedByAndFor(items: readonly string[]): string {
  return [...new Set(items)].join(', and for ');
}

/** Every item quoted, joined with ', '. */
export function quotedList(items: readonly string[]): string {
  return items.map((item) => `'${item}'`).join(', ');
}

/** Whether a count is exactly one (a sentence then names the thing, not a number of them). */
export function isOne(n: number): boolean {
  return n === 1;
}

/** Whether a diagnostic's path is the whole document rather than a key in it. */
export function isWholeDocument(path: string): boolean {
  return path === '(document)';
}

/** A count of characters in mebi (2^20): budgets are whole mebis. */
export function mebi(n: number): number {
  return n / (1024 * 1024);
}

/** Whether an extension key is the sandbox settings (x-inspect_k8s_sandbox or its alias x-k8s). */
export function isSandboxSettingsKey(key: string): boolean {
  return key === 'x-inspect_k8s_sandbox' || key === 'x-k8s';
}

export function positive(n: number): boolean {
  return n > 0;
}

export function nonEmpty(items: readonly unknown[]): boolean {
  return items.length > 0;
}

/** The known name closest to a misspelt one, if one is close enough. */
export function closestAmong(name: string, known: readonly string[]): string | undefined {
  return closest(name, known);
}


/** The kinds of referenced files C2A200 names, whose hints differ. */
export function isIncluded(kind: string): boolean {
  return kind === 'included';
}
export function isOverride(kind: string): boolean {
  return kind === 'override';
}

/** Helm functions whose result changes from one render to the next. */
export function isNondeterministic(name: string): boolean {
  return /^(now|date|ago|rand|uuid|shuffle|gen|bcrypt|htpasswd|derive|encrypt|decrypt)/i.test(name);
}

const SAMPLE_METADATA = 'SAMPLE_METADATA_';

/** A variable inspect sets from each sample's metadata. */
export function isSampleMetadata(variable: string): boolean {
  return variable.startsWith(SAMPLE_METADATA);
}

/**
 * Inspect sets SAMPLE_METADATA_<KEY> for Docker Compose from each sample's metadata. The k8s
 * sandbox passes sample metadata to Helm instead, as `.Values.sampleMetadata<Key>`, which the
 * agent-env chart reads only in additionalResources templates: values converted once cannot
 * vary per sample.
 */
export function sampleMetadataHint(variable: string): string {
  const key = variable
    .slice(SAMPLE_METADATA.length)
    .toLowerCase()
    .split('_')
    .filter((w) => w !== '')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return (
    `Inspect sets ${variable} from each sample's metadata; the k8s sandbox passes it to Helm as .Values.sampleMetadata${key}, ` +
    `which agent-env reads only in additionalResources templates: set ${variable} to one sample's value, once per value`
  );
}

/**
 * A sentence of the key-outcome table (passes/keys.ts), which says why a key has its
 * outcome: the table is where those sentences are written, and `compose2agent keys` prints
 * them. The brand keeps call sites from passing a sentence of their own instead.
 */
export type TableSentence = string & { readonly keyTableSentence: true };
