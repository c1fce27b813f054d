// Pass — lower:container: the last lowering. It completes every service's target half with
// the container's own fields (image, command, args, working directory, environment, runtime
// class, pull policy), so emit:values only projects the lowered IR.
//
// The chart writes some fields into its YAML unquoted (`workingDir: {{ .workingDir }}`),
// so the manifest holds what a YAML reader makes of the text: `a: b` or a line break
// changes the document's shape, `yes` becomes true and the pod is refused. Such Compose
// values are refused here, at their line, rather than emitted for render to trip over.
//
// Kubernetes expands `$(NAME)` and `$$` in a container's command, args and env values, where
// Docker passes the text as it is (passes/support/kubernetes-expansion.ts). Every text written
// there is escaped, ours (the run-once wrapper and waits) included, and an info says where that
// changed a Compose value. --strict escapes too: it keeps Compose's interpolation, which has
// already turned Compose's `$$` into `$`, and the escape gives Kubernetes back the `$$` the
// reference passes through uninterpolated, so `$$$$` still reaches the container as `$$`.

import type { Context } from '../../src/base/diagnostics.js';
import { unquotedMisreading } from '../../src/yaml/plain-scalar.js';
import type { PassContext } from '../context.js';
import type { InitContainer, LoweredIR, LoweredServiceIR, LoweringIR, Path, ServiceIR } from '../ir.js';
import { escapeForKubernetes } from '../support/kubernetes-expansion.js';

export function lowerContainer(ir: LoweringIR, ctx: PassContext): LoweredIR {
  for (const s of ir.services) {
    refuseUnquotedMisreadings(s, ctx);
    reportEscapes(s, ctx);
  }
  return { ...ir, services: ir.services.map(withContainer) };
}

const escapeAll = (words: readonly string[]) => words.map(escapeForKubernetes);

function escapedInitContainer(c: InitContainer): InitContainer {
  return { ...c, ...(c.command ? { command: escapeAll(c.command) } : {}), ...(c.args ? { args: escapeAll(c.args) } : {}) };
}

/**
 * The container runs the process lower:default-service or lower:start-order decided, else the
 * Compose entrypoint (cleared for a default service that runs its image's) and command.
 */
function withContainer(s: ServiceIR): LoweredServiceIR {
  const k = s.k8s;
  const written = k.process ? k.process.command : k.clearCommand ? [] : s.entrypoint?.words;
  const command = written && escapeAll(written);
  const args = k.process ? k.process.args && escapeAll(k.process.args) : s.command && escapeAll(s.command.words);
  const env =
    s.environment.length > 0 || s.writtenEmpty?.includes('environment')
      ? s.environment.map((e) => ({ name: e.name, value: typeof e.value === 'string' ? escapeForKubernetes(e.value) : e.value }))
      : undefined;
  return {
    ...s,
    k8s: {
      ...k,
      name: k.name ?? s.name,
      ...(s.runtime ? { runtimeClassName: s.runtime.value } : {}),
      image: s.image?.value ?? '',
      ...(command !== undefined ? { command } : {}),
      ...(args !== undefined ? { args } : {}),
      ...(s.workingDir ? { workingDir: s.workingDir.value } : {}),
      ...(env ? { env } : {}),
      ...(s.pullPolicy ? { imagePullPolicy: s.pullPolicy.value } : {}),
      ...(k.initContainers ? { initContainers: k.initContainers.map(escapedInitContainer) } : {}),
    },
  };
}

/** Refuses the Compose values the chart would write unquoted and YAML would read differently. */
function refuseUnquotedMisreadings(s: ServiceIR, ctx: Context): void {
  const check = (value: string, path: Path, field: string) => {
    const misreading = unquotedMisreading(value);
    if (!misreading) return;
    const how = 'problem' in misreading ? misreading.problem : { misreading: 'reads-as' as const, readsAs: misreading.readsAs === null ? 'null' : JSON.stringify(misreading.readsAs) };
    ctx.report('C2A309', path, { field, value, ...how });
  };
  if (s.image && s.image.value !== '') check(s.image.value, s.image.path, 'image');
  if (s.workingDir) check(s.workingDir.value, s.workingDir.path, 'working_dir');
  if (s.runtime) check(s.runtime.value, s.runtime.path, 'runtime');
  for (const e of s.environment) check(e.name, e.path, 'the environment variable name');
}

/** Says where escaping `$` from Kubernetes' expansion changed what the Compose file gives. */
function reportEscapes(s: ServiceIR, ctx: Context): void {
  const check = (value: string, path: Path, what: string) => {
    const escaped = escapeForKubernetes(value);
    if (escaped !== value) ctx.report('C2A311', path, { what, value, escaped });
  };
  for (const key of ['entrypoint', 'command'] as const) {
    const line = s[key];
    line?.words.forEach((word, i) => check(word, line.fromString ? line.path : [...line.path, i], `the ${key} word`));
  }
  for (const e of s.environment) if (typeof e.value === 'string') check(e.value, e.path, `the value of ${e.name}`);
}
