// Entries discovery did not reach because their names are not UTF-8 (see UnreachedEntry): one
// warning each, located at the directory holding the entry, which is a path output can name.
// They belong to no checked file, so the summary carries them, and every format prints them:
// a check must not pass over a tree it did not fully see without saying so.

import { relative } from 'node:path';
import type { Diagnostic } from '../../base/diagnostics.js';
import { checkDiagnostic } from './check-file.js';
import { displayPath, type UnreachedEntry } from './discover.js';

/** C2A261 for each entry, in discovery's order. */
export function unreachedWarnings(entries: readonly UnreachedEntry[], cwd: string): Diagnostic[] {
  return entries.map((entry) => {
    const dir = relative(cwd, entry.dir) === '' ? '.' : displayPath(cwd, entry.dir);
    const shown = dir === '.' ? entry.shown : `${dir}/${entry.shown}`;
    return checkDiagnostic('C2A261', { display: dir }, 1, { entry: shown, reach: entry.directory ? 'directory' : 'file' });
  });
}
