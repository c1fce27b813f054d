// templates/additional-resources.yaml: further objects given in the values. The chart
// passes every entry through Helm's `tpl` (an object entry after `toYaml`), so entries
// may hold template expressions. Rendering those needs a Go-template engine; without one
// they are refused, clearly, at the entry — an object without expressions renders as
// itself.

import type { Context } from '../diagnostics.js';
import { parseAll } from '../../passes/parse.js';
import { SourceFile } from '../source.js';
import { isTable } from './coalesce.js';
import { printYaml } from './print.js';
import { list, toYamlValue, type RenderScope, type RenderedObject } from './scope.js';

export const ADDITIONAL_RESOURCES_TEMPLATE = 'additional-resources.yaml';

/** What a template entry sees, for an engine that renders them. */
export interface TemplateData {
  values: Record<string, unknown>;
  release: { name: string; namespace: string };
}

/** Renders one template text (Helm's `tpl`); returns the text or the engine's error. */
export type TemplateRenderer = (source: string, data: TemplateData) => { text: string } | { error: string };

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
  const source = typeof entry === 'string' ? entry : templateSource(entry);
  const result = engine(source, {
    values: scope.values,
    release: { name: scope.release.release, namespace: scope.release.namespace },
  });
  if ('error' in result) {
    scope.reporter.report('C2A115', at, { detail: `the entry's template fails: ${result.error}` });
    return [];
  }
  const out: RenderedObject[] = [];
  for (const text of splitDocuments(result.text)) {
    const file = new SourceFile(`additionalResources[${at[1]}]`, text);
    const ctx = parseContext(file);
    const docs = parseAll(file, ctx, { scalars: 'helm', duplicateKeys: 'last-wins' }) ?? [];
    for (const doc of docs) {
      checkObject(scope, doc.data, at);
      if (isTable(doc.data)) out.push({ template: ADDITIONAL_RESOURCES_TEMPLATE, object: doc.data, origins: [{ at: [], from: at }] });
    }
  }
  return out;
}

/** `toYaml` text of an object entry, which the chart hands to `tpl`. */
function templateSource(entry: unknown): string {
  return printYaml(toYamlValue(entry));
}
