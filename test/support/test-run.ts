// Global setup of the test run: one directory of its own in the system's temporary directory,
// removed at the end, for everything the run writes. It holds
//   compile-cache/  the V8 code cache of the CLIs the tests start (bin/load.js keeps it in
//                   $NODE_COMPILE_CACHE), so that no test writes to a shared default
//   file-XXXXXX/    one per test file: its temporary directory (test-file.ts sets TMPDIR),
//                   which must be empty again when the file's tests are done.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'c2a-test-run-'));
  mkdirSync(join(dir, 'compile-cache'));
  process.env.NODE_COMPILE_CACHE = join(dir, 'compile-cache');
  project.provide('testRunDir', dir);
  return () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
