import { describe, expect, it } from 'vitest';
import { formatCheckText } from '../../src/tools/check/report.js';
import { summarise } from '../../src/tools/check/summary.js';
import { unreachedWarnings } from '../../src/tools/check/unreached.js';
import { passingResults, sampleResults } from './results.js';

describe('summarise', () => {
  it('counts outcomes overall and by kind of file', () => {
    const summary = summarise(sampleResults({ warnings: 2, fault: true }), { failOn: 'error' }, false);
    expect(summary.files).toBe(6);
    expect(summary.outcomes).toEqual({ converted: 2, 'converted-with-warnings': 2, fragment: 0, rejected: 1, fault: 1 });
    expect(summary.outcomesByKind.values).toEqual({ converted: 1, 'converted-with-warnings': 0, fragment: 0, rejected: 0, fault: 0 });
    expect(summary.byKind).toEqual({ compose: 5, values: 1 });
    expect(summary.values).toBeUndefined();
  });

  it('counts fragments apart, and a fragment does not fail the check', () => {
    const results = sampleResults({ warnings: 0 }).filter((r) => r.outcome !== 'rejected');
    const fragment = { path: 'common/compose.yml', kind: 'compose' as const, outcome: 'fragment' as const, diagnostics: [], usedBy: ['a/compose.yml'] };
    const summary = summarise([...results, fragment], { failOn: 'error' }, false);
    expect(summary.outcomes.fragment).toBe(1);
    expect(summary.outcomes.rejected).toBe(0);
    expect(summary.exitCode).toBe(0);
  });

  it('counts diagnostics by code, most frequent first, with the files they are in', () => {
    const summary = summarise(sampleResults({ warnings: 3 }), { failOn: 'error' }, false);
    expect(summary.codes).toEqual([
      { code: 'C2A012', severity: 'warning', summary: 'variable not set', count: 3, files: 3 },
      { code: 'C2A001', severity: 'error', summary: 'YAML syntax error', count: 1, files: 1 },
    ]);
    expect([summary.errors, summary.warnings, summary.infos]).toEqual([1, 3, 0]);
  });

  it('counts committed values by status under --diff, and converted compose files without one', () => {
    const summary = summarise(sampleResults({ stale: true }), { failOn: 'error' }, true);
    // a/ and w0/ converted without a values file; r/ was rejected so it is not counted as missing
    expect(summary.values).toEqual({ fresh: 0, stale: 1, written: 0, unchecked: 0, missing: 2 });
  });
});

describe('exit codes', () => {
  it('passes with warnings by default', () => {
    const summary = summarise(passingResults({ warnings: 5 }), { failOn: 'error' }, false);
    expect(summary.exitCode).toBe(0);
    expect(summary.failures).toEqual([]);
  });

  it('fails when a file is rejected', () => {
    const summary = summarise(sampleResults(), { failOn: 'error' }, false);
    expect(summary.exitCode).toBe(1);
    expect(summary.failures).toEqual(['1 file rejected']);
  });

  it('fails on any warning with --fail-on warning', () => {
    expect(summarise(passingResults({ warnings: 1 }), { failOn: 'warning' }, false)).toMatchObject({
      exitCode: 1,
      failures: ['1 warning (--fail-on warning)'],
    });
    expect(summarise(passingResults({ warnings: 0 }), { failOn: 'warning' }, false).exitCode).toBe(0);
  });

  it('fails on more warnings than --max-warnings, not on as many', () => {
    expect(summarise(passingResults({ warnings: 2 }), { failOn: 'error', maxWarnings: 2 }, false).exitCode).toBe(0);
    expect(summarise(passingResults({ warnings: 3 }), { failOn: 'error', maxWarnings: 2 }, false)).toMatchObject({
      exitCode: 1,
      failures: ['3 warnings, more than --max-warnings 2'],
    });
    expect(summarise(passingResults({ warnings: 1 }), { failOn: 'error', maxWarnings: 0 }, false).exitCode).toBe(1);
  });

  it('fails on a stale values file', () => {
    const results = passingResults({ warnings: 0 });
    const summary = summarise([...results, ...sampleResults({ warnings: 0, stale: true }).filter((r) => r.path.startsWith('s/'))], { failOn: 'error' }, true);
    expect(summary).toMatchObject({ exitCode: 1, failures: ['1 stale values file'] });
  });

  it('exits 2 on an internal fault, whatever else happened', () => {
    const summary = summarise(sampleResults({ fault: true }), { failOn: 'error' }, false);
    expect(summary.exitCode).toBe(2);
    expect(summary.failures[0]).toBe('1 internal fault (a bug in compose2agent)');
  });
});

describe('entries discovery did not reach (names that are not UTF-8)', () => {
  const notReached = unreachedWarnings(
    [
      { dir: '/w/repo', shown: 'caf\\xe9', rawName: Buffer.from('café', 'latin1'), directory: true },
      { dir: '/w/repo/sub', shown: 'th\\xe9-compose.yml', rawName: Buffer.from('thé-compose.yml', 'latin1'), directory: false },
    ],
    '/w/repo',
  );

  it('are warnings located at their directory, counted with the others, and kept by the summary', () => {
    expect(notReached.map((d) => [d.code, d.severity, d.file, d.line])).toEqual([
      ['C2A261', 'warning', '.', 1],
      ['C2A261', 'warning', 'sub', 1],
    ]);
    const summary = summarise(passingResults({ warnings: 0 }), { failOn: 'error' }, false, notReached);
    expect(summary.warnings).toBe(2);
    expect(summary.codes.find((c) => c.code === 'C2A261')).toMatchObject({ count: 2, files: 2 });
    expect(summary.notReached).toEqual(notReached);
    expect(summary.exitCode).toBe(0);
    expect(summarise(passingResults({ warnings: 0 }), { failOn: 'error' }, false).notReached).toBeUndefined();
  });

  it('fail the check under --fail-on warning and past --max-warnings', () => {
    expect(summarise(passingResults({ warnings: 0 }), { failOn: 'warning' }, false, notReached).exitCode).toBe(1);
    expect(summarise(passingResults({ warnings: 0 }), { failOn: 'error', maxWarnings: 1 }, false, notReached).exitCode).toBe(1);
  });

  it('the text report shows them first, and the verdict says that not everything was reached', () => {
    const summary = summarise(passingResults({ warnings: 0 }), { failOn: 'error' }, false, notReached);
    const text = formatCheckText(passingResults({ warnings: 0 }), summary, { toolVersion: '0', diff: false, colour: false, quiet: true });
    expect(text.startsWith('not reached\n    .:1:1: warning C2A261: caf\\xe9 is a directory that was not searched')).toBe(true);
    expect(text).toMatch(/check passed: \d+ files?; 2 entries not reached \(C2A261\)\n$/);
  });
});
