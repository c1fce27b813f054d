// The corpus: real Compose files from public eval repositories (../shared/corpus, outside
// this repository). Every file is converted with an image registry set; the outcome and the
// diagnostic codes of each file are recorded in test/corpus.outcomes.json (UPDATE_GOLDEN=1
// re-records them, and a reviewer reads the diff). For every file that converts, the values
// validate, and `convert --emit manifests` equals `render` of the emitted values.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../src/compile.js';
import { renderValues } from '../src/render/index.js';
import { validateAgentEnvValues } from '../src/values/validate.js';
import { printYaml } from '../src/yaml-out.js';

const CORPUS = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');
const OUTCOMES = join(import.meta.dirname, 'corpus.outcomes.json');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function composeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...composeFiles(path));
    else if (/\.ya?ml$/.test(entry.name) && statSync(path).isFile()) out.push(path);
  }
  return out.sort();
}

interface Outcome {
  outcome: 'converted' | 'rejected';
  codes: string[];
}

const present = existsSync(CORPUS);
if (!present) console.warn(`corpus tests skipped: ${CORPUS} is not present`);

describe.skipIf(!present)('corpus', () => {
  const files = present ? composeFiles(CORPUS) : [];
  const outcomes: Record<string, Outcome> = {};
  const converted: { name: string; values: unknown }[] = [];
  for (const file of files) {
    const name = relative(CORPUS, file);
    const result = convert(readFileSync(file, 'utf8'), {
      filename: name,
      imageRegistry: 'registry.example.com/evals',
      host: {
        env: {},
        readFile: (p) => {
          const path = resolve(CORPUS, p);
          return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
        },
      },
    });
    const codes = [...new Set(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code))].sort();
    outcomes[name] = { outcome: result.values ? 'converted' : 'rejected', codes };
    if (result.values) converted.push({ name, values: result.values });
  }

  it('records the outcome of every file', () => {
    const text = JSON.stringify(outcomes, null, 2) + '\n';
    if (UPDATE) writeFileSync(OUTCOMES, text);
    else expect(text).toBe(existsSync(OUTCOMES) ? readFileSync(OUTCOMES, 'utf8') : undefined);
  });

  it('emits values that validate against the values schema', () => {
    for (const { name, values } of converted) {
      expect(validateAgentEnvValues(values), name).toEqual([]);
    }
  });

  it('renders manifests from the emitted values, the same through convert and render', () => {
    for (const { name, values } of converted) {
      const direct = renderValues([], { release: 'release-name', namespace: 'default' }, values);
      expect(direct.diagnostics.filter((d) => d.severity === 'error'), name).toEqual([]);
      const viaFile = renderValues([{ path: 'values.yaml', text: printYaml(values) }], {
        release: 'release-name',
        namespace: 'default',
      });
      expect(viaFile.text, name).toBe(direct.text);
    }
  });

  it('locates every rejection at a line and column', () => {
    for (const file of files) {
      const name = relative(CORPUS, file);
      if (outcomes[name]!.outcome !== 'rejected') continue;
      expect(outcomes[name]!.codes.length, `${name} was rejected without an error`).toBeGreaterThan(0);
    }
  });
});

