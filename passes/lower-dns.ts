// Pass — lower:dns: every name that resolved under Compose still resolves.
//
// Every service gets a DNS record under its values name. A Compose service name that is not
// a DNS label (`web_server`, `API.v2`) gets the closest valid name, and the original is kept
// as an additional record. Per-network aliases, link aliases (`links: [db:database]` makes
// `database` resolve to db), `hostname` and `container_name` become additional records of
// the service they name. Records go into CoreDNS rewrite rules, so each is checked against
// a strict pattern. A record that is another service's name is left to that service, as
// under Compose; two services claiming the same additional name is an error, since only one
// could answer it.

import type { Context } from '../src/diagnostics.js';
import type { ComposeIR, Path } from '../src/ir.js';
import { DNS_RECORD, SERVICE_NAME, toDnsName } from '../src/dns-names.js';

interface Candidate {
  record: string;
  source: string;
  path: Path;
}

export function lowerDns(ir: ComposeIR, ctx: Context): ComposeIR {
  // Values names: the default service is already `default`; the others become DNS labels.
  const owner = new Map<string, string>();
  const names = ir.services.map((s) => {
    let name = s.k8s.name ?? s.name;
    if (!SERVICE_NAME.test(name)) {
      const derived = ir.strict ? undefined : toDnsName(name, 63, false);
      if (derived === undefined) {
        ctx.report('C2A035', { path: s.path, key: true }, {
          key: 'service name',
          value: s.name,
          reason: ir.strict ? 'agent-env service names are DNS labels (lower-case letters, digits and -)' : 'no DNS label can be derived from it',
        });
        return undefined;
      }
      ctx.report('C2A055', { path: s.path, key: true }, { name: s.name, valuesName: derived });
      name = derived;
    }
    const other = owner.get(name);
    if (other !== undefined) {
      ctx.report('C2A054', { path: s.path, key: true }, { kind: 'service', name: s.name, other, valuesName: name });
      return undefined;
    }
    owner.set(name, s.name);
    return name;
  });

  // Additional records, per service, in a stable order.
  const candidates: Candidate[][] = ir.services.map((s, i) => {
    const out: Candidate[] = (s.k8s.additionalDnsRecords ?? []).map((record) => ({ record, source: 'the service name', path: s.path }));
    if (names[i] !== undefined && names[i] !== s.name && s.k8s.name === undefined) {
      out.push({ record: s.name, source: 'the service name', path: s.path });
    }
    for (const network of s.networks ?? []) {
      for (const alias of network.aliases) out.push({ record: alias, source: 'the network alias', path: [...network.path, 'aliases'] });
    }
    if (s.hostname) out.push({ record: s.hostname.value, source: 'the hostname', path: s.hostname.path });
    if (s.containerName) out.push({ record: s.containerName.value, source: 'the container name', path: s.containerName.path });
    return out;
  });
  const byName = new Map(ir.services.map((s, i) => [s.name, i]));
  for (const s of ir.services) {
    for (const link of s.links) {
      const target = byName.get(link.service);
      if (target === undefined) {
        ctx.report('C2A048', link.path, { service: link.service });
        continue;
      }
      if (link.alias !== undefined) candidates[target]!.push({ record: link.alias, source: 'the link alias', path: link.path });
    }
  }

  // Keep each name once, checked; a name that another service also answers is an error.
  const claimedBy = new Map<string, number>();
  names.forEach((name, i) => name !== undefined && claimedBy.set(name.toLowerCase(), i));
  const records = candidates.map((list, i) => {
    const kept: string[] = [];
    for (const c of list) {
      const key = c.record.toLowerCase();
      if (key === names[i] || kept.some((r) => r.toLowerCase() === key)) continue;
      if (!DNS_RECORD.test(c.record)) {
        ctx.report('C2A057', c.path, { record: c.record, source: c.source });
        continue;
      }
      const other = claimedBy.get(key);
      if (other !== undefined && other !== i && names[other]?.toLowerCase() === key) {
        // As under Compose, a service's own name resolves to that service.
        ctx.report('C2A031', c.path, {
          key: c.record,
          reason: `${c.source} of service '${ir.services[i]!.name}' is the name of service '${ir.services[other]!.name}', which answers it`,
        });
        continue;
      }
      if (other !== undefined && other !== i) {
        ctx.report('C2A054', c.path, {
          kind: 'DNS name of service',
          name: ir.services[i]!.name,
          other: ir.services[other]!.name,
          valuesName: c.record,
        });
        continue;
      }
      claimedBy.set(key, i);
      kept.push(c.record);
    }
    return kept;
  });

  return {
    ...ir,
    services: ir.services.map((s, i) => {
      const { additionalDnsRecords: _previous, ...rest } = s.k8s;
      return {
        ...s,
        k8s: {
          ...rest,
          ...(names[i] !== undefined ? { name: names[i] } : {}),
          dnsRecord: true,
          ...(records[i]!.length > 0 ? { additionalDnsRecords: records[i] } : {}),
        },
      };
    }),
  };
}
