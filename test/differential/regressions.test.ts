// Parity regressions found by differential testing against the reference converter and the
// agent-env chart. Each case under regressions/ holds an input, the command (`values`:
// compose → values; `manifests`: compose → manifests; `render`: values file → manifests),
// and the reference's outcome: `expected.yaml` (its output) or `expected.err` (it refused).
// The expected outputs were produced by the reference, not written by hand. Differences we
// keep on purpose live under deviations/ (deviations.test.ts).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseNames, outputDifferences, plainScalarsWithTabs, readCase, runCase } from './harness.js';

const CASES = join(dirname(fileURLToPath(import.meta.url)), 'regressions');
const names = caseNames(CASES);

describe('differential regressions (parity with the reference)', () => {
  it('has regression cases', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  for (const name of names) {
    const c = readCase(CASES, name);
    it(`${name} (${c.cmd})`, () => {
      const result = runCase(c);
      const expectedError = c.outcome('expected.err');
      if (expectedError !== undefined) {
        expect(result.output, `the reference refuses this input:\n${expectedError}`).toBeUndefined();
        expect(result.errors.length).toBeGreaterThan(0);
        return;
      }
      expect(result.errors, 'the reference accepts this input').toEqual([]);
      expect(result.output).toBeDefined();
      expect(outputDifferences(c.cmd, c.outcome('expected.yaml')!, result.output!)).toEqual([]);
      expect(plainScalarsWithTabs(result.output!), 'strings with tabs must be quoted').toEqual([]);
    });
  }
});
