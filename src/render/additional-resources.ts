// templates/additional-resources.yaml: further objects given in the values. The chart
// passes every entry through Helm's `tpl` (an object entry after `toYaml`), so entries
// may hold template expressions; those are rendered by the Go-template engine given to
// renderAdditionalResources (without one they are refused, clearly, at the entry). An
// object without expressions renders as itself.

import type { Context } from '../diagnostics.js';
import { parseAll } from '../../passes/parse.js';
import { SourceFile } from '../source.js';
import { isTable } from './coalesce.js';
import { list, toYamlValue, type RenderScope, type RenderedObject } from './scope.js';

export const ADDITIONAL_RESOURCES_TEMPLATE = 'additional-resources.yaml';

/** What a template entry sees, for an engine that renders them. */
export interface TemplateData {
  values: Record<string, unknown>;
  release: { name: string; namespace: string };
}

/** A Go-template engine: Helm's `tpl` and `toYaml`. */
export interface TemplateRenderer {
  /** Renders one template text; returns the output or the error Helm would stop with. */
  render(source: string, data: TemplateData): { text: string } | { error: string; line: number; col: number; unsupported?: string };
  /** Helm's `toYaml` text of a value (what the chart hands to `tpl` for an object entry). */
  toYaml(value: unknown): string;
}

/** The first string (key or value) holding a template action, if any. */
function findTemplateText(value: unknown, path: (string | number)[]): { text: string; path: (string | number)[] } | undefined {
  if (typeof value === 'string') return value.includes('{{') ? { text: value, path } : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findTemplateText(value[i], [...path, i]);
      if (hit) return hit;
    }
  } else if (isTable(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('{{')) return { text: key, path: [...path, key] };
      const hit = findTemplateText(child, [...path, key]);
      if (hit) return hit;
    }
  }
  return undefined;
}

function checkObject(scope: RenderScope, object: unknown, at: (string | number)[]): void {
  const problems: string[] = [];
  if (!isTable(object)) problems.push('the entry is not a mapping');
  else {
    if (typeof object.apiVersion !== 'string' || object.apiVersion === '') problems.push('it has no apiVersion');
    if (typeof object.kind !== 'string' || object.kind === '') problems.push('it has no kind');
    const name = isTable(object.metadata) ? object.metadata.name : undefined;
    if (typeof name !== 'string' || name === '') problems.push('it has no metadata.name');
  }
  if (problems.length > 0) {
    scope.reporter.report('C2A115', at, { detail: `Kubernetes will not accept this entry: ${problems.join(', ')}` });
  }
}

/** Splits template output into documents as Helm does (at `---` lines); empty ones are dropped. */
function splitDocuments(text: string): string[] {
  return text.split(/(?:^|\s*\n)---\s*/).filter((doc) => doc.trim() !== '' && !/^(?:\s*#[^\n]*\n?)*\s*$/.test(doc));
}

export function renderAdditionalResources(
  scope: RenderScope,
  engine?: TemplateRenderer,
  parseContext?: (file: SourceFile) => Context,
): RenderedObject[] {
  const out: RenderedObject[] = [];
  list(scope.values.additionalResources).forEach((entry, index) => {
    const at = ['additionalResources', index];
    const expression = typeof entry === 'string' ? undefined : findTemplateText(entry, []);
    if (typeof entry === 'string' || expression !== undefined) {
      if (engine && parseContext) out.push(...renderWithEngine(scope, entry, at, engine, parseContext));
      else if (expression) scope.reporter.report('C2A108', [...at, ...expression.path], { text: expression.text });
      else scope.reporter.report('C2A107', at);
      return;
    }
    const object = toYamlValue(entry);
    checkObject(scope, object, at);
    out.push({
      template: ADDITIONAL_RESOURCES_TEMPLATE,
      object: (isTable(object) ? object : {}) as Record<string, unknown>,
      origins: [{ at: [], from: at }],
    });
  });
  return out;
}

function renderWithEngine(
  scope: RenderScope,
  entry: unknown,
  at: (string | number)[],
  engine: TemplateRenderer,
  parseContext: (file: SourceFile) => Context,
): RenderedObject[] {
  const source = typeof entry === 'string' ? entry : engine.toYaml(entry);
  const result = engine.render(source, {
    values: scope.values,
    release: { name: scope.release.release, namespace: scope.release.namespace },
  });
  if ('error' in result) {
    // A function the engine lacks is compose2agent's limit, not an error Helm would report.
    if (result.unsupported) scope.reporter.report('C2A150', at, { name: result.unsupported, line: result.line, col: result.col });
    else scope.reporter.report('C2A117', at, { detail: result.error, line: result.line, col: result.col });
    return [];
  }
  const out: RenderedObject[] = [];
  for (const text of splitDocuments(result.text)) {
    const file = new SourceFile(`additionalResources[${at[1]}]`, text);
    const ctx = parseContext(file);
    const docs = parseAll(file, ctx, { scalars: 'helm', duplicateKeys: 'last-wins' });
    const failure = ctx.diagnostics.find((d) => d.severity === 'error');
    if (!docs || failure) {
      // Helm stops here too ("YAML parse error on additional-resources.yaml").
      scope.reporter.report('C2A117', at, {
        detail: `its output is not valid YAML: ${failure?.message ?? 'unreadable'}`,
        line: failure?.line ?? 1,
        col: failure?.col ?? 1,
      });
      continue;
    }
    for (const doc of docs) {
      checkObject(scope, doc.data, at);
      if (isTable(doc.data)) out.push({ template: ADDITIONAL_RESOURCES_TEMPLATE, object: doc.data, origins: [{ at: [], from: at }] });
    }
  }
  return out;
}
