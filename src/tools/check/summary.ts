// The summary of a check: counts by outcome, by diagnostic code and by values status, and
// the verdict. Exit codes are those of the rest of the CLI: 0 passed, 1 failed (a file
// rejected, a stale values file, or warnings past --fail-on/--max-warnings), 2 an internal
// fault in any file (a bug in compose2agent, which must not pass as a clean run).

import type { Diagnostic, Severity } from '../../base/diagnostics.js';
import { catalogue, type Code } from '../../base/messages.js';
import { REMEDIES } from './remedies.js';
import {
  OUTCOMES,
  resultLabel,
  VALUES_STATUSES,
  type FailurePolicy,
  type FileKind,
  type FileResult,
  type Outcome,
  type ValuesStatus,
} from './types.js';

export interface CodeCount {
  code: Code;
  severity: Severity;
  summary: string;
  /** Diagnostics with this code. */
  count: number;
  /** Files with at least one of them. */
  files: number;
}

/** An error code that rejects files: how many, and what fixes it when the remedy table knows. */
export interface RejectionCause {
  code: Code;
  summary: string;
  /** Rejected files with at least one error of this code. */
  files: number;
  /** The option or edit that fixes it (src/tools/check/remedies.ts). */
  fix?: string;
}

/** The one remedy that fixes the most rejected files. */
export interface NextStep {
  cause: string;
  fix: string;
  /** The codes it fixes. */
  codes: Code[];
  /** Rejected files with at least one error of those codes. */
  files: number;
  /** All rejected files. */
  rejected: number;
}

/** Compose files under --diff: their committed values files by status, and those without one. */
export type ValuesCounts = Record<ValuesStatus | 'missing', number>;

export interface CheckSummary {
  /** Results: files, and projects of several files each counted once. */
  files: number;
  /** Of them, projects of several Compose files (a `projects:` entry, a compose file with its override file). */
  projects: number;
  byKind: Record<FileKind, number>;
  outcomes: Record<Outcome, number>;
  /** Outcomes by kind of file. */
  outcomesByKind: Record<FileKind, Record<Outcome, number>>;
  errors: number;
  warnings: number;
  infos: number;
  /** Most frequent first. */
  codes: CodeCount[];
  /** The errors of rejected files by code, the most files first. */
  causes: RejectionCause[];
  /** Present when a remedy applies to some rejected file. */
  nextStep?: NextStep;
  /** Present under --diff. */
  values?: ValuesCounts;
  /**
   * Warnings of discovery itself, about entries it could not reach (names that are not UTF-8,
   * C2A261): no checked file holds them. Counted in `warnings` and `codes`; absent when none.
   */
  notReached?: Diagnostic[];
  /** Why the check failed, one phrase each; empty when it passed. */
  failures: string[];
  exitCode: 0 | 1 | 2;
}

function zeroOutcomes(): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const byCode = (a: Code, b: Code) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The rejected files grouped by the codes of their errors, and the remedy that fixes the most
 * of them: codes sharing a remedy count together, a file counting once.
 */
function rejectionCauses(results: readonly FileResult[]): { causes: RejectionCause[]; nextStep?: NextStep } {
  const rejected = results.filter((r) => r.outcome === 'rejected');
  const filesByCode = new Map<Code, number>();
  const filesByFix = new Map<string, { cause: string; codes: Set<Code>; files: number }>();
  for (const result of rejected) {
    const codes = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
    for (const code of codes) filesByCode.set(code, (filesByCode.get(code) ?? 0) + 1);
    const fixes = new Set<string>();
    for (const code of codes) {
      const remedy = REMEDIES[code];
      if (!remedy) continue;
      const entry = filesByFix.get(remedy.fix) ?? { cause: remedy.cause, codes: new Set<Code>(), files: 0 };
      entry.codes.add(code);
      if (!fixes.has(remedy.fix)) entry.files++;
      fixes.add(remedy.fix);
      filesByFix.set(remedy.fix, entry);
    }
  }
  const causes = [...filesByCode]
    .map(([code, files]): RejectionCause => {
      const fix = REMEDIES[code]?.fix;
      return { code, summary: catalogue[code].summary, files, ...(fix ? { fix } : {}) };
    })
    .sort((a, b) => b.files - a.files || byCode(a.code, b.code));
  const best = [...filesByFix].sort(([fixA, a], [fixB, b]) => b.files - a.files || (fixA < fixB ? -1 : fixA > fixB ? 1 : 0))[0];
  if (!best) return { causes };
  const [fix, entry] = best;
  return { causes, nextStep: { cause: entry.cause, fix, codes: [...entry.codes].sort(byCode), files: entry.files, rejected: rejected.length } };
}

/** What the verdict adds when discovery did not reach everything: the check passed over less than the tree. */
export function notReachedNote(summary: Pick<CheckSummary, 'notReached'>): string {
  const n = summary.notReached?.length ?? 0;
  return n === 0 ? '' : `; ${n} ${n === 1 ? 'entry' : 'entries'} not reached (C2A261)`;
}

export function summarise(results: readonly FileResult[], policy: FailurePolicy, diff: boolean, notReached: readonly Diagnostic[] = []): CheckSummary {
  const outcomes = zeroOutcomes();
  const outcomesByKind: Record<FileKind, Record<Outcome, number>> = { compose: zeroOutcomes(), values: zeroOutcomes() };
  const byKind: Record<FileKind, number> = { compose: 0, values: 0 };
  const severities: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const codes = new Map<Code, { severity: Severity; count: number; files: Set<string> }>();
  const values: ValuesCounts | undefined = diff
    ? (Object.fromEntries([...VALUES_STATUSES, 'missing'].map((s) => [s, 0])) as ValuesCounts)
    : undefined;

  const count = (d: Diagnostic, label: string) => {
    severities[d.severity]++;
    const entry = codes.get(d.code) ?? { severity: d.severity, count: 0, files: new Set<string>() };
    entry.count++;
    entry.files.add(label);
    codes.set(d.code, entry);
  };
  for (const d of notReached) count(d, d.file);
  for (const result of results) {
    outcomes[result.outcome]++;
    outcomesByKind[result.kind][result.outcome]++;
    byKind[result.kind]++;
    // A project's first file may be the first file of other projects too (a shared base file).
    for (const d of result.diagnostics as Diagnostic[]) count(d, resultLabel(result));
    if (values && result.values) {
      for (const v of result.values) values[v.status]++;
      if (result.values.length === 0 && (result.outcome === 'converted' || result.outcome === 'converted-with-warnings')) {
        values.missing++;
      }
    }
  }

  const codeCounts: CodeCount[] = [...codes]
    .map(([code, c]) => ({ code, severity: c.severity, summary: catalogue[code].summary, count: c.count, files: c.files.size }))
    .sort((a, b) => b.count - a.count || byCode(a.code, b.code));

  const { causes, nextStep } = rejectionCauses(results);

  const failures: string[] = [];
  if (outcomes.fault > 0) failures.push(`${plural(outcomes.fault, 'internal fault')} (a bug in compose2agent)`);
  if (outcomes.rejected > 0) failures.push(`${plural(outcomes.rejected, 'file')} rejected`);
  if (values && values.stale > 0) failures.push(`${plural(values.stale, 'stale values file')}`);
  // Errors outside rejected files: e.g. a values file that could not be written or read.
  const otherErrors = results
    .filter((r) => r.outcome !== 'rejected' && r.outcome !== 'fault')
    .flatMap((r) => r.diagnostics)
    .filter((d) => d.severity === 'error' && d.code !== 'C2A251').length;
  if (otherErrors > 0) failures.push(`${plural(otherErrors, 'other error')}`);
  if (policy.failOn === 'warning' && severities.warning > 0) {
    failures.push(`${plural(severities.warning, 'warning')} (--fail-on warning)`);
  } else if (policy.maxWarnings !== undefined && severities.warning > policy.maxWarnings) {
    failures.push(`${plural(severities.warning, 'warning')}, more than --max-warnings ${policy.maxWarnings}`);
  }
  const exitCode = outcomes.fault > 0 ? 2 : failures.length > 0 ? 1 : 0;

  return {
    files: results.length,
    projects: results.filter((r) => r.project !== undefined).length,
    byKind,
    outcomes,
    outcomesByKind,
    errors: severities.error,
    warnings: severities.warning,
    infos: severities.info,
    codes: codeCounts,
    causes,
    ...(nextStep ? { nextStep } : {}),
    ...(values ? { values } : {}),
    ...(notReached.length > 0 ? { notReached: [...notReached] } : {}),
    failures,
    exitCode,
  };
}
