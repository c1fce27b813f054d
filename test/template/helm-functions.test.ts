// Differential test of template functions against real Helm: results.json holds what
// `helm template` rendered for each snippet of helm-functions/snippets.mjs (recorded by
// helm-functions/generate.mjs); this engine must print the same bytes, or fail with the same
// message at the same position (Helm's columns are 0-based, ours 1-based).

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmFunctionTable, unsupportedFunctions } from '../../src/chart/template/functions/index.js';
import { makeTemplateRoot, renderTpl } from '../../src/chart/template/index.js';
import { snippets } from './helm-functions/snippets.mjs';
import { goBytes } from '../../src/go/bytes.js';

interface Result {
  fn: string;
  template: string;
  output?: string;
  /** Output that is not UTF-8, as base64 of its bytes. */
  outputBase64?: string;
  error?: { line?: number; col?: number; message: string };
}

const recorded = JSON.parse(readFileSync(new URL('./helm-functions/results.json', import.meta.url), 'utf8')) as { results: Result[] };
const root = makeTemplateRoot({}, { name: 'my-release', namespace: 'default' });

/** Functions whose output differs on every render (randomness, the clock, fresh keys): generators.test.ts checks them. */
const GENERATORS = [
  'now', 'ago', 'randAlphaNum', 'randAlpha', 'randNumeric', 'randAscii', 'randBytes', 'randInt', 'shuffle', 'uuidv4',
  'genPrivateKey', 'genCA', 'genCAWithKey', 'genSelfSignedCert', 'genSelfSignedCertWithKey', 'genSignedCert',
  'genSignedCertWithKey', 'bcrypt', 'htpasswd', 'encryptAES',
];

/** Helm reports a `fail` or `required` error by its message alone, at the outermost template. */
const HELM_FAILURE = /^Error: execution error at \([^)]*\): ?([\s\S]*)$/;

// Helm rendered with TZ=UTC: dates print in that local zone here too.
let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env['TZ'];
  process.env['TZ'] = 'UTC';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = savedTz;
});

describe('template functions agree with helm template', () => {
  it('the recording covers every snippet', () => {
    expect(recorded.results.map((r) => r.template)).toEqual(snippets.map((s: { template: string }) => s.template));
  });

  for (const r of recorded.results) {
    it(`${r.fn}: ${r.template}`, () => {
      const got = renderTpl(r.template, root);
      if (r.output !== undefined) {
        expect(got).toEqual({ output: r.output });
        return;
      }
      if (r.outputBase64 !== undefined) {
        expect('output' in got ? { bytes: goBytes(got.output).toString('base64') } : got).toEqual({ bytes: r.outputBase64 });
        return;
      }
      const want = r.error!;
      const failure = HELM_FAILURE.exec(want.message);
      if (failure) {
        // This engine keeps the chain of calls, which ends in the same message.
        expect('error' in got && /error calling (fail|required): /.test(got.error.message) && got.error.message.endsWith(': ' + failure[1]!), JSON.stringify(got)).toBe(true);
        return;
      }
      // Parse errors carry a line only; execution errors a line and a column.
      const seen = 'error' in got ? { message: got.error.message, line: got.error.line, ...(want.col !== undefined ? { col: got.error.col - 1 } : {}) } : got;
      expect(seen).toEqual(want);
    });
  }

  it('covers every function of the table but the generators with at least five argument shapes', () => {
    const perFunction = new Map<string, number>();
    for (const r of recorded.results) perFunction.set(r.fn, (perFunction.get(r.fn) ?? 0) + 1);
    const deterministic = Object.keys(helmFunctionTable).filter((name) => !GENERATORS.includes(name) && !unsupportedFunctions.includes(name));
    const short = deterministic.filter((name) => (perFunction.get(name) ?? 0) < 5);
    expect(short).toEqual([]);
    for (const name of perFunction.keys()) expect(helmFunctionTable[name], name).toBeDefined();
  });

  it('leaves every generator to generators.test.ts, which checks each', () => {
    const generatorTests = readFileSync(new URL('./generators.test.ts', import.meta.url), 'utf8');
    for (const name of GENERATORS) {
      expect(helmFunctionTable[name], name).toBeDefined();
      expect(generatorTests, name).toMatch(new RegExp(`\\{\\{[^}]*\\b${name}\\b`));
    }
  });
});
