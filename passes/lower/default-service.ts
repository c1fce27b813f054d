// Pass — lower:default-service: which service the agent runs in.
//
// Inspect's rule: the service named `default`, else the first marked `x-default: true`,
// else the first in file order. agent-env runs the agent in the service named `default`,
// so the chosen service is renamed; its Compose name stays resolvable as an additional DNS
// record (added by lower:dns), so the other services still reach it as under Compose.
// The chart gives the service named `default` a keep-alive (`tail -f /dev/null`) unless the
// values set a command. Under Compose the image's ENTRYPOINT runs: with the Compose `command`
// as its arguments, or, when the service sets neither, with the image's CMD (a database, a web
// application, a desktop). So the values set `command: []` in both cases, and the keep-alive
// stays only where Docker keeps the image's shell waiting (`tty: true`, `stdin_open: true`).
//
// Every service, default or not: an empty `entrypoint` (`[]` or `""`) clears the image's
// ENTRYPOINT. With a command, Docker runs that command alone, so it becomes the container's
// command (without args: `command: []` cannot say it, since the chart writes `command` only
// when the list is not empty, and Kubernetes then runs the image's ENTRYPOINT). Without a
// command, Docker runs the image's CMD alone (the engine fills in the image's CMD when the
// entrypoint is empty); Kubernetes replaces ENTRYPOINT and CMD only together, and the CMD is
// not known here, so the file is refused at the entrypoint.
//
// --strict does what the reference converter does: a lone service is not renamed (unless
// marked x-default), no DNS record is added, the chart's keep-alive is left in place, and an
// empty entrypoint is written as `command: []`, so the image's ENTRYPOINT still runs.
//
// It is the first lowering: every service gets its target half here, empty until decided.

import type { Context } from '../../src/base/diagnostics.js';
import type { PassContext } from '../context.js';
import type { LoweringIR, LoweredService, NormalizedIR, ServiceIR } from '../ir.js';

export function lowerDefaultService(normalized: NormalizedIR, ctx: PassContext): LoweringIR {
  const { strict } = ctx.options;
  const input: LoweringIR = { ...normalized, services: normalized.services.map((s) => ({ ...s, k8s: {} })) };
  const ir = strict ? input : { ...input, services: input.services.map((s) => withEmptiedEntrypoint(s, ctx)) };
  const services = ir.services;
  if (services.length === 0) return ir;
  let chosen = services.findIndex((s) => s.name === 'default');
  /** Which of inspect's rules chose the default service: a variant of C2A090. */
  let rule: 'named-default' | 'marked-default' | 'only-service' | 'first-service' = 'named-default';
  if (chosen < 0) {
    const marked = services.filter((s) => s.xDefault);
    if (marked.length > 1) {
      ctx.report('C2A091', [...marked[1]!.path, 'x-default'], {
        services: marked.map((s) => `'${s.name}'`).join(', '),
        chosen: marked[0]!.name,
      });
    }
    chosen = marked.length > 0 ? services.indexOf(marked[0]!) : -1;
    rule = 'marked-default';
  }
  if (chosen < 0) {
    // The reference converter renames the first service only when there are several.
    if (strict && services.length === 1) return ir;
    chosen = 0;
    rule = services.length === 1 ? 'only-service' : 'first-service';
  }
  const service = services[chosen]!;
  const renamed = service.name !== 'default';
  if (renamed && !strict) ctx.report('C2A090', { path: service.path, key: true }, { service: service.name, rule });
  const clearCommand = !strict && service.entrypoint === undefined && runsImageEntrypoint(service, ctx);
  return {
    ...ir,
    services: services.map((s, i) =>
      i === chosen
        ? {
            ...s,
            k8s: {
              ...s.k8s,
              name: 'default',
              ...(renamed && !strict ? { additionalDnsRecords: [...(s.k8s.additionalDnsRecords ?? []), s.name] } : {}),
              ...(clearCommand ? { clearCommand: true } : {}),
            },
          }
        : s,
    ),
  };
}

/**
 * Whether a default service without an entrypoint runs its image's ENTRYPOINT (rather than the
 * chart's keep-alive); says which happened when the service sets no command either.
 */
function runsImageEntrypoint(service: ServiceIR, ctx: Context): boolean {
  if (service.command !== undefined) return true;
  if (service.keepsShellWaiting) {
    ctx.report('C2A096', service.keepsShellWaiting.path, { service: service.name });
    return false;
  }
  ctx.report('C2A095', { path: service.path, key: true }, { service: service.name });
  return true;
}

/** A service whose entrypoint is empty runs its command alone (see the top of this file). */
function withEmptiedEntrypoint(service: ServiceIR, ctx: Context): ServiceIR {
  const process = emptiedEntrypointProgram(service, ctx);
  return process ? { ...service, k8s: { ...service.k8s, process } } : service;
}

function emptiedEntrypointProgram(service: ServiceIR, ctx: Context): LoweredService['process'] {
  const entrypoint = service.entrypoint;
  if (entrypoint === undefined || entrypoint.words.length > 0) return undefined;
  const command = service.command?.words ?? [];
  if (command.length > 0) return { command };
  ctx.report('C2A310', entrypoint.path, { service: service.name, written: entrypoint.fromString ? '""' : '[]' });
  return undefined;
}
