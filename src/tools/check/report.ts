// The outputs of `compose2agent check`: text (for people: per file, grouped, coloured on a
// terminal), json (for tools: the versioned document schemas/check-result.schema.json
// describes), github (workflow annotations) and sarif (SARIF 2.1.0, for code-scanning
// dashboards). Each is a pure function of the results and their summary.

import { createHash } from 'node:crypto';
import { visible, type Diagnostic } from '../../base/diagnostics.js';
import { escapeWorkflowData, formatDiagnosticText, formatGithubAnnotation, visibleLines } from '../../base/format.js';
import { catalogue, type Code } from '../../base/messages.js';
import { REMEDIES } from './remedies.js';
import { notReachedNote, type CheckSummary } from './summary.js';
import { OUTCOMES, resultLabel, type FileResult, type Outcome, type ValuesComparison } from './types.js';
import { paint, type Paint } from '../../base/paint.js';

export type CheckFormat = 'text' | 'json' | 'github' | 'sarif';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'github', 'sarif'];

/** The version of the JSON check document; bump it on incompatible changes. */
export const CHECK_JSON_VERSION = 1;

export interface ReportContext {
  toolVersion: string;
  /** Under --diff: show committed-values comparisons. */
  diff: boolean;
}

export interface TextReportOptions extends ReportContext {
  colour: boolean;
  /** Leave out files that converted cleanly, and info diagnostics. */
  quiet: boolean;
}

export const OUTCOME_LABEL: Record<Outcome, string> = {
  converted: 'converted',
  'converted-with-warnings': 'converted with warnings',
  fragment: 'fragment',
  rejected: 'rejected',
  fault: 'internal fault',
};

const VALUES_LABEL: Record<ValuesComparison['status'], string> = {
  fresh: 'fresh',
  stale: 'stale',
  written: 'regenerated',
  unchecked: 'not compared',
};

/** Full stack traces are printed for this many faults; the rest give their message only. */
const FAULT_STACKS_SHOWN = 3;

function outcomePaint(p: Paint, outcome: Outcome): (s: string) => string {
  switch (outcome) {
    case 'converted':
      return p.green;
    case 'converted-with-warnings':
      return p.yellow;
    case 'fragment':
      return p.dim;
    default:
      return (s) => p.bold(p.red(s));
  }
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');
}

function paintDiff(diff: string, p: Paint): string {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((line) =>
      line.startsWith('+++') || line.startsWith('---')
        ? p.bold(line)
        : line.startsWith('+')
          ? p.green(line)
          : line.startsWith('-')
            ? p.red(line)
            : line.startsWith('@@')
              ? p.dim(line)
              : line,
    )
    .join('\n');
}

function table(rows: string[][], rightAligned: (column: number) => boolean): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 && !rightAligned(c) ? cell : rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The summary table: counts by outcome and kind, by diagnostic code, by values status. */
export function formatSummaryText(summary: CheckSummary, colour = false): string {
  const p = paint(colour);
  const lines: string[] = [p.bold('Summary')];
  const outcomeRows = [
    ['outcome', 'compose', 'values', 'total'],
    ...OUTCOMES.map((o) => [OUTCOME_LABEL[o], String(summary.outcomesByKind.compose[o]), String(summary.outcomesByKind.values[o]), String(summary.outcomes[o])]),
    ['total', String(summary.byKind.compose), String(summary.byKind.values), String(summary.files)],
  ];
  lines.push(...table(outcomeRows, (c) => c > 0).map((l) => `  ${l}`));
  if (summary.projects > 0) {
    lines.push(`  (of them ${summary.projects} project${summary.projects === 1 ? '' : 's'} of several Compose files, each checked as one)`);
  }
  if (summary.codes.length > 0) {
    lines.push('');
    const codeRows = [
      ['code', 'severity', 'count', 'files', 'summary'],
      ...summary.codes.map((c) => [c.code, c.severity, String(c.count), String(c.files), c.summary]),
    ];
    lines.push(...table(codeRows, (c) => c === 2 || c === 3).map((l) => `  ${l}`));
  }
  if (summary.causes.length > 0) {
    lines.push('', '  rejected files by cause (a file may have several):');
    const causeRows = summary.causes.map((c) => [String(c.files), c.code, c.fix ? `${c.summary}: ${c.fix}` : c.summary]);
    lines.push(...table(causeRows, (c) => c === 0).map((l) => `    ${l}`));
  }
  if (summary.nextStep) {
    lines.push('', p.bold(`  next step: ${nextStepText(summary.nextStep)}`));
  }
  if (summary.values) {
    const v = summary.values;
    lines.push(
      '',
      `  committed values: ${v.fresh} fresh, ${v.stale} stale, ${v.written} regenerated, ${v.unchecked} not compared; ` +
        `${v.missing} converted compose file${v.missing === 1 ? '' : 's'} without one`,
    );
  }
  lines.push('');
  if (summary.failures.length === 0) {
    lines.push(p.green(p.bold(`check passed: ${summary.files} file${summary.files === 1 ? '' : 's'}${notReachedNote(summary)}`)));
  } else {
    lines.push(p.red(p.bold(`check failed: ${summary.failures.join(', ')}${notReachedNote(summary)}`)));
  }
  return lines.join('\n') + '\n';
}

/** "290 of 361 rejected files: services built from source; set --image-registry …" */
export function nextStepText(step: NonNullable<CheckSummary['nextStep']>): string {
  return `${step.files} of ${step.rejected} rejected file${step.rejected === 1 ? '' : 's'}: ${step.cause}; ${step.fix}`;
}

/** Whether a file has something to show besides its outcome: what -q keeps. */
export function hasProblems(result: FileResult): boolean {
  return (
    (result.outcome !== 'converted' && result.outcome !== 'fragment') ||
    result.diagnostics.some((d) => d.severity !== 'info') ||
    (result.values ?? []).some((v) => v.status === 'stale' || v.status === 'written')
  );
}

export function formatCheckText(results: readonly FileResult[], summary: CheckSummary, options: TextReportOptions): string {
  const p = paint(options.colour);
  const out: string[] = [];
  let faultStacks = 0;
  let previousHadDetail = false;
  if (summary.notReached) {
    // First: what the files below do not include.
    out.push(p.yellow('not reached'));
    for (const d of summary.notReached) out.push(indent(formatDiagnosticText(d, options.colour), '    '));
    out.push('');
    previousHadDetail = true;
  }
  for (const result of results) {
    const shown = options.quiet ? result.diagnostics.filter((d) => d.severity !== 'info') : result.diagnostics;
    const diffs = options.diff ? (result.values ?? []).filter((v) => v.diff !== undefined) : [];
    const hasDetail = shown.length > 0 || diffs.length > 0 || result.fault !== undefined;
    if (options.quiet && !hasDetail && (result.outcome === 'converted' || result.outcome === 'fragment')) continue;
    if (hasDetail && out.length > 0 && !previousHadDetail) out.push('');
    const label = outcomePaint(p, result.outcome)(OUTCOME_LABEL[result.outcome].padEnd(23));
    const valuesNote =
      options.diff && result.values && result.values.length > 0
        ? p.dim(`  (values: ${result.values.map((v) => `${visible(v.path.split('/').pop()!)} ${VALUES_LABEL[v.status]}`).join(', ')})`)
        : '';
    out.push(`${label}  ${visible(resultLabel(result))}${valuesNote}`);
    for (const d of shown) out.push(indent(formatDiagnosticText(d, options.colour), '    '));
    if (result.fault?.stack && faultStacks < FAULT_STACKS_SHOWN) {
      faultStacks++;
      out.push(indent(p.dim(result.fault.stack), '      '));
    }
    for (const v of diffs) out.push(indent(paintDiff(visibleLines(v.diff!), p), '    '));
    if (hasDetail) out.push('');
    previousHadDetail = hasDetail;
  }
  if (summary.outcomes.fault > 0) {
    out.push(
      p.red(
        `${summary.outcomes.fault} file(s) hit an internal fault: this is a bug in compose2agent, not in the files. ` +
          'Please report it with one of those files.',
      ),
      '',
    );
  }
  // One blank line between the files and the summary.
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return (out.length > 0 ? out.join('\n') + '\n\n' : '') + formatSummaryText(summary, options.colour);
}

// ── json ──────────────────────────────────────────────────────────────────────────────

function jsonDiagnostic(d: Diagnostic): Diagnostic {
  // Spelled out so the document has exactly the fields its schema names.
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    file: d.file,
    line: d.line,
    col: d.col,
    endLine: d.endLine,
    endCol: d.endCol,
    path: d.path,
    ...(d.frame !== undefined ? { frame: d.frame } : {}),
  };
}

export interface CheckJsonDocument {
  version: number;
  tool: { name: 'compose2agent'; version: string };
  files: {
    path: string;
    kind: FileResult['kind'];
    outcome: Outcome;
    diagnostics: Diagnostic[];
    fault?: { message: string; stack?: string };
    values?: { path: string; status: ValuesComparison['status']; diff?: string }[];
    usedBy?: string[];
    project?: { name?: string; files: string[] };
  }[];
  summary: CheckSummary;
}

export function checkJsonDocument(results: readonly FileResult[], summary: CheckSummary, context: ReportContext): CheckJsonDocument {
  return {
    version: CHECK_JSON_VERSION,
    tool: { name: 'compose2agent', version: context.toolVersion },
    files: results.map((r) => ({
      path: r.path,
      kind: r.kind,
      outcome: r.outcome,
      diagnostics: r.diagnostics.map(jsonDiagnostic),
      ...(r.fault ? { fault: { message: r.fault.message, ...(r.fault.stack ? { stack: r.fault.stack } : {}) } } : {}),
      ...(r.values ? { values: r.values.map((v) => ({ path: v.path, status: v.status, ...(v.diff !== undefined ? { diff: v.diff } : {}) })) } : {}),
      ...(r.usedBy ? { usedBy: r.usedBy } : {}),
      ...(r.project ? { project: r.project } : {}),
    })),
    summary,
  };
}

export function formatCheckJson(results: readonly FileResult[], summary: CheckSummary, context: ReportContext): string {
  return JSON.stringify(checkJsonDocument(results, summary, context), null, 2) + '\n';
}

// ── github ────────────────────────────────────────────────────────────────────────────

// A group title is a workflow command's data: escaped as annotations are (a `%0A` in a file
// name must not become a line break), and one line.
function groupTitle(s: string): string {
  return escapeWorkflowData(s);
}

/** GitHub shows this many annotations of each kind (error, warning, notice) per step. */
export const ANNOTATIONS_PER_KIND = 10;

const SEVERITY_RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, info: 2 };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Text from the repository (diffs of committed files, file names) printed in a workflow log:
 * between ::stop-commands:: and its token the runner reads no line as a command, so a line
 * `::warning …` or `::endgroup::` in a committed file (or a file name holding a newline) stays
 * text. The token is a hash of the text: the text cannot hold the line that ends its own block,
 * and the report stays a pure function of the results.
 */
function uncommanded(text: string): string[] {
  const token = `c2a-${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  return [`::stop-commands::${token}`, text, `::${token}::`];
}

/**
 * Workflow annotations, as many as GitHub shows: errors first, then warnings, then notices,
 * each in file order, at most ANNOTATIONS_PER_KIND of a kind. The rest are counted in one
 * notice pointing to the job summary (a slot kept for it among the notices), and printed in
 * the log in a group of their own, so that nothing is lost.
 */
function annotations(all: readonly Diagnostic[]): string[] {
  const ordered = [...all].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const count = (severity: Diagnostic['severity']) => all.filter((d) => d.severity === severity).length;
  const overflows = count('error') > ANNOTATIONS_PER_KIND || count('warning') > ANNOTATIONS_PER_KIND || count('info') > ANNOTATIONS_PER_KIND;
  const room: Record<Diagnostic['severity'], number> = {
    error: ANNOTATIONS_PER_KIND,
    warning: ANNOTATIONS_PER_KIND,
    info: overflows ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND,
  };
  const shown: Diagnostic[] = [];
  const rest: Diagnostic[] = [];
  for (const d of ordered) {
    if (room[d.severity] > 0) {
      room[d.severity]--;
      shown.push(d);
    } else {
      rest.push(d);
    }
  }
  const out = shown.map(formatGithubAnnotation);
  if (rest.length === 0) return out;
  const omitted = (severity: Diagnostic['severity'], word: string) => {
    const n = rest.filter((d) => d.severity === severity).length;
    return n > 0 ? [plural(n, `more ${word}`)] : [];
  };
  const parts = [...omitted('error', 'error'), ...omitted('warning', 'warning'), ...omitted('info', 'notice')];
  out.push(
    '::notice title=compose2agent check::' +
      escapeWorkflowData(`${parts.join(', ')}: see the job summary, and the log of this step (GitHub annotates ${ANNOTATIONS_PER_KIND} of each kind)`),
  );
  out.push(
    `::group::${groupTitle(`${plural(rest.length, 'more diagnostic')}`)}`,
    ...uncommanded(rest.map((d) => formatDiagnosticText(d)).join('\n\n')),
    '::endgroup::',
  );
  return out;
}

export function formatCheckGithub(results: readonly FileResult[], summary: CheckSummary, context: ReportContext): string {
  const out: string[] = annotations([...(summary.notReached ?? []), ...results.flatMap((r) => r.diagnostics)]);
  if (context.diff) {
    for (const result of results) {
      for (const v of result.values ?? []) {
        if (v.diff === undefined) continue;
        out.push(`::group::${groupTitle(`${VALUES_LABEL[v.status]} values: ${v.path}`)}`, ...uncommanded(visibleLines(v.diff.replace(/\n$/, ''))), '::endgroup::');
      }
    }
  }
  out.push('::group::Outcome of each file');
  out.push(...uncommanded(results.map((result) => `${OUTCOME_LABEL[result.outcome].padEnd(23)}  ${visible(resultLabel(result))}`).join('\n')));
  out.push('::endgroup::');
  return out.join('\n') + '\n' + formatSummaryText(summary, false);
}

// ── sarif ─────────────────────────────────────────────────────────────────────────────

/** A relative URI reference for a `/`-separated path: each segment percent-encoded. */
function fileUri(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * The README of the release that printed the report: its list of diagnostic codes has an
 * anchor per code (`#c2a044`). OWNER is the repository's owner, as in the README's install
 * lines; set it when publishing.
 */
export function codeHelpUri(code: Code, toolVersion: string): string {
  return `https://github.com/OWNER/compose2agent/blob/v${toolVersion}/README.md#${code.toLowerCase()}`;
}

/** A rule's full description: the catalogue's summary, its severity, and the fix when the remedy table has one. */
function ruleDescription(code: Code): string {
  const entry = catalogue[code];
  const remedy = REMEDIES[code];
  return `${entry.summary} (${entry.severity}).` + (remedy ? ` To fix: ${remedy.fix}.` : '');
}

export function checkSarifDocument(results: readonly FileResult[], summary: CheckSummary, context: ReportContext): object {
  // A diagnostic of a project of several files says which project it was found in: a file
  // several projects share (a base file) may be reported once per project.
  const located = [
    ...(summary.notReached ?? []).map((d) => ({ d, project: undefined })),
    ...results.flatMap((r) => r.diagnostics.map((d) => ({ d, project: r.project ? resultLabel(r) : undefined }))),
  ];
  const diagnostics = located.map((l) => l.d);
  const ruleIds = [...new Set(diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'compose2agent',
            version: context.toolVersion,
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: catalogue[id].summary },
              fullDescription: { text: ruleDescription(id) },
              helpUri: codeHelpUri(id, context.toolVersion),
              defaultConfiguration: { level: SARIF_LEVEL[catalogue[id].severity] },
            })),
          },
        },
        invocations: [{ executionSuccessful: summary.exitCode !== 2, exitCode: summary.exitCode }],
        results: located.map(({ d, project }) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code)!,
          level: SARIF_LEVEL[d.severity],
          message: { text: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: d.file.startsWith('/') ? { uri: `file://${fileUri(d.file)}` } : { uri: fileUri(d.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: d.line,
                  startColumn: d.col,
                  endLine: d.endLine,
                  ...(d.endLine > d.line || d.endCol > d.col ? { endColumn: d.endCol } : {}),
                },
              },
            },
          ],
          ...(project !== undefined ? { properties: { project } } : {}),
        })),
      },
    ],
  };
}

export function formatCheckSarif(results: readonly FileResult[], summary: CheckSummary, context: ReportContext): string {
  return JSON.stringify(checkSarifDocument(results, summary, context), null, 2) + '\n';
}
