// `helm template <release> agent-env -f a.yaml -f b.yaml --namespace <ns>`, without Helm:
// values files merged and coalesced over the chart's defaults, checked against the values
// schema, rendered by one module per chart template, validated, and printed in Helm's
// order. Every problem is a diagnostic located in the values file that supplied the
// offending value.

import { parseAll } from '../../yaml/reader.js';
import { Context, type Diagnostic } from '../../base/diagnostics.js';
import type { ArgsOf, Code } from '../../base/messages.js';
import { SourceFile, SourceMap, formatPath, type YamlPath } from '../../base/source.js';
import { validateMergedValues } from '../values/validate.js';
import { renderAdditionalResources, type TemplateRenderer } from './additional-resources.js';
import { chartDefaults } from './chart-defaults.js';
import { coalesce, isTable, mergeValues, type ShapeConflict, type Tree } from './coalesce.js';
import { renderCoreDns } from './coredns.js';
import type { DocumentLayout } from './layout.js';
import { fullname } from './names.js';
import { renderNetworkPolicies } from './network-policy.js';
import { installOrder } from './order.js';
import { printManifests as printDocuments, printYaml } from './print.js';
import { checkPods } from './pod-checks.js';
import { renderPersistentVolumeClaims } from './pvc.js';
import type { KeyReporter, RenderScope, RenderedObject } from './scope.js';
import { renderService } from './service.js';
import { renderServiceAccount } from './service-account.js';
import { renderStatefulSet, hasDnsRecord } from './statefulset.js';
import { InternalFault, originOf, validateObject } from './validate.js';
import { type ShapeProblem, unquotedMisreading } from '../../yaml/plain-scalar.js';
import { makeTemplateRoot, renderTpl, templateScope, toYaml as templateToYaml } from '../template/index.js';

export { InternalFault } from './validate.js';
export type { TemplateRenderer, TemplateData } from './additional-resources.js';

export interface RenderOptions {
  /**
   * The release rendered as. Names are also checked against it, unless it is Helm's
   * placeholder `release-name`: then against the 8-character names inspect installs as.
   */
  release: string;
  namespace: string;
}

/** A values file (may hold several YAML documents). */
export interface ValuesInput {
  path: string;
  text: string;
}

export interface RenderedDocument {
  /** The chart template that renders it, e.g. 'services.yaml'. */
  template: string;
  object: Record<string, unknown>;
  /** How the template writes it; without one, the object is printed in plain block style. */
  layout?: DocumentLayout;
}

export interface RenderResult {
  text?: string;
  documents?: RenderedDocument[];
  diagnostics: Diagnostic[];
}

/** The name under which diagnostics about the `base` values object are reported. */
export const BASE_VALUES_NAME = '(converted values)';
/**
 * Warnings the converter already gives, at the Compose line, for values it emits on purpose
 * (it keeps `:ro` in volume strings as the reference does, and says the chart ignores it):
 * not repeated against the printed converted values.
 */
const CONVERTER_REPORTS: ReadonlySet<string> = new Set(['C2A118']);

/** The name under which diagnostics about --release and --namespace are reported. */
export const COMMAND_LINE_NAME = '(command line)';

/** One values document and the file it came from. */
interface ValuesSource {
  ctx: Context;
  map: SourceMap;
  data: Tree;
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why a name the chart writes unquoted would not read back as that string (C2A102's and C2A103's variant), if it would not. */
function unquotedReadingProblem(name: string): ({ reason: 'read-unquoted' } & ShapeProblem) | { reason: 'read-as-typed-scalar' } | undefined {
  const misreading = unquotedMisreading(name);
  if (!misreading) return undefined;
  return 'problem' in misreading ? { reason: 'read-unquoted', ...misreading.problem } : { reason: 'read-as-typed-scalar' };
}

function checkOptions(options: RenderOptions): Context {
  const text = `--release ${options.release} --namespace ${options.namespace}`;
  const file = new SourceFile(COMMAND_LINE_NAME, text);
  const ctx = new Context(undefined, file);
  const releaseLoc = file.loc(10, 10 + options.release.length);
  const namespaceStart = 10 + options.release.length + 13;
  const namespaceLoc = file.loc(namespaceStart, namespaceStart + options.namespace.length);
  const release = options.release;
  if (release.length > 53) {
    ctx.report('C2A102', { loc: releaseLoc }, { name: release, reason: 'too-long', length: release.length });
  } else if (!RELEASE_NAME.test(release)) {
    ctx.report('C2A102', { loc: releaseLoc }, { name: release, reason: 'not-dns-name' });
  } else {
    const problem = unquotedReadingProblem(release);
    if (problem) ctx.report('C2A102', { loc: releaseLoc }, { name: release, ...problem });
  }
  const namespace = options.namespace;
  if (namespace.length > 63 || !DNS_LABEL.test(namespace)) {
    ctx.report('C2A103', { loc: namespaceLoc }, { namespace, reason: 'not-dns-label' });
  } else {
    const problem = unquotedReadingProblem(namespace);
    if (problem) ctx.report('C2A103', { loc: namespaceLoc }, { namespace, ...problem });
  }
  return ctx;
}

/** What a values document is instead of a mapping: C2A101's variant. */
function kindName(value: unknown): { value: 'empty' | 'list' } | { value: 'scalar'; type: string; json: string } {
  if (value === null) return { value: 'empty' };
  if (Array.isArray(value)) return { value: 'list' };
  return { value: 'scalar', type: typeof value, json: JSON.stringify(value) };
}

function readValuesFile(input: ValuesInput): { ctx: Context; sources: ValuesSource[] } {
  const file = new SourceFile(input.path, input.text);
  const ctx = new Context(undefined, file);
  const docs =
    parseAll(file, ctx, {
      scalars: 'helm',
      duplicateKeys: 'last-wins',
      onDuplicateKey: (path, key, loc) => ctx.report('C2A110', { loc, path }, { key }),
    }) ?? [];
  const sources: ValuesSource[] = [];
  for (const doc of docs) {
    if (doc.data === null) continue;
    if (!isTable(doc.data)) {
      ctx.report('C2A101', { loc: doc.map.locate([]), path: [] }, kindName(doc.data));
      continue;
    }
    sources.push({ ctx, map: doc.map, data: doc.data });
  }
  return { ctx, sources };
}

/** A `base` that is not a mapping: reported at once (there is nothing to render). */
function readBadBase(base: unknown): Context {
  const file = new SourceFile(BASE_VALUES_NAME, printYaml(base));
  const ctx = new Context(undefined, file);
  ctx.report('C2A101', { loc: file.loc(0) }, kindName(base));
  return ctx;
}

/**
 * The converter's values object as a values source. Positions exist only in its printed
 * form, so it is printed and re-read when a diagnostic first needs a position in it; most
 * renders need none, and checking a repository renders every converted file.
 */
class ConvertedValues implements ValuesSource {
  private read?: { ctx: Context; map: SourceMap };

  constructor(readonly data: Tree) {}

  private parsed(): { ctx: Context; map: SourceMap } {
    if (!this.read) {
      const file = new SourceFile(BASE_VALUES_NAME, printYaml(this.data));
      const ctx = new Context(undefined, file);
      const docs = parseAll(file, ctx, { scalars: 'helm' });
      this.read = { ctx, map: docs?.[0]?.map ?? new SourceMap(file) };
    }
    return this.read;
  }

  get ctx(): Context {
    return this.parsed().ctx;
  }

  get map(): SourceMap {
    return this.parsed().map;
  }

  /** Its context, once a diagnostic has needed it. */
  get used(): Context | undefined {
    return this.read?.ctx;
  }
}

function valueAt(data: unknown, path: YamlPath): { found: boolean } {
  let node = data;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === 'number' && part < node.length) node = node[part];
    else if (isTable(node) && typeof part === 'string' && part in node) node = node[part];
    else return { found: false };
  }
  return { found: true };
}

/** Reports at the values document that supplied a path: the last one holding it wins. */
class Provenance implements KeyReporter {
  constructor(
    private readonly sources: readonly ValuesSource[],
    private readonly fallback: () => Context,
  ) {}

  supplier(path: YamlPath): ValuesSource | undefined {
    let best: ValuesSource | undefined;
    let bestDepth = -1;
    for (let i = this.sources.length - 1; i >= 0; i--) {
      const source = this.sources[i]!;
      for (let depth = path.length; depth > bestDepth; depth--) {
        if (valueAt(source.data, path.slice(0, depth)).found) {
          best = source;
          bestDepth = depth;
          break;
        }
      }
      if (bestDepth === path.length) break;
    }
    return best;
  }

  report<K extends Code>(code: K, path: YamlPath, ...rest: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): void {
    this.reportAt(code, path, false, ...rest);
  }

  reportAt<K extends Code>(code: K, path: YamlPath, atKey: boolean, ...rest: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): void {
    const source = this.supplier(path);
    const ctx = source?.ctx ?? this.fallback();
    const loc = source ? source.map.locate(path, atKey ? 'key' : 'value') : ctx.file.loc(0);
    ctx.report(code, { loc, path }, ...rest);
  }
}

function describeObject(object: Record<string, unknown>): string {
  const name = isTable(object.metadata) ? object.metadata.name : undefined;
  return `${String(object.kind ?? '(no kind)')} ${String(name ?? '(no name)')}`;
}

/** The Go-template engine, as the additionalResources template uses it (`tpl`, `toYaml`). */
export const goTemplateEngine: TemplateRenderer = {
  begin(data, budget) {
    const root = templateScope(makeTemplateRoot(data.values, data.release));
    return (source) => {
      const result = renderTpl(source, root, budget);
      if ('output' in result) return { text: result.output };
      const { message, line, col, kind, limit } = result.error;
      return {
        error: message,
        line,
        col,
        ...(result.error.function ? { unsupported: result.error.function } : {}),
        ...(kind === 'budget' ? { budget: limit } : kind === 'work' ? { work: limit } : {}),
      };
    };
  },
  toYaml: templateToYaml,
};

/** Renders every template of the chart from coalesced values. */
export function renderChart(scope: RenderScope, engine: TemplateRenderer): RenderedObject[] {
  const out: RenderedObject[] = [];
  const services = isTable(scope.values.services) ? scope.values.services : {};
  for (const name of Object.keys(services).sort()) {
    const service = isTable(services[name]) ? (services[name] as Tree) : {};
    out.push(renderStatefulSet(scope, name, service));
    if (hasDnsRecord(service)) out.push(renderService(scope, name, service));
  }
  out.push(...renderCoreDns(scope));
  out.push(...renderNetworkPolicies(scope));
  out.push(...renderPersistentVolumeClaims(scope));
  out.push(...renderServiceAccount(scope));
  out.push(...renderAdditionalResources(scope, engine));
  return out;
}

/**
 * `helm template R agent-env -f a.yaml -f b.yaml --namespace N`. `base`, when given, is
 * a values object that comes before the files (the converter's output).
 */
export function renderValues(inputs: ValuesInput[], options: RenderOptions, base?: unknown): RenderResult {
  const optionsCtx = checkOptions(options);
  const contexts: Context[] = [];
  const sources: ValuesSource[] = [];
  const converted = base !== undefined && isTable(base) ? new ConvertedValues(base) : undefined;
  if (converted) sources.push(converted);
  else if (base !== undefined) contexts.push(readBadBase(base));
  for (const input of inputs) {
    const read = readValuesFile(input);
    contexts.push(read.ctx);
    sources.push(...read.sources);
  }
  contexts.push(optionsCtx);
  const allContexts = () => [...(converted?.used ? [converted.used] : []), ...contexts];
  const diagnostics = (): Diagnostic[] =>
    allContexts().flatMap((ctx) => ctx.finish()).filter((d) => !(d.file === BASE_VALUES_NAME && CONVERTER_REPORTS.has(d.code)));
  const failed = () => allContexts().some((ctx) => ctx.hasErrors);
  const provenance = new Provenance(sources, () => converted?.ctx ?? contexts[0] ?? optionsCtx);
  if (failed()) return { diagnostics: diagnostics() };

  let merged: Tree = {};
  for (const source of sources) merged = mergeValues(merged, source.data);
  const conflicts: ShapeConflict[] = [];
  const values = coalesce(merged, chartDefaults(), conflicts);
  for (const conflict of conflicts) {
    provenance.report('C2A113', conflict.path, {
      key: conflict.path.join('.'),
      defaultKind: conflict.defaultKind,
      valueKind: conflict.valueKind,
    });
  }
  for (const problem of validateMergedValues(values)) {
    provenance.reportAt('C2A100', problem.path, problem.atKey ?? false, problem.problem);
  }
  if (failed()) return { diagnostics: diagnostics() };

  const release = { release: options.release, namespace: options.namespace };
  const scope: RenderScope = { values, release, fullname: fullname(values, release), reporter: provenance };
  // Pods Kubernetes would refuse or never create: Helm renders them without a word.
  checkPods(values, options.release, scope.fullname, provenance);
  if (failed()) return { diagnostics: diagnostics() };
  const rendered = renderChart(scope, goTemplateEngine);
  if (failed()) return { diagnostics: diagnostics() };

  // One warning per offending value, naming every object it makes invalid.
  const rejected = new Map<string, { path: YamlPath; detail: string; objects: string[] }>();
  for (const doc of rendered) {
    for (const problem of validateObject(doc.object) ?? []) {
      const where = formatPath(problem.path);
      const found = originOf(problem.path, doc.origins);
      if (!found) throw new InternalFault(`rendered ${describeObject(doc.object)} is invalid: ${where} ${problem.message}`);
      const path = [...found.origin.from, ...found.rest];
      const key = JSON.stringify([path, problem.message]);
      const entry = rejected.get(key) ?? { path, detail: `${where} ${problem.message}`, objects: [] };
      if (!entry.objects.includes(describeObject(doc.object))) entry.objects.push(describeObject(doc.object));
      rejected.set(key, entry);
    }
  }
  for (const { path, detail, objects } of rejected.values()) {
    provenance.report('C2A111', path, { objects, detail });
  }
  const documents: RenderedDocument[] = installOrder(rendered).map(({ template, object, layout }) =>
    layout ? { template, object, layout } : { template, object },
  );
  // The text is printed when it is first read: check renders every file and reads none.
  let text: string | undefined;
  return {
    get text() {
      return (text ??= printDocuments(documents));
    },
    documents,
    diagnostics: diagnostics(),
  };
}

/** The manifest stream `helm template` prints for these documents (already in order). */
export function printManifests(docs: RenderedDocument[]): string {
  return printDocuments(docs);
}
