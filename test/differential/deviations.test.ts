// Deliberate differences from the reference converter, found by differential testing. Each
// case under deviations/ holds an input and a command (as in regressions/), the reference's
// outcome (`reference.yaml`, or `reference.err` when it refused; produced by the reference,
// not by hand), our outcome (`expected.yaml`, or `expected.err` with our errors, one
// `CODE: message` a line) and `why`: one line naming the README item that documents the
// difference. A case checks that we produce our outcome AND that it still differs from the
// reference's, so a deviation that disappears (or turns into another one) is noticed. A
// `strict` file says what `--strict` gives: `reference` (the reference's outcome: the
// difference is switched off) or `expected` (ours: kept also under --strict).
//
// `UPDATE_GOLDEN=1 npx vitest run test/differential` rewrites `expected.*` from our output;
// read the diff before committing it.

import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseNames, outputDifferences, readCase, runCase, type Case, type RunResult } from './harness.js';

const CASES = join(dirname(fileURLToPath(import.meta.url)), 'deviations');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const names = caseNames(CASES);

/** Writes our outcome as the case's `expected.*`, replacing the other kind if it changed. */
function bless(c: Case, result: RunResult): void {
  const [keep, drop] = result.output === undefined ? ['expected.err', 'expected.yaml'] : ['expected.yaml', 'expected.err'];
  writeFileSync(join(c.dir, keep), result.output ?? result.errors.map((e) => `${e}\n`).join(''));
  if (existsSync(join(c.dir, drop))) rmSync(join(c.dir, drop));
}

describe('differential deviations (documented differences from the reference)', () => {
  it('has deviation cases', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  for (const name of names) {
    const c = readCase(CASES, name);
    it(`${name} (${c.cmd})`, () => {
      const why = c.outcome('why')?.trim() ?? '';
      expect(why, 'a deviation says why, in one line naming the README item').toMatch(/README/);
      expect(why).not.toContain('\n');

      const result = runCase(c);
      if (UPDATE) bless(c, result);

      const expectedError = c.outcome('expected.err');
      const expectedOutput = c.outcome('expected.yaml');
      expect([expectedError, expectedOutput].filter((o) => o !== undefined), 'exactly one of expected.yaml and expected.err').toHaveLength(1);
      if (expectedError !== undefined) {
        expect(result.output, 'we refuse this input').toBeUndefined();
        expect(result.errors).toEqual(expectedError.split('\n').filter((line) => line !== ''));
      } else {
        expect(result.errors, 'we accept this input').toEqual([]);
        expect(result.output).toBeDefined();
        expect(outputDifferences(c.cmd, expectedOutput!, result.output!)).toEqual([]);
      }

      const referenceError = c.outcome('reference.err');
      const referenceOutput = c.outcome('reference.yaml');
      expect([referenceError, referenceOutput].filter((o) => o !== undefined), 'exactly one of reference.yaml and reference.err').toHaveLength(1);
      if (referenceError !== undefined) {
        expect(result.output, 'the reference refuses this input, and we convert it').toBeDefined();
      } else if (result.output !== undefined) {
        expect(outputDifferences(c.cmd, referenceOutput!, result.output), 'the deviation is gone: move the case to regressions/').not.toEqual([]);
      }

      const strict = c.outcome('strict')?.trim();
      expect(['reference', 'expected'], 'a `strict` file says `reference` or `expected`').toContain(strict);
      const strictResult = runCase(c, { strict: true });
      const [strictError, strictOutput] = strict === 'reference' ? [referenceError, referenceOutput] : [expectedError, expectedOutput];
      if (strictError !== undefined) {
        expect(strictResult.output, `under --strict this input is refused, as in ${strict}.err`).toBeUndefined();
        expect(strictResult.errors.length).toBeGreaterThan(0);
      } else {
        expect(strictResult.errors, `under --strict this input converts, as in ${strict}.yaml`).toEqual([]);
        expect(outputDifferences(c.cmd, strictOutput!, strictResult.output!)).toEqual([]);
      }
    });
  }
});

/** The same case files are read by both suites; a name in both would be contradictory. */
describe('deviation and regression cases are distinct', () => {
  it('no case is both a regression and a deviation', () => {
    const regressions = new Set(caseNames(join(dirname(fileURLToPath(import.meta.url)), 'regressions')));
    expect(names.filter((n) => regressions.has(n))).toEqual([]);
  });
});
