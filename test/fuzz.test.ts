// Robustness: mutated Compose files must never crash the compiler. Every outcome is either
// values that validate and render, or diagnostics located in the file. Include, extends,
// env_file and mount targets are also pointed at what is not an ordinary file (FIFOs,
// directories, link loops, files over the read cap), and template functions are called with
// random argument shapes. Seeds are the golden
// inputs (and the conformance inputs when ../shared is present); mutations are deterministic
// (a fixed PRNG seed), so a failure reproduces.

import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../passes/compile.js';
import { renderValues } from '../src/chart/render/index.js';
import { validateAgentEnvValues } from '../src/chart/values/validate.js';
import { prng } from './prng.js';
import { makeTemplateRoot, RenderBudget, renderTpl } from '../src/chart/template/index.js';
import { helmFunctionTable } from '../src/chart/template/functions/index.js';
import { checkLimited, LIMITS } from './hostile/support.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '..');
const CONFORMANCE = resolve(ROOT, '..', 'shared', 'conformance', 'cases');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

function seeds(): string[] {
  const out: string[] = [];
  const golden = join(ROOT, 'golden');
  for (const name of readdirSync(golden)) {
    const file = join(golden, name, 'compose.yaml');
    if (existsSync(file)) out.push(readFileSync(file, 'utf8'));
  }
  if (existsSync(CONFORMANCE)) {
    for (const name of readdirSync(CONFORMANCE)) {
      const dir = join(CONFORMANCE, name);
      if (existsSync(join(dir, 'cmd')) && readFileSync(join(dir, 'cmd'), 'utf8').trim() !== 'render') {
        out.push(readFileSync(join(dir, 'input.yaml'), 'utf8'));
      }
    }
  }
  // Real files, when the corpus is beside the repository: what users write is the best seed.
  if (existsSync(join(CORPUS, 'SOURCES.tsv'))) {
    for (const row of readFileSync(join(CORPUS, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1)) {
      out.push(readFileSync(join(CORPUS, row.split('\t')[3]!), 'utf8'));
    }
  }
  return out;
}

const ODD_SCALARS = [
  '',
  '~',
  'null',
  'true',
  'no',
  '0',
  '-1',
  '1e+06',
  '0o17',
  '"${UNSET}"',
  '"${X:?boom}"',
  '$$',
  '[]',
  '{}',
  '[a, 1, {b: c}]',
  '"a\\nb"',
  '"../../etc/passwd:/x"',
  '"/var/run/docker.sock:/var/run/docker.sock"',
  '"sh -c \'echo hi"',
  '"999999999999999999999"',
  '"x".repeat',
  '&a [*a]',
];

function mutate(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const pick = () => Math.floor(rand() * lines.length);
  const steps = 1 + Math.floor(rand() * 3);
  for (let s = 0; s < steps; s++) {
    const i = pick();
    const line = lines[i] ?? '';
    switch (Math.floor(rand() * 6)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, line);
        break;
      case 2:
        lines[i] = line.replace(/:\s+.*$/, `: ${ODD_SCALARS[Math.floor(rand() * ODD_SCALARS.length)]}`);
        break;
      case 3:
        lines[i] = line.replace(/^(\s*)/, (m) => (rand() < 0.5 ? m.slice(2) : m + '  '));
        break;
      case 4:
        lines[i] = line.replace(/^(\s*)-\s+(.*)$/, `$1- ${ODD_SCALARS[Math.floor(rand() * ODD_SCALARS.length)]}`);
        break;
      default:
        lines.splice(i + 1, lines.length);
    }
  }
  return lines.join('\n');
}

describe('fuzz', () => {
  it('never crashes on mutated inputs, and what it accepts validates and renders', () => {
    const inputs = seeds();
    const rand = prng(20261128);
    let accepted = 0;
    for (let n = 0; n < 1500; n++) {
      const text = mutate(inputs[n % inputs.length]!, rand);
      let result;
      try {
        result = convert(text, { filename: 'compose.yaml', imageRegistry: 'registry.example.com/x' });
      } catch (err) {
        throw new Error(`convert threw on:\n${text}\n${(err as Error).stack}`);
      }
      for (const d of result.diagnostics) {
        expect(d.line, `${d.code} ${d.message}\n${text}`).toBeGreaterThanOrEqual(1);
      }
      if (!result.values) {
        expect(result.diagnostics.some((d) => d.severity === 'error'), text).toBe(true);
        continue;
      }
      accepted++;
      expect(validateAgentEnvValues(result.values), text).toEqual([]);
      const rendered = renderValues([], { release: 'fuzz', namespace: 'default' }, result.values);
      // Nor would Kubernetes refuse an object, or read a value differently from the values.
      expect(rendered.diagnostics.filter((d) => d.severity === 'error' || d.code === 'C2A111' || d.code === 'C2A116'), text).toEqual([]);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

// ── referenced files and template functions ──────────────────────────────────────────────────

/** Targets that are not ordinary files, in `dir`: a FIFO nobody writes, a directory, a link loop, a file over the read cap, nothing. */
function hostileTargets(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  mkdirSync(join(dir, 'adir'));
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));
  // Sparse: five megabytes on paper, over the 4 MB cap of every file compose2agent reads.
  const huge = openSync(join(dir, 'huge.yaml'), 'w');
  ftruncateSync(huge, 5 * 1024 * 1024);
  closeSync(huge);
  writeFileSync(join(dir, 'ok.yaml'), 'services:\n  x:\n    image: alpine:3.20\n');
  writeFileSync(join(dir, 'ok.env'), 'A=1\n');
  return ['fifo.yaml', 'adir', 'loop-a', 'huge.yaml', 'missing.yaml', 'ok.yaml', 'ok.env', '../outside.yaml', '/etc/hostname'];
}

const FILE_SHAPES: ((target: string) => string)[] = [
  (t) => `include:\n  - ${t}\nservices:\n  default:\n    image: alpine:3.20\n`,
  (t) => `services:\n  default:\n    extends:\n      file: ${t}\n      service: x\n`,
  (t) => `services:\n  default:\n    image: alpine:3.20\n    env_file:\n      - ${t}\n`,
  (t) => `services:\n  default:\n    image: alpine:3.20\n    env_file:\n      - path: ${t}\n        required: false\n`,
  (t) => `services:\n  default:\n    image: alpine:3.20\n    volumes:\n      - ./${t}:/data/x:ro\n`,
  (t) => `services:\n  default:\n    image: alpine:3.20\n    configs: [c]\nconfigs:\n  c:\n    file: ./${t}\n`,
];

describe('fuzz: include, extends, env_file and mounts of hostile targets', () => {
  it(`every combination ends, within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB, with located diagnostics and no internal fault`, () => {
    // Thirty sandboxes, each with its own targets, checked by one CLI run in a limited child.
    const root = tempDir('fuzz');
    const rand = prng(20261202);
    const texts = new Map<string, string>();
    for (let n = 0; n < 30; n++) {
      const dir = join(root, `s${n}`);
      const targets = hostileTargets(dir);
      const shape = FILE_SHAPES[Math.floor(rand() * FILE_SHAPES.length)]!;
      const text = shape(targets[Math.floor(rand() * targets.length)]!);
      writeFileSync(join(dir, 'compose.yaml'), text);
      texts.set(`s${n}/compose.yaml`, text);
    }
    const r = checkLimited(root);
    expect({ code: r.code, signal: r.signal }, r.stderr).toMatchObject({ signal: null });
    expect([0, 1], r.stderr).toContain(r.code);
    expect([...r.files!.keys()].sort()).toEqual([...texts.keys()].sort());
    for (const [path, file] of r.files!) {
      for (const d of file.diagnostics) {
        expect(d.code, `${texts.get(path)}\n${d.message}`).not.toBe('C2A250');
        // Every diagnostic names a file, line and column.
        expect(d.file, texts.get(path)).toBeTruthy();
        expect(d.line, texts.get(path)).toBeGreaterThanOrEqual(1);
        expect(d.col, texts.get(path)).toBeGreaterThanOrEqual(1);
      }
    }
  });
});

describe('fuzz: template functions with random arguments', () => {
  const ARGUMENTS = ['1', '-1', '0', '999999999', '-999999999', '1.5', 'true', 'nil', '""', '"x"', '"a,b"', '"(a+)+$"', '"%*d"', '(list 1 "a")', '(dict "a" 1)', '.', '.Values', '(repeat 50 "ab")', '"{{ 1 }}"', '(list)'];
  // Key generation and password hashing are slow by design, random strings are as long as
  // asked (Helm's too), and DNS reaches outside: none belongs in a fuzz loop.
  const SKIPPED = /^(gen|buildCustomCert|getHostByName|lookup|rand|htpasswd|bcrypt|derivePassword|encryptAES|decryptAES|shuffle)/;
  const names = Object.keys(helmFunctionTable).filter((name) => !SKIPPED.test(name) && !['and', 'or'].includes(name)).sort();

  it('500 random calls end in output or a located error, within a small output budget', () => {
    const root = makeTemplateRoot({}, { name: 'r', namespace: 'default' });
    const rand = prng(20261203);
    for (let n = 0; n < 500; n++) {
      const name = names[Math.floor(rand() * names.length)]!;
      const args = Array.from({ length: Math.floor(rand() * 4) }, () => ARGUMENTS[Math.floor(rand() * ARGUMENTS.length)]!);
      const template = `{{ ${[name, ...args].join(' ')} }}`;
      let result;
      try {
        result = renderTpl(template, root, new RenderBudget({ output: 1024 * 1024 }));
      } catch (err) {
        throw new Error(`renderTpl threw on ${template}: ${(err as Error).stack}`);
      }
      if ('error' in result) {
        expect(result.error.line, template).toBeGreaterThanOrEqual(1);
        expect(['parse', 'exec', 'unsupported', 'budget', 'work'], template).toContain(result.error.kind);
      }
    }
  });
});
