// Pass — lower:default-service: which service the agent runs in.
//
// Inspect's rule: the service named `default`, else the first marked `x-default: true`,
// else the first in file order. agent-env runs the agent in the service named `default`,
// so the chosen service is renamed; its Compose name stays resolvable as an additional DNS
// record (added by lower:dns), so the other services still reach it as under Compose.
// When it sets `command` but no `entrypoint`, `command: []` keeps the chart's keep-alive
// (`tail -f /dev/null`) from replacing the image's ENTRYPOINT.
//
// --strict does what the reference converter does: a lone service is not renamed (unless
// marked x-default), no DNS record is added, and the chart's keep-alive is left in place.

import type { Context } from '../src/diagnostics.js';
import type { ComposeIR } from '../src/ir.js';

export function lowerDefaultService(ir: ComposeIR, ctx: Context): ComposeIR {
  const services = ir.services;
  if (services.length === 0) return ir;
  let chosen = services.findIndex((s) => s.name === 'default');
  let rule = 'named default';
  if (chosen < 0) {
    const marked = services.filter((s) => s.xDefault);
    if (marked.length > 1) {
      ctx.report('C2A091', [...marked[1]!.path, 'x-default'], {
        services: marked.map((s) => `'${s.name}'`).join(', '),
        chosen: marked[0]!.name,
      });
    }
    chosen = marked.length > 0 ? services.indexOf(marked[0]!) : -1;
    rule = 'marked x-default: true';
  }
  if (chosen < 0) {
    // The reference converter renames the first service only when there are several.
    if (ir.strict && services.length === 1) return ir;
    chosen = 0;
    rule = services.length === 1 ? 'the only service' : 'the first service';
  }
  const service = services[chosen]!;
  const renamed = service.name !== 'default';
  if (renamed && !ir.strict) ctx.report('C2A090', { path: service.path, key: true }, { service: service.name, rule });
  const clearCommand = !ir.strict && service.command !== undefined && service.entrypoint === undefined;
  return {
    ...ir,
    services: services.map((s, i) =>
      i === chosen
        ? {
            ...s,
            k8s: {
              ...s.k8s,
              name: 'default',
              ...(renamed && !ir.strict ? { additionalDnsRecords: [...(s.k8s.additionalDnsRecords ?? []), s.name] } : {}),
              ...(clearCommand ? { clearCommand: true } : {}),
            },
          }
        : s,
    ),
  };
}
