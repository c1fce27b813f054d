// The only module that touches the file system. The CLI uses it; passes never do.

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ConvertHost } from './compile.js';

export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads stdin to the end (for `-` as the input file). */
export function readStdin(): string {
  return readFileSync(0, 'utf8');
}

export function nodeHost(env: NodeJS.ProcessEnv = process.env): ConvertHost {
  return { readFile: readTextFile, env };
}

/**
 * Writes a file so that readers see the old content or the new, never a part: the text goes
 * to a temporary file in the same directory (same file system), which is then renamed over.
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file is already gone
    }
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw err;
  }
}
