// No sentence reaches a diagnostic as an argument: every sentence is a variant of the catalogue
// (src/base/catalogue.md). See sentence-arguments.ts for what the scan follows; the second
// block shows, on small programs, that it finds each way a sentence could come in.

import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { findSentenceArguments } from './sentence-arguments.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The compiler's own modules: src/ and passes/, less the module generated from the catalogue. */
const ownModule = (fileName: string) => /\/(src|passes)\//.test(fileName) && !fileName.startsWith(join(ROOT, 'node_modules')) && !fileName.endsWith('src/base/messages.ts');

describe('diagnostic arguments', () => {
  test('no report call and no generated text function receives a sentence', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true } });
    const findings = findSentenceArguments(program, ownModule).map((f) => `${f.at.replace(`${ROOT}/`, '').replace(/:\d+$/, '')}: ${f.text}`);
    expect([...new Set(findings)].sort()).toEqual([]);
  }, 120_000);
});

describe('the scan', () => {
  /** Findings of the scan over one in-memory module. */
  const scan = (source: string) => {
    const fileName = '/virtual/src/sample.ts';
    const host = ts.createCompilerHost({ noEmit: true, strict: true, target: ts.ScriptTarget.ES2022 });
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version) => (name === fileName ? ts.createSourceFile(name, source, version) : read(name, version));
    host.fileExists = ((exists) => (name: string) => name === fileName || exists(name))(host.fileExists.bind(host));
    const program = ts.createProgram({ rootNames: [fileName], options: { noEmit: true, strict: true, noLib: true, types: [] }, host });
    return findSentenceArguments(program, (name) => name === fileName).map((f) => f.text);
  };
  const prelude = 'declare const ctx: { report(code: string, at: unknown, args: object): void };\ndeclare const catalogue: { C2A999: { message(a: object): string } };\ndeclare const items: string[];\n';

  test('finds a sentence written at the call, as a literal or a template', () => {
    expect(scan(`${prelude}ctx.report('C2A999', [], { reason: 'the file is missing' });`)).toEqual(['the file is missing']);
    expect(scan(`${prelude}declare const n: number;\nctx.report('C2A999', [], { reason: \`line \${n} is too long\` });`)).toEqual(['line x is too long']);
  });

  test('follows variables, lets, properties, spreads, conditionals and helper functions', () => {
    expect(scan(`${prelude}const why = 'it is gone';\nctx.report('C2A999', [], { why });`)).toEqual(['it is gone']);
    expect(scan(`${prelude}let rule = 'named';\ndeclare const b: boolean;\nif (b) rule = 'the first service';\nctx.report('C2A999', [], { rule });`)).toEqual(['the first service']);
    expect(scan(`${prelude}function problem(s: string) { if (s === '') return { detail: 'it is empty' }; return undefined; }\nconst p = problem('');\nif (p) ctx.report('C2A999', [], { ...p });`)).toEqual(['it is empty']);
    expect(scan(`${prelude}declare const b: boolean;\nconst described = () => (b ? 'with release x' : 'x');\nctx.report('C2A999', [], { release: described() });`)).toEqual(['with release x']);
    expect(scan(`${prelude}catalogue.C2A999.message({ detail: 'a whole sentence' });`)).toEqual(['a whole sentence']);
  });

  test('finds lists joined with words, and lets names, values and lists of names through', () => {
    expect(scan(`${prelude}ctx.report('C2A999', [], { sources: items.join(' and ') });`)).toEqual(['… .join(" and ")']);
    expect(scan(`${prelude}declare const name: string;\nctx.report('C2A999', [], { name, value: \`'\${name}'\`, list: items.map((i) => \`'\${i}'\`).join(', '), json: JSON.stringify(name) });`)).toEqual([]);
    expect(scan(`${prelude}ctx.report('C2A999', [], { problem: 'tab-indent', path: 'services.web.image' });`)).toEqual([]);
  });
});
