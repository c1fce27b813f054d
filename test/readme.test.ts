// The README's key-outcome table and its list of diagnostic codes are generated from the
// tables the compiler consults; this test fails when they drift. UPDATE_GOLDEN=1 rewrites the
// README's blocks. Its library snippet is compiled against the package's types.

import { readFileSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { formatCodeList, formatKeyTable } from '../src/cli/keys-format.js';
import { codeHelpUri } from '../src/tools/check/report.js';
import { catalogue, type Code } from '../src/base/messages.js';
import { expectReadmeBlock, README } from './readme-block.js';
import { tempDir } from './support/temp-dir.js';

const REPO = join(import.meta.dirname, '..');
const RERUN = 'run UPDATE_GOLDEN=1 npx vitest run test/readme.test.ts';

function generatedBlock(name: string, generated: string): void {
  expectReadmeBlock(name, generated, RERUN);
}

describe('README', () => {
  it('holds the current key-outcome table', () => {
    generatedBlock('keys-table', formatKeyTable('markdown') + '\n');
  });

  it('lists every diagnostic code, each with the anchor SARIF reports link to', () => {
    generatedBlock('codes', formatCodeList());
    const text = readFileSync(README, 'utf8');
    for (const code of Object.keys(catalogue) as Code[]) {
      const anchor = new URL(codeHelpUri(code, '0.1.0')).hash.slice(1);
      expect(text).toContain(`<a id="${anchor}"></a>${code} |`);
    }
  });

  it('documents the two Quick start commands', () => {
    const text = readFileSync(README, 'utf8');
    const quick = text.slice(text.indexOf('## Quick start (contributors)'), text.indexOf('## Command line'));
    const commands = quick.match(/```sh\n([\s\S]*?)```/)![1]!.trim().split('\n');
    expect(commands).toEqual(['npm ci && node bin/compose2agent.js examples/ctf-web/compose.yaml', 'npm test']);
  });

  it("has a library snippet that type-checks under --strict against the package's types", () => {
    const text = readFileSync(README, 'utf8');
    const library = text.slice(text.indexOf('## Library'));
    const snippet = library.match(/```ts\n([\s\S]*?)```/)?.[1];
    expect(snippet, 'the Library section holds a ```ts block').toBeDefined();
    // The snippet imports 'compose2agent' as a user would: through the package's exports map.
    const dir = tempDir('readme');
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(REPO, join(dir, 'node_modules', 'compose2agent'), 'dir');
    symlinkSync(join(REPO, 'node_modules', '@types'), join(dir, 'node_modules', '@types'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const file = join(dir, 'snippet.ts');
    writeFileSync(file, snippet!);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: ['node'],
      skipLibCheck: true,
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? `${d.file.fileName.replace(dir, '')}:` : ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });
});
