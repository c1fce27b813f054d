// Fragments: compose files that other checked files include or extend (a shared
// `common/compose.yml`, the base service a challenge extends). They are not sandboxes: alone
// they lack the services, variables, networks or volumes their users supply, and Compose
// refuses most of them too, so judging them alone would fail a CI gate that can never pass.
// Their content is checked as part of each sandbox that uses them, where their diagnostics
// are reported (located in the fragment). A file is a fragment when the conversion of another
// checked file read it through `include` or `extends` — the same test the corpus test makes.

import { resolve } from 'node:path';
import { checkDiagnostic } from './check-file.js';
import type { CheckJob, FileResult } from './types.js';

/**
 * The results with each fragment's result replaced by a fragment outcome naming its users;
 * `results[i]` is the result of `jobs[i]`. A fault stays a fault: a bug must not hide behind
 * the file being a fragment. The composed files of every result are dropped (not reported).
 */
export function markFragments(jobs: readonly CheckJob[], results: readonly FileResult[], cwd: string): FileResult[] {
  const indexOf = new Map(jobs.map((job, i) => [job.path, i]));
  const users = new Map<number, string[]>();
  results.forEach((result, i) => {
    for (const file of new Set(result.composedFiles ?? [])) {
      const used = indexOf.get(resolve(cwd, file));
      if (used === undefined || used === i) continue;
      users.set(used, [...(users.get(used) ?? []), result.path]);
    }
  });
  return results.map((result, i) => {
    const { composedFiles: _composed, ...rest } = result;
    const usedBy = users.get(i);
    if (usedBy === undefined || jobs[i]!.kind !== 'compose' || result.outcome === 'fault') return rest;
    return {
      path: result.path,
      kind: result.kind,
      outcome: 'fragment',
      diagnostics: [checkDiagnostic('C2A256', { display: result.path }, 1, { users: usedBy })],
      usedBy,
    };
  });
}
