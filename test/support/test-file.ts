// Each test file: the CLIs its tests start keep their code cache in the run's directory, and
// its temporary directory is a fresh one inside the run's (test-run.ts), through TMPDIR, which
// os.tmpdir() and the programs the tests start read. When the file's tests are done, the
// directories tempDir() made are removed, and anything still in the file's temporary
// directory (made some other way, or by a program a test started) fails the file, by name.

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { leftovers, removeTempDirs } from './temp-dir.js';

const runDir = inject('testRunDir');
process.env.NODE_COMPILE_CACHE = join(runDir, 'compile-cache');
const fileTemp = mkdtempSync(join(runDir, 'file-'));
process.env.TMPDIR = fileTemp;

// Registered before the file's own hooks, so it runs after them (hooks run as a stack).
afterAll(() => {
  removeTempDirs();
  const left = leftovers(fileTemp);
  rmSync(fileTemp, { recursive: true, force: true, maxRetries: 3 });
  if (left.length > 0) {
    throw new Error(`this test file left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in its temporary directory: ${left.join(', ')} (make temporary directories with tempDir() from test/support/temp-dir.ts)`);
  }
}, 120_000);
