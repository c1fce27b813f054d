import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkDiagnostic } from '../../src/tools/check/check-file.js';
import type { FileResult } from '../../src/tools/check/types.js';
import { applyWrites } from '../../src/tools/check/write.js';
import { writeFileAtomic } from '../../src/tools/io.js';
import { tempDir } from '../support/temp-dir.js';

const COMMITTED = 'services:\n  default:\n    image: python:3.11\n';
const CONVERTED = 'services:\n  default:\n    image: python:3.12\n';

function staleResult(valuesDisplay: string): FileResult {
  return {
    path: 's/compose.yaml',
    kind: 'compose',
    outcome: 'converted',
    diagnostics: [checkDiagnostic('C2A251', { display: valuesDisplay, text: COMMITTED }, 3, { values: 'helm-values.yaml', compose: 'compose.yaml' })],
    values: [{ path: valuesDisplay, status: 'stale', diff: '(diff)', replacement: CONVERTED }],
  };
}

describe('applyWrites', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('write');
  });

  it('writes the converted text and turns the stale error into a regenerated note', () => {
    writeFileSync(join(dir, 'helm-values.yaml'), COMMITTED);
    const [result] = applyWrites([staleResult('helm-values.yaml')], (display, text) => writeFileAtomic(join(dir, display), text));
    expect(readFileSync(join(dir, 'helm-values.yaml'), 'utf8')).toBe(CONVERTED);
    expect(result!.values).toEqual([{ path: 'helm-values.yaml', status: 'written', diff: '(diff)' }]);
    expect(result!.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['C2A252', 'info', 'helm-values.yaml was stale and has been regenerated from compose.yaml'],
    ]);
  });

  it('keeps the file stale and reports why when it cannot be written', () => {
    const [result] = applyWrites([staleResult('no-such-dir/helm-values.yaml')], (display, text) => writeFileAtomic(join(dir, display), text));
    expect(result!.values).toEqual([{ path: 'no-such-dir/helm-values.yaml', status: 'stale', diff: '(diff)' }]);
    expect(result!.diagnostics.map((d) => d.code)).toEqual(['C2A251', 'C2A255']);
    expect(result!.diagnostics[1]!.message).toMatch(/^cannot write no-such-dir\/helm-values.yaml: its directory does not exist/);
  });

  it('leaves results without replacements alone', () => {
    const fresh: FileResult = { path: 'a/compose.yaml', kind: 'compose', outcome: 'converted', diagnostics: [], values: [{ path: 'a/values.yaml', status: 'fresh' }] };
    const written: string[] = [];
    expect(applyWrites([fresh], (d) => written.push(d))).toEqual([fresh]);
    expect(written).toEqual([]);
  });
});
