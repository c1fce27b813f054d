// Networks: the top-level `networks` and, per service, `networks` (list or mapping with
// aliases), `network_mode`, and the names others reach it by (`hostname`, `container_name`,
// `links`).

import type { NetworkIR, Path, ServiceIR, ServiceLink, ServiceNetwork } from '../../src/ir.js';
import { dispatch, dispatchInto, type Env, type Handlers } from './dispatch.js';
import { isObject, stringList, text } from './input.js';

export const NETWORK_HANDLERS: Handlers<NetworkIR> = {
  driver: (v, p, s) => {
    if (typeof v === 'string') s.driver = { value: v, path: p };
  },
};

export function normalizeNetwork(name: string, body: unknown, path: Path, env: Env): NetworkIR {
  return dispatchInto<NetworkIR>('network', body, path, NETWORK_HANDLERS, { name, path }, env);
}

/** The service-level keys about networking and names. */
export const SERVICE_NETWORKING_HANDLERS: Handlers<{ service: ServiceIR }> = {
  network_mode: (v, p, s, env) => {
    if (typeof v !== 'string') return;
    if (v === 'none') s.service.networkMode = { kind: 'none', path: p };
    else if (v === 'bridge' || v === 'default') s.service.networkMode = { kind: 'default', path: p };
    else if (v === 'host') {
      env.ctx.report('C2A050', p, { mode: v, reason: "host networking would bypass the sandbox's network policies" });
    } else if (v.startsWith('service:') || v.startsWith('container:')) {
      env.ctx.report('C2A050', p, { mode: v, reason: 'every pod has its own network namespace; it cannot share another container\'s' });
    } else {
      env.ctx.report('C2A050', p, { mode: v, reason: 'only none and bridge have a sandbox meaning; list networks under `networks:`' });
    }
  },
  networks: (v, p, s, env) => {
    s.service.networks = serviceNetworks(v, p, env);
  },
  hostname: (v, p, s, env) => {
    if (typeof v !== 'string' || v === '') return;
    if (env.strict && v !== s.service.name) {
      env.ctx.report('C2A035', p, { key: 'hostname', value: v, reason: 'the reference converter supports only the service name' });
      return;
    }
    s.service.hostname = { value: v, path: p };
  },
  container_name: (v, p, s) => {
    if (typeof v === 'string' && v !== '') s.service.containerName = { value: v, path: p };
  },
  links: (v, p, s) => {
    if (!Array.isArray(v)) return;
    s.service.links = v.map((entry, i): ServiceLink => {
      const [service, alias] = text(entry).split(':', 2) as [string, string | undefined];
      return { service, ...(alias !== undefined && alias !== '' ? { alias } : {}), path: [...p, i] };
    });
  },
};

/** An entry of a service's `networks` mapping. */
export const SERVICE_NETWORK_HANDLERS: Handlers<ServiceNetwork> = {
  aliases: (v, p, s) => {
    s.aliases = stringList(v, p).map((a) => a.value);
  },
};

function serviceNetworks(value: unknown, path: Path, env: Env): ServiceNetwork[] {
  if (Array.isArray(value)) return value.map((name, i) => ({ name: text(name), aliases: [], path: [...path, i] }));
  if (!isObject(value)) return [];
  return Object.entries(value).map(([name, body]) => {
    const network: ServiceNetwork = { name, aliases: [], path: [...path, name] };
    if (isObject(body)) dispatch('service.networks[]', body, [...path, name], SERVICE_NETWORK_HANDLERS, network, env);
    return network;
  });
}

