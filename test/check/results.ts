// Check results for the summary and format tests, built the way checking builds them: the
// diagnostics come from a Context over real source text, with codes from the catalogue.

import { Context, type Diagnostic } from '../../src/base/diagnostics.js';
import { checkDiagnostic } from '../../src/tools/check/check-file.js';
import type { FileResult } from '../../src/tools/check/types.js';
import { SourceFile } from '../../src/base/source.js';

function unsetVariableWarning(path: string): Diagnostic {
  const text = 'services:\n  default:\n    image: python${TAG}\n';
  const file = new SourceFile(path, text);
  const ctx = new Context(undefined, file);
  const start = text.indexOf('python');
  ctx.report('C2A012', { loc: file.loc(start, start + 'python${TAG}'.length) }, { variable: 'TAG' });
  return ctx.finish()[0]!;
}

function yamlError(path: string): Diagnostic {
  const text = 'services:\n  default:\n    image: [python\n';
  const file = new SourceFile(path, text);
  const ctx = new Context(undefined, file);
  const start = text.indexOf('[');
  ctx.report('C2A001', { loc: file.loc(start, start + 7) }, { problem: 'yaml-library', libraryMessage: 'flow sequence is not closed' });
  return ctx.finish()[0]!;
}

export const STALE_DIFF = '--- s/helm-values.yaml\tcommitted\n+++ s/helm-values.yaml\tconverted\n@@ -1,3 +1,3 @@\n services:\n   default:\n-    image: python:3.11\n+    image: python:3.12\n';

export function sampleResults(options: { warnings?: number; stale?: boolean; fault?: boolean } = {}): FileResult[] {
  const results: FileResult[] = [
    { path: 'a/compose.yaml', kind: 'compose', outcome: 'converted', diagnostics: [], values: [] },
    { path: 'r/compose.yaml', kind: 'compose', outcome: 'rejected', diagnostics: [yamlError('r/compose.yaml')], values: [] },
    { path: 'v/helm-values.yaml', kind: 'values', outcome: 'converted', diagnostics: [] },
  ];
  for (let i = 0; i < (options.warnings ?? 1); i++) {
    const path = `w${i}/compose.yaml`;
    results.push({ path, kind: 'compose', outcome: 'converted-with-warnings', diagnostics: [unsetVariableWarning(path)], values: [] });
  }
  if (options.stale) {
    const committed = 'services:\n  default:\n    image: python:3.11\n';
    results.push({
      path: 's/compose.yaml',
      kind: 'compose',
      outcome: 'converted',
      diagnostics: [checkDiagnostic('C2A251', { display: 's/helm-values.yaml', text: committed }, 3, { values: 'helm-values.yaml', compose: 'compose.yaml' })],
      values: [{ path: 's/helm-values.yaml', status: 'stale', diff: STALE_DIFF }],
    });
  }
  if (options.fault) {
    const err = new TypeError("Cannot read properties of undefined (reading 'image')");
    results.push({
      path: 'f/compose.yaml',
      kind: 'compose',
      outcome: 'fault',
      diagnostics: [checkDiagnostic('C2A250', { display: 'f/compose.yaml', text: 'services: {}\n' }, 1, { detail: 'fault', error: err.message })],
      fault: { message: err.message, stack: err.stack! },
    });
  }
  return results.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Results without rejections: only what the options add can fail the check. */
export function passingResults(options: { warnings?: number } = {}): FileResult[] {
  return sampleResults(options).filter((r) => r.outcome !== 'rejected');
}
