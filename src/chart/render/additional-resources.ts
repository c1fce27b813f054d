// templates/additional-resources.yaml: further objects given in the values. The chart
// passes every entry through Helm's `tpl` (an object entry after `toYaml`), so entries
// may hold template expressions; the Go-template engine given to renderAdditionalResources
// renders them (the engine is passed in because the template engine sits beside the
// renderer, wired up in index.ts).

import { Context } from '../../base/diagnostics.js';
import { parseAll } from '../../yaml/reader.js';
import { SourceFile } from '../../base/source.js';
import { RenderBudget } from '../template/budget.js';
import { isTable } from './coalesce.js';
import { goTrimSpace } from './print.js';
import { list, type RenderScope, type RenderedObject } from './scope.js';

export const ADDITIONAL_RESOURCES_TEMPLATE = 'additional-resources.yaml';

/** What a template entry sees, for an engine that renders them. */
export interface TemplateData {
  values: Record<string, unknown>;
  release: { name: string; namespace: string };
}

/** What rendering one template text gives: the output, or the error Helm would stop with (`budget`: the render's output passed it). */
export type TemplateOutput = { text: string } | { error: string; line: number; col: number; unsupported?: string; budget?: number; work?: number };

/** A Go-template engine: Helm's `tpl` and `toYaml`. */
export interface TemplateRenderer {
  /**
   * Starts the render of the template file: the returned function renders one entry's text,
   * against the output budget of the whole render. Every entry sees the same `data`, as every
   * `tpl` of the chart's range is passed the same `$` (what one entry sets, the next sees).
   */
  begin(data: TemplateData, budget: RenderBudget): (source: string) => TemplateOutput;
  /** Helm's `toYaml` text of a value (what the chart hands to `tpl` for an object entry). */
  toYaml(value: unknown): string;
}

function checkObject(scope: RenderScope, object: unknown, at: (string | number)[]): void {
  if (!isTable(object)) {
    scope.reporter.report('C2A115', at, { detail: 'not-a-mapping' });
    return;
  }
  // The fields Kubernetes needs of every object, as the message names them.
  const missing: string[] = [];
  if (typeof object.apiVersion !== 'string' || object.apiVersion === '') missing.push('apiVersion');
  if (typeof object.kind !== 'string' || object.kind === '') missing.push('kind');
  const name = isTable(object.metadata) ? object.metadata.name : undefined;
  if (typeof name !== 'string' || name === '') missing.push('metadata.name');
  if (missing.length > 0) scope.reporter.report('C2A115', at, { detail: 'fields-missing', fields: missing });
}

/**
 * Helm's releaseutil.SplitManifests over the whole template file: the text is trimmed,
 * cut at every `---` that starts the text or a line (with the white space around it), and
 * each piece trimmed; pieces that are empty before trimming are dropped. The chart writes
 * each entry followed by `\n---` (the next entry then starts right after the dashes), so an
 * entry's own trailing `---` leaves the next document starting with `---`, as under Helm.
 * Returns each document's text and where its piece ends in `file`.
 */
export function splitManifests(file: string): { text: string; end: number }[] {
  const lead = file.length - file.replace(/^[\s\u0085]+/, '').length;
  const trimmed = goTrimSpace(file);
  // RE2's \s is [\t\n\f\r ].
  const separator = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;
  const out: { text: string; end: number }[] = [];
  let from = 0;
  const take = (end: number) => {
    const piece = trimmed.slice(from, end);
    if (piece !== '') out.push({ text: goTrimSpace(piece), end: lead + end });
  };
  for (let match = separator.exec(trimmed); match; match = separator.exec(trimmed)) {
    if (match[0] === '') {
      separator.lastIndex++;
      continue;
    }
    take(match.index);
    from = match.index + match[0].length;
  }
  take(trimmed.length);
  return out;
}

/** The chart's separator after every entry. */
const ENTRY_END = '\n---';

/**
 * The template file as Helm renders it: every entry through `tpl` (an object after
 * `toYaml`), each followed by the chart's separator; then Helm's split into documents,
 * each printed as the text it is and read as Helm reads it.
 */
export function renderAdditionalResources(scope: RenderScope, engine: TemplateRenderer): RenderedObject[] {
  const data = { values: scope.values, release: { name: scope.release.release, namespace: scope.release.namespace } };
  let file = '';
  /** Where each rendered entry's output starts in `file`. */
  const starts: { index: number; start: number }[] = [];
  // One budget for the whole file, as Helm renders it as one template.
  const budget = new RenderBudget();
  let overBudget = false;
  const entries = list(scope.values.additionalResources);
  const render = entries.length > 0 ? engine.begin(data, budget) : undefined;
  entries.forEach((entry, index) => {
    if (overBudget || !render) return;
    const at = ['additionalResources', index];
    const result = render(typeof entry === 'string' ? entry : engine.toYaml(entry));
    if ('error' in result && result.budget !== undefined) {
      // The entries after it would only pass it further: one error, at the entry that did.
      scope.reporter.report('C2A355', at, { limit: result.budget, line: result.line, col: result.col });
      overBudget = true;
      return;
    }
    if ('error' in result && result.work !== undefined) {
      scope.reporter.report('C2A359', at, { limit: result.work, line: result.line, col: result.col });
      overBudget = true;
      return;
    }
    if ('error' in result) {
      // A function the engine lacks is compose2agent's limit, not an error Helm would report.
      if (result.unsupported) scope.reporter.report('C2A150', at, { name: result.unsupported, line: result.line, col: result.col });
      else scope.reporter.report('C2A117', at, { detail: 'template-error', error: result.error, line: result.line, col: result.col });
      // The render fails; the other entries are still read, so all their errors show.
      return;
    }
    starts.push({ index, start: file.length });
    file += result.text + ENTRY_END;
  });
  const out: RenderedObject[] = [];
  // Helm never gets this far; reading megabytes of output as YAML would only delay the error.
  if (overBudget) return out;
  for (const doc of splitManifests(file)) {
    // The entry that wrote the document's last character (a document can begin with
    // the separator after the entry before it).
    let entry = 0;
    while (entry + 1 < starts.length && starts[entry + 1]!.start < doc.end) entry++;
    const index = starts[entry]!.index;
    const at = ['additionalResources', index];
    const source = new SourceFile(`additionalResources[${index}]`, doc.text);
    const ctx = new Context(undefined, source);
    const docs = parseAll(source, ctx, { scalars: 'helm', duplicateKeys: 'last-wins' });
    const failure = ctx.diagnostics.find((d) => d.severity === 'error');
    if (!docs || failure) {
      // Helm stops here too ("YAML parse error on additional-resources.yaml").
      scope.reporter.report('C2A117', at, {
        detail: 'output-not-yaml',
        ...(failure ? { error: failure.message } : {}),
        line: failure?.line ?? 1,
        col: failure?.col ?? 1,
      });
      continue;
    }
    const layout = { verbatim: doc.text };
    const origins = [{ at: [], from: at }];
    // A document of nothing but comments (or `null`) is empty: Helm still prints it.
    if (docs.every((d) => d.data === null)) {
      out.push({ template: ADDITIONAL_RESOURCES_TEMPLATE, object: {}, origins, layout });
      continue;
    }
    docs.forEach((parsed, position) => {
      checkObject(scope, parsed.data, at);
      // The document's text is printed once, with the first object read from it.
      const printed = position === 0 ? layout : { verbatim: '' };
      if (isTable(parsed.data)) out.push({ template: ADDITIONAL_RESOURCES_TEMPLATE, object: parsed.data, origins, layout: printed });
    });
  }
  return out;
}
