// Ignore files discovery could not read (a FIFO named .gitignore, one over the read cap, one
// the user may not read): their rules were not applied, so files git ignores may have been
// checked. Each result of a file below such an ignore file carries a warning located in it,
// so the user learns why a file was checked, and --fail-on warning can stop on it. Results of
// files elsewhere are untouched: the rules could not have applied to them.

import { resolve, sep } from 'node:path';
import { checkDiagnostic } from './check-file.js';
import { displayPath, type UnreadableIgnoreFile } from './discover.js';
import type { FileResult } from './types.js';

function isBelow(dir: string, path: string): boolean {
  return path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** `results` with C2A259 added to each result with a file below an unreadable ignore file. */
export function withIgnoreFileWarnings(results: readonly FileResult[], unreadable: readonly UnreadableIgnoreFile[], cwd: string, readLimit: number): FileResult[] {
  if (unreadable.length === 0) return [...results];
  return results.map((result) => {
    const files = (result.project?.files ?? [result.path]).map((file) => resolve(cwd, file));
    const applying = unreadable.filter((ignore) => files.some((file) => isBelow(ignore.base, file)));
    if (applying.length === 0) return result;
    const warnings = applying.map((ignore) => {
      const file = { display: displayPath(cwd, ignore.path) };
      return ignore.problem === 'too-large'
        ? checkDiagnostic('C2A259', file, 1, { file: file.display, problem: 'too-large', limitBytes: readLimit })
        : checkDiagnostic('C2A259', file, 1, { file: file.display, problem: ignore.problem });
    });
    const outcome = result.outcome === 'converted' ? 'converted-with-warnings' : result.outcome;
    return { ...result, outcome, diagnostics: [...warnings, ...result.diagnostics] };
  });
}
