// The message catalogue: every diagnostic compose2agent can print, by code. Passes call
// ctx.report('C2A0xx', at, args) and the arguments are type-checked against the entry.
//
// Code ranges (keep new codes in their area's range):
//   C2A000-009 input and YAML            C2A050-059 networks, ports, DNS names
//   C2A010-019 interpolation             C2A060-069 security
//   C2A020-029 Compose schema            C2A070-079 storage
//   C2A030-049 keys and normalisation    C2A080-089 resources, healthchecks, durations, sizes
//   C2A090-099 extensions, default service, values schema
//   C2A100-149 render (chart semantics)  C2A150-199 template engine
//   C2A200-249 file composition (include, extends, profiles, images)
//   C2A250-299 check

export type Severity = 'error' | 'warning' | 'info';

export interface Entry<A> {
  severity: Severity;
  /** One line naming the problem, for `compose2agent keys` and the README. */
  summary: string;
  message: (a: A) => string;
  hint?: (a: A) => string | undefined;
}

function error<A = void>(summary: string, message: (a: A) => string, hint?: (a: A) => string | undefined): Entry<A> {
  return { severity: 'error', summary, message, hint };
}
function warning<A = void>(summary: string, message: (a: A) => string, hint?: (a: A) => string | undefined): Entry<A> {
  return { severity: 'warning', summary, message, hint };
}
function info<A = void>(summary: string, message: (a: A) => string, hint?: (a: A) => string | undefined): Entry<A> {
  return { severity: 'info', summary, message, hint };
}

export const catalogue = {
  // ── input and YAML ────────────────────────────────────────────────────────────────
  C2A001: error<{ detail: string }>(
    'YAML syntax error',
    (a) => `YAML syntax error: ${a.detail}`,
    () => 'fix the YAML syntax; a YAML linter shows the same position',
  ),
  C2A002: error<{ count: number; limit: number }>(
    'too many alias expansions',
    (a) => `the document expands ${a.count} aliases, more than the limit of ${a.limit}`,
    () => 'an alias bomb is refused; write the repeated parts out or use fewer nested aliases',
  ),
  C2A003: error<{ size: number; limit: number }>(
    'input file too large',
    (a) => `the input is ${a.size} bytes, more than the limit of ${a.limit}`,
  ),
  C2A004: error<{ count: number }>(
    'several YAML documents',
    (a) => `the file holds ${a.count} YAML documents; a Compose file is a single document`,
    () => 'remove the `---` separators, or split the file',
  ),
  C2A005: error<{ kind: string }>(
    'document is not a mapping',
    (a) => `a Compose file must be a mapping of top-level keys, but this document is ${a.kind}`,
    () => 'start the file with `services:`',
  ),
  C2A006: error<{ key: string }>(
    'duplicate mapping key',
    (a) => `duplicate key '${a.key}'`,
    () => 'YAML mapping keys must be unique; remove or rename one of them',
  ),
  C2A007: error<{ tag: string }>(
    'unsupported YAML tag',
    (a) => `unsupported YAML tag ${a.tag}`,
    () => 'Compose files use plain YAML scalars, sequences and mappings',
  ),
  C2A008: error<{ path: string; reason: string }>(
    'input file unreadable',
    (a) => `cannot read ${a.path}: ${a.reason}`,
  ),
  C2A009: error<{ count: number; cap: number }>(
    'too many errors',
    (a) => `${a.count} more error(s) not shown (at most ${a.cap} are reported per file)`,
  ),
} satisfies Record<string, Entry<never>>;

export type Code = keyof typeof catalogue;
export type ArgsOf<K extends Code> = (typeof catalogue)[K] extends Entry<infer A> ? A : never;
