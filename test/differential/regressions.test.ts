// Parity regressions found by differential testing against the reference converter and the
// agent-env chart. Each case under regressions/ holds an input, the command (`values`:
// compose → values; `manifests`: compose → manifests; `render`: values file → manifests),
// and the reference's outcome: `expected.yaml` (its output) or `expected.err` (it refused).
// The expected outputs were produced by the reference, not written by hand.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Scalar, parse, parseAllDocuments, visit } from 'yaml';
import { convert } from '../../src/compile.js';
import { renderValues } from '../../src/render/index.js';
import { printYaml } from '../../src/yaml-out.js';
import { compareManifests } from '../render/manifest-compare.js';

const CASES = join(dirname(fileURLToPath(import.meta.url)), 'regressions');

interface Case {
  name: string;
  input: string;
  cmd: 'values' | 'manifests' | 'render';
  release: string;
  namespace: string;
  expected?: string;
  expectedError?: string;
}

function readCase(name: string): Case {
  const dir = join(CASES, name);
  const optional = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);
  const cmd = readFileSync(join(dir, 'cmd'), 'utf8').trim();
  if (cmd !== 'values' && cmd !== 'manifests' && cmd !== 'render') throw new Error(`${name}: unknown cmd ${cmd}`);
  return {
    name,
    input: readFileSync(join(dir, 'input.yaml'), 'utf8'),
    cmd,
    release: optional('release')?.trim() || 'my-release',
    namespace: optional('namespace')?.trim() || 'default',
    expected: optional('expected.yaml'),
    expectedError: optional('expected.err'),
  };
}

/** What our library produces for a case: output text, or the error diagnostics. */
function runCase(c: Case): { output?: string; errors: string[] } {
  const errorsOf = (diagnostics: { severity: string; code: string; message: string }[]) =>
    diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  if (c.cmd === 'render') {
    const rendered = renderValues([{ path: 'input.yaml', text: c.input }], { release: c.release, namespace: c.namespace });
    return { output: rendered.text, errors: errorsOf(rendered.diagnostics) };
  }
  const converted = convert(c.input, { filename: 'input.yaml' });
  if (!converted.values) return { errors: errorsOf(converted.diagnostics) };
  if (c.cmd === 'values') return { output: printYaml(converted.values), errors: errorsOf(converted.diagnostics) };
  const rendered = renderValues([], { release: c.release, namespace: c.namespace }, converted.values);
  return { output: rendered.text, errors: [...errorsOf(converted.diagnostics), ...errorsOf(rendered.diagnostics)] };
}

/** Values compared as the conformance runner compares them: read as helm reads YAML, then deeply. */
function valuesDifference(expected: string, actual: string): string | undefined {
  const want: unknown = parse(expected, { version: '1.1' });
  const got: unknown = parse(actual, { version: '1.1' });
  if (isDeepStrictEqual(want, got)) return undefined;
  return `want ${JSON.stringify(want)}\ngot  ${JSON.stringify(got)}`;
}

/**
 * Plain (unquoted) scalars holding a tab: valid YAML 1.2, but PyYAML — which the reference's
 * tooling and the conformance comparison read values with — refuses them.
 */
function plainScalarsWithTabs(text: string): string[] {
  const found: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    visit(doc, {
      Scalar(_key, node: Scalar) {
        if (node.type === Scalar.PLAIN && typeof node.value === 'string' && node.value.includes('\t')) found.push(JSON.stringify(node.value));
      },
    });
  }
  return found;
}

const names = existsSync(CASES) ? readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'cmd'))).sort() : [];

describe('differential regressions (parity with the reference)', () => {
  it('has regression cases', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  for (const name of names) {
    const c = readCase(name);
    it(`${name} (${c.cmd})`, () => {
      const result = runCase(c);
      if (c.expectedError !== undefined) {
        expect(result.output, `the reference refuses this input:\n${c.expectedError}`).toBeUndefined();
        expect(result.errors.length).toBeGreaterThan(0);
        return;
      }
      expect(result.errors, 'the reference accepts this input').toEqual([]);
      expect(result.output).toBeDefined();
      const problems =
        c.cmd === 'values'
          ? [valuesDifference(c.expected!, result.output!)].filter((p): p is string => p !== undefined)
          : compareManifests(c.expected!, result.output!);
      expect(problems).toEqual([]);
      expect(plainScalarsWithTabs(result.output!), 'strings with tabs must be quoted').toEqual([]);
    });
  }
});
