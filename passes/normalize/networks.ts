// Networks: the top-level `networks` and, per service, `networks` (list or mapping with
// aliases), `network_mode`, the names others reach it by (`hostname`, `container_name`,
// `links`), and the names it reaches others by (`extra_hosts`, with the `ports` and static
// addresses those names may lead to).

import type { ExtraHost, NetworkIR, Path, PortRange, PublishedPort, ComposeService, ServiceLink, ServiceNetwork } from '../ir.js';
import { THE_SERVICE_NAME, valueOutcome } from '../keys.js';
import { canonicalIp, isLoopback } from '../support/ip-address.js';
import { reportValueOutcome } from '../support/value-outcomes.js';
import { dispatch, dispatchInto, type Env, type Handlers } from './dispatch.js';
import { isObject, stringList, text } from './input.js';

export const NETWORK_HANDLERS: Handlers<NetworkIR> = {
  driver: (v, p, s) => {
    if (typeof v === 'string') s.driver = { value: v, path: p };
  },
  internal: (v, p, s) => {
    if (typeof v === 'boolean') s.internal = { value: v, path: p };
  },
};

export function normalizeNetwork(name: string, body: unknown, path: Path, env: Env): NetworkIR {
  return dispatchInto<NetworkIR>('network', body, path, NETWORK_HANDLERS, { name, path }, env);
}

/** The service-level keys about networking and names. */
export const SERVICE_NETWORKING_HANDLERS: Handlers<{ service: ComposeService }> = {
  network_mode: (v, p, s, env) => {
    if (typeof v !== 'string') return;
    // The key table's value rows decide which modes convert; those that do are the IR's kinds.
    const fate = valueOutcome('service', 'network_mode', v, env.ctx.options.strict)!;
    if (reportValueOutcome(env.ctx, p, 'network_mode', v, fate)) s.service.networkMode = { kind: v as 'none' | 'bridge' | 'default', path: p };
  },
  networks: (v, p, s, env) => {
    s.service.networks = serviceNetworks(v, p, env);
  },
  hostname: (v, p, s, env) => {
    if (typeof v !== 'string' || v === '') return;
    const fate = valueOutcome('service', 'hostname', v === s.service.name ? THE_SERVICE_NAME : v, env.ctx.options.strict)!;
    if (reportValueOutcome(env.ctx, p, 'hostname', v, fate)) s.service.hostname = { value: v, path: p };
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
  extra_hosts: (v, p, s, env) => {
    s.service.extraHosts = extraHosts(v, p, env);
  },
  // Ignored (nothing is published in a sandbox) but read: see PublishedPort.
  ports: (v, p, s) => {
    if (!Array.isArray(v)) return;
    s.service.publishedPorts = v.flatMap((entry, i) => {
      const port = publishedPort(entry, [...p, i]);
      return port ? [port] : [];
    });
  },
};

/**
 * `extra_hosts` as a list (`name:address`, `name=address`, IPv6 in brackets or not) or a
 * mapping (`name: address` or a list of addresses), as Compose reads them.
 */
function extraHosts(value: unknown, path: Path, env: Env): ExtraHost[] {
  if (isObject(value)) {
    return Object.entries(value).map(([name, addresses]) => {
      const list = (Array.isArray(addresses) ? addresses : [addresses]).map(text);
      return { name, addresses: list.map(unbracket), written: `${name}: ${list.join(', ')}`, path: [...path, name] };
    });
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, i): ExtraHost[] => {
    const raw = text(entry);
    const at = raw.includes('=') ? raw.indexOf('=') : raw.indexOf(':');
    if (at <= 0 || at === raw.length - 1) {
      env.ctx.report('C2A300', [...path, i], { entry: raw, reason: 'not-name-and-address' });
      return [];
    }
    return [{ name: raw.slice(0, at), addresses: [unbracket(raw.slice(at + 1))], written: raw, path: [...path, i] }];
  });
}

function unbracket(address: string): string {
  return address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
}

const PORT_RANGE = /^(\d+)(?:-(\d+))?$/;

function portRange(raw: string | number | undefined): PortRange | undefined {
  if (raw === undefined || raw === '') return undefined;
  const m = PORT_RANGE.exec(String(raw));
  if (!m) return undefined;
  const start = Number(m[1]);
  return { start, end: m[2] === undefined ? start : Number(m[2]) };
}

/** A `ports` entry, short (`[host_ip:][published:]target[/protocol]`) or long syntax. */
function publishedPort(entry: unknown, path: Path): PublishedPort | undefined {
  let hostIp: string | undefined;
  let published: string | number | undefined;
  let target: string | number | undefined;
  let protocol = 'tcp';
  if (isObject(entry)) {
    hostIp = typeof entry.host_ip === 'string' ? entry.host_ip : undefined;
    published = typeof entry.published === 'string' || typeof entry.published === 'number' ? entry.published : undefined;
    target = typeof entry.target === 'string' || typeof entry.target === 'number' ? entry.target : undefined;
    if (typeof entry.protocol === 'string') protocol = entry.protocol;
  } else {
    let rest = text(entry);
    const slash = rest.lastIndexOf('/');
    if (slash >= 0) [rest, protocol] = [rest.slice(0, slash), rest.slice(slash + 1)];
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']:');
      if (close < 0) return undefined;
      [hostIp, rest] = [rest.slice(1, close), rest.slice(close + 2)];
    }
    const parts = rest.split(':');
    if (parts.length === 3 && hostIp === undefined) hostIp = parts.shift();
    if (parts.length === 2) published = parts.shift();
    if (parts.length !== 1) return undefined;
    target = parts[0];
  }
  const targetRange = portRange(target);
  if (!targetRange) return undefined;
  const publishedRange = portRange(published);
  const ip = hostIp === undefined || hostIp === '' ? undefined : canonicalIp(hostIp);
  return {
    target: targetRange,
    ...(publishedRange ? { published: publishedRange } : {}),
    loopbackOnly: ip !== undefined && isLoopback(ip),
    protocol: protocol.toLowerCase(),
    path,
  };
}

/** An entry of a service's `networks` mapping. */
export const SERVICE_NETWORK_HANDLERS: Handlers<ServiceNetwork> = {
  aliases: (v, p, s) => {
    s.aliases = stringList(v, p).map((a) => a.value);
  },
  // Ignored (pods get the cluster's addresses) but read: see ServiceNetwork.addresses.
  ipv4_address: staticAddress,
  ipv6_address: staticAddress,
};

function staticAddress(value: unknown, path: Path, network: ServiceNetwork): void {
  if (typeof value === 'string' && value !== '') network.addresses = [...(network.addresses ?? []), { value, path }];
}

function serviceNetworks(value: unknown, path: Path, env: Env): ServiceNetwork[] {
  if (Array.isArray(value)) return value.map((name, i) => ({ name: text(name), aliases: [], path: [...path, i] }));
  if (!isObject(value)) return [];
  return Object.entries(value).map(([name, body]) => {
    const network: ServiceNetwork = { name, aliases: [], path: [...path, name] };
    if (isObject(body)) dispatch('service.networks[]', body, [...path, name], SERVICE_NETWORK_HANDLERS, network, env);
    return network;
  });
}

