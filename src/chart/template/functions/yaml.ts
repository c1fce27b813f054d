// Helm's YAML functions: toYaml (sigs.k8s.io/yaml text without its final newline), toYamlPretty
// (go-yaml v3's text with a 2-space indent), fromYaml and
// fromYamlArray (YAML read as YAML 1.1 and passed through JSON, so numbers are float64).

import { parseAllDocuments } from 'yaml';
import { type GoValue, type Val, fromPlain, isGoMap, mapSet, newMap, typeName } from '../../../go/values.js';
import { lexCounted, NESTING_LIMIT, overNested, WRITTEN_NODE_LIMIT } from '../../../yaml/budget.js';
import { marshalYaml, marshalYamlPretty } from '../../../yaml/helm-to-yaml.js';
import { type FuncTable, FuncError, fn } from './types.js';

/** The first YAML document of a text as sigs.k8s.io/yaml reads it; an error message on failure. */
function readYaml(text: string): { value: GoValue } | { error: string } {
  // A template can build its argument: the same node budget as a values file, checked before
  // the (far costlier) parse.
  const lexed = lexCounted(text);
  if (lexed.written > WRITTEN_NODE_LIMIT) throw new FuncError(`the YAML text holds more than ${WRITTEN_NODE_LIMIT} nodes`);
  // The nesting bound reads the tokens just counted rather than lexing the text again.
  if (overNested(text, NESTING_LIMIT, lexed.tokens) !== undefined) throw new FuncError(`the YAML text nests collections more than ${NESTING_LIMIT} levels deep`);
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, logLevel: 'error' });
  if (!Array.isArray(docs)) return { value: null };
  const first = docs[0];
  if (!first) return { value: null };
  if (first.errors.length > 0) return { error: `error converting YAML to JSON: yaml: ${first.errors[0]!.message.split('\n')[0]}` };
  let js: unknown;
  try {
    js = first.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (err) {
    // The yaml package refuses an alias bomb with a ReferenceError; go-yaml with this error.
    if (err instanceof ReferenceError) return { error: 'error converting YAML to JSON: yaml: document contains excessive aliasing' };
    throw err;
  }
  return { value: fromPlain(stringKeys(js)) };
}

/** JSON has only string keys: YAML keys of other types are written as text. */
function stringKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stringKeys);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[String(k)] = stringKeys(x);
    return out;
  }
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = stringKeys(x);
    return out;
  }
  return v;
}

function fromYaml(text: string): GoValue {
  const r = readYaml(text);
  let error: string;
  if ('error' in r) error = r.error;
  else if (r.value === null) return newMap();
  else if (isGoMap(r.value)) return r.value;
  else error = `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(r.value) ? 'array' : typeof r.value === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}`;
  const m = newMap();
  mapSet(m, 'Error', error);
  return m;
}

function fromYamlArray(text: string): GoValue {
  const r = readYaml(text);
  if ('error' in r) return [r.error];
  if (r.value === null) return [];
  if (Array.isArray(r.value)) return r.value;
  return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${isGoMap(r.value) ? 'object' : 'string'} into Go value of type []interface {}`];
}

/** Helm's toYaml on a Go value. */
export function goToYaml(v: Val): string | undefined {
  const text = marshalYaml(v);
  if (text === undefined) return undefined;
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

export const yamlFunctions: FuncTable = {
  toYaml: fn(['any'], ([v]) => goToYaml(v) ?? ''),
  mustToYaml: fn(['any'], ([v]) => {
    const text = goToYaml(v);
    if (text === undefined) throw new FuncError(`json: unsupported value: ${typeName(v)}`);
    return text;
  }),
  // Helm ignores the encoder's error; go-yaml v3 writes every template value, NaN included.
  toYamlPretty: fn(['any'], ([v]) => marshalYamlPretty(v)),
  fromYaml: fn(['string'], ([s]) => fromYaml(s as string)),
  fromYamlArray: fn(['string'], ([s]) => fromYamlArray(s as string)),
};
