// The one way a test makes a temporary directory: tempDir() makes it in the test file's own
// temporary directory and registers it; test-file.ts removes every registered directory when
// the file's tests are done, then fails the file if anything else was left there.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

/** A new, empty directory `c2a-<purpose>-XXXXXX`, removed after the test file's last test. */
export function tempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `c2a-${purpose}-`));
  made.add(dir);
  return dir;
}

/** Removes the directories tempDir() made. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  made.clear();
}

/** What is left in `dir` (a test file's temporary directory) besides nothing. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).sort();
}
