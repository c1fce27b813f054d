// The job summary of `check --format github`: Markdown for the file GitHub names in
// $GITHUB_STEP_SUMMARY. Annotations show a few diagnostics on the pull request; the summary
// holds the whole picture: the verdict, the fix that helps most, the rejections by cause, the
// counts, and every file with its outcome. A pure function of the results and their summary.

import { visible } from '../../base/diagnostics.js';
import { OUTCOMES, resultLabel, type FileResult } from './types.js';
import { nextStepText, OUTCOME_LABEL } from './report.js';
import { notReachedNote, type CheckSummary } from './summary.js';

/**
 * Text from the repository (file names, messages) in a table cell: no line breaks, no `|`
 * that would end the cell, no HTML or Markdown that would render as something else.
 */
function cell(text: string): string {
  return visible(text.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function tableOf(head: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  return [row(head), row(head.map((_, i) => (right.has(i) ? '---:' : '---'))), ...rows.map(row)];
}

export function formatCheckMarkdown(results: readonly FileResult[], summary: CheckSummary): string {
  const out: string[] = ['### compose2agent check', ''];
  const verdict = summary.failures.length === 0 ? `**check passed**: ${summary.files} file${summary.files === 1 ? '' : 's'}` : `**check failed**: ${cell(summary.failures.join(', '))}`;
  out.push(verdict + cell(notReachedNote(summary)));
  if (summary.nextStep) out.push('', `**Next step**: ${cell(nextStepText(summary.nextStep))}`);
  out.push(
    '',
    ...tableOf(
      ['outcome', 'compose', 'values', 'total'],
      [
        ...OUTCOMES.map((o) => [OUTCOME_LABEL[o], String(summary.outcomesByKind.compose[o]), String(summary.outcomesByKind.values[o]), String(summary.outcomes[o])]),
        ['total', String(summary.byKind.compose), String(summary.byKind.values), String(summary.files)],
      ],
      new Set([1, 2, 3]),
    ),
  );
  if (summary.causes.length > 0) {
    out.push(
      '',
      '#### Rejected files by cause',
      '',
      ...tableOf(
        ['files', 'code', 'cause', 'fix'],
        summary.causes.map((c) => [String(c.files), c.code, cell(c.summary), c.fix ? cell(c.fix) : '']),
        new Set([0]),
      ),
    );
  }
  if (summary.codes.length > 0) {
    out.push(
      '',
      '<details><summary>Diagnostics by code</summary>',
      '',
      ...tableOf(
        ['code', 'severity', 'count', 'files', 'summary'],
        summary.codes.map((c) => [c.code, c.severity, String(c.count), String(c.files), cell(c.summary)]),
        new Set([2, 3]),
      ),
      '',
      '</details>',
    );
  }
  const count = (result: FileResult, severity: string) => String(result.diagnostics.filter((d) => d.severity === severity).length);
  out.push(
    '',
    `<details><summary>Every file (${results.length})</summary>`,
    '',
    ...tableOf(
      ['file', 'outcome', 'errors', 'warnings'],
      results.map((r) => [cell(resultLabel(r)), OUTCOME_LABEL[r.outcome], count(r, 'error'), count(r, 'warning')]),
      new Set([2, 3]),
    ),
    '',
    '</details>',
  );
  return out.join('\n') + '\n\n';
}
