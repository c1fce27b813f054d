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
//
// `extra_hosts` names go the other way: a client service names an address. When the address
// is a service of the project (its static `ipv4_address`/`ipv6_address`, or `host-gateway`,
// the Docker host, where one service publishes its ports under their own numbers), the name
// becomes a DNS record of that service. Any other address is refused: the chart cannot
// write /etc/hosts, and a sandbox cannot reach the Docker host. The record is seen by every
// service, not only the client (DNS has no per-client answers), which is why such a name may
// not be another service's name; what may reach the service is still decided by the
// network policies, and a client that shares no network with it is refused rather than let
// through.
//
// Every record is answered to every pod: the chart writes one Corefile for the whole
// sandbox, and its rewrite rules cannot depend on who asks. Under Compose a network alias
// resolves only for the containers on that network, a container name only for those that
// share a network with it, a link alias only for the service that names the link, and a
// hostname for no other container at all. Where the sandbox lets more services look a name
// up than Compose did, a warning at the name says which ones (the record is kept: the
// services that used it need it).
//
// Two things Helm renders but Kubernetes refuses are decided here too, since names are. A
// service named like the container the chart adds to every pod (`coredns`) would give its
// pod two containers of one name: it is renamed (`coredns-service`), keeping its name as a
// record, as for names that are not labels. And a service whose StatefulSet name,
// `<fullname>-<service>`, is too long once the release is known (inspect's 8-character
// names unless one is given) never gets a pod: it is shortened to its start and a hash of
// its name (`<start>-1a2b`), keeping its name as a record; under --strict, or when the
// release leaves no room, it is an error at the service.

import { createHash } from 'node:crypto';
import type { Context } from '../../src/base/diagnostics.js';
import type { ArgsOf } from '../../src/base/messages.js';
import type { PassContext } from '../context.js';
import type { LoweringIR, ExtraHost, Path, PublishedPort, ServiceIR } from '../ir.js';
import { composeNetworksOf } from '../support/compose-networks.js';
import { DNS_RECORD, SERVICE_NAME, toDnsName } from '../support/dns-names.js';
import { canonicalIp, isLoopback } from '../support/ip-address.js';
import { CHART_CONTAINER, judgedRelease, serviceNameProblem, type JudgedRelease } from '../../src/chart/render/pod-names.js';

/** Where a record comes from: a variant of the catalogue's group `recordSource`. */
type RecordSource = ArgsOf<'C2A317'>['sources'][number];
/** Who resolves a record under Compose, and why only they: a variant of the group `reach`. */
type ComposeReach = ArgsOf<'C2A317'>['composeReach'][number];

interface Candidate {
  record: string;
  source: RecordSource;
  path: Path;
  /** From extra_hosts: the name must lead to this service, not be left to another. */
  binding?: { client: string; via: Via };
  /**
   * The services (indices) that resolve the name under Compose, and why only they; absent
   * for names the sandbox does not widen on purpose (service names, extra_hosts names).
   */
  composeReach?: { services: number[]; why: ComposeReach };
}

export function lowerDns(ir: LoweringIR, ctx: PassContext): LoweringIR {
  const { strict } = ctx.options;
  const judged = judgedRelease({}, ctx.release);
  // Which service holds each values name, as names are given.
  const owner = new Map<string, string>();
  const names = valuesNames(ir, strict, judged, owner, ctx);
  renameChartContainer(ir, names, owner, ctx);
  fitRelease(ir, names, strict, judged, owner, ctx);
  const candidates = recordCandidates(ir, names, ctx);
  const records = keptRecords(ir, names, candidates, ctx);
  // Pods of network_mode: none services may not even reach their DNS sidecar's upstream.
  const resolvers = indicesWhere(ir, (s) => s.k8s.networkIsolated !== true);
  records.forEach((kept, i) => reportWiderReach(ir, i, kept, candidates[i]!, resolvers, ctx));

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

/** Values names: the default service is already `default`; the others become DNS labels. */
function valuesNames(ir: LoweringIR, strict: boolean, judged: JudgedRelease, owner: Map<string, string>, ctx: Context): (string | undefined)[] {
  return ir.services.map((s) => {
    let name = s.k8s.name ?? s.name;
    if (!SERVICE_NAME.test(name)) {
      const derived = strict ? undefined : toDnsName(name, 63, false);
      if (derived === undefined) {
        ctx.report('C2A035', { path: s.path, key: true }, { value: s.name, reason: strict ? 'service-name-not-a-label' : 'service-name-underivable' });
        return undefined;
      }
      // A name renamed again below is reported there, with its final name.
      if (derived !== CHART_CONTAINER && !serviceNameProblem(judged, derived)) ctx.report('C2A055', { path: s.path, key: true }, { name: s.name, valuesName: derived });
      name = derived;
    }
    if (name === CHART_CONTAINER && strict) {
      ctx.report('C2A322', { path: s.path, key: true }, { service: s.name, detail: 'service-named-like-dns-container', container: CHART_CONTAINER, strict });
      return undefined;
    }
    const other = owner.get(name);
    if (other !== undefined) {
      ctx.report('C2A054', { path: s.path, key: true }, { kind: 'service', name: s.name, other, valuesName: name });
      return undefined;
    }
    owner.set(name, s.name);
    return name;
  });
}

/** A service named like the chart's DNS container is renamed once every other name is known, so the new name is nobody's. */
function renameChartContainer(ir: LoweringIR, names: (string | undefined)[], owner: Map<string, string>, ctx: Context): void {
  names.forEach((name, i) => {
    if (name !== CHART_CONTAINER) return;
    const s = ir.services[i]!;
    let renamed = `${CHART_CONTAINER}-service`;
    for (let n = 2; owner.has(renamed); n++) renamed = `${CHART_CONTAINER}-service-${n}`;
    owner.set(renamed, s.name);
    names[i] = renamed;
    ctx.report('C2A320', { path: s.path, key: true }, { name: s.name, valuesName: renamed, clash: CHART_CONTAINER });
  });
}

/** A values name whose StatefulSet name is too long for the release is shortened, or refused. */
function fitRelease(ir: LoweringIR, names: (string | undefined)[], strict: boolean, judged: JudgedRelease, owner: Map<string, string>, ctx: Context): void {
  names.forEach((name, i) => {
    const problem = name === undefined ? undefined : serviceNameProblem(judged, name);
    if (!problem) return;
    const s = ir.services[i]!;
    const short = strict ? undefined : shortened(name!, problem.max, owner);
    if (short !== undefined) {
      owner.set(short, s.name);
      names[i] = short;
      ctx.report('C2A324', { path: s.path, key: true }, { name: s.name, valuesName: short, statefulSet: problem.name, ...judged.described, nameLimit: problem.nameLimit });
      return;
    }
    ctx.report('C2A321', { path: s.path, key: true }, {
      subject: 'service',
      service: s.name,
      ...(name !== s.name ? { valuesName: name } : {}),
      ...problem,
      ...judged.described,
    });
  });
}

/** Additional records, per service, in a stable order. */
function recordCandidates(ir: LoweringIR, names: readonly (string | undefined)[], ctx: Context): Candidate[][] {
  // Who is on each Compose network, worked out once: asking it of every service per alias or
  // container name made this pass quadratic in the number of services.
  const networksOf = ir.services.map(composeNetworksOf);
  const membersOf = new Map<string, number[]>();
  networksOf.forEach((networks, i) => {
    for (const network of networks) {
      const members = membersOf.get(network);
      if (members) members.push(i);
      else membersOf.set(network, [i]);
    }
  });
  const candidates: Candidate[][] = ir.services.map((s, i) => {
    const out: Candidate[] = (s.k8s.additionalDnsRecords ?? []).map((record) => ({ record, source: { recordSource: 'service-name' as const }, path: s.path }));
    if (names[i] !== undefined && names[i] !== s.name && s.k8s.name === undefined) {
      out.push({ record: s.name, source: { recordSource: 'service-name' }, path: s.path });
    }
    for (const network of s.networks ?? []) {
      if (network.aliases.length === 0) continue;
      const members = membersOf.get(network.name) ?? [];
      const onNetwork = { services: members, why: { reach: 'network' as const, network: network.name, members: serviceNames(ir, members) } };
      for (const alias of network.aliases) {
        out.push({ record: alias, source: { recordSource: 'network-alias' }, path: [...network.path, 'aliases'], composeReach: onNetwork });
      }
    }
    if (s.hostname) {
      const itself = { services: [i], why: { reach: 'itself' as const, service: s.name } };
      out.push({ record: s.hostname.value, source: { recordSource: 'hostname' }, path: s.hostname.path, composeReach: itself });
    }
    if (s.containerName) {
      const sharing = [...new Set([i, ...networksOf[i]!.flatMap((n) => membersOf.get(n) ?? [])])].sort((a, b) => a - b);
      const neighbours = { services: sharing, why: { reach: 'network-neighbours' as const, service: s.name, members: serviceNames(ir, sharing) } };
      out.push({ record: s.containerName.value, source: { recordSource: 'container-name' }, path: s.containerName.path, composeReach: neighbours });
    }
    return out;
  });
  const byName = new Map(ir.services.map((s, i) => [s.name, i]));
  for (const { owner: target, candidate } of extraHostRecords(ir, ctx)) candidates[target]!.push(candidate);
  for (const s of ir.services) {
    for (const link of s.links) {
      const target = byName.get(link.service);
      if (target === undefined) {
        ctx.report('C2A048', link.path, { service: link.service });
        continue;
      }
      if (link.alias !== undefined) {
        const client = { services: [byName.get(s.name)!], why: { reach: 'linking-service' as const, client: s.name } };
        candidates[target]!.push({ record: link.alias, source: { recordSource: 'link-alias' }, path: link.path, composeReach: client });
      }
    }
  }
  return candidates;
}

/** Keeps each name once, checked; a name that another service also answers is an error. */
function keptRecords(ir: LoweringIR, names: readonly (string | undefined)[], candidates: readonly Candidate[][], ctx: Context): string[][] {
  const claimedBy = new Map<string, number>();
  names.forEach((name, i) => name !== undefined && claimedBy.set(name.toLowerCase(), i));
  return candidates.map((list, i) => {
    const kept: string[] = [];
    for (const c of list) {
      const key = c.record.toLowerCase();
      const leads = () => c.binding && ctx.report('C2A301', c.path, { name: c.record, service: c.binding.client, owner: ir.services[i]!.name, ...c.binding.via });
      if (key === names[i] || kept.some((r) => r.toLowerCase() === key)) {
        leads();
        continue;
      }
      if (!DNS_RECORD.test(c.record)) {
        ctx.report('C2A057', c.path, { record: c.record, ...c.source });
        continue;
      }
      const other = claimedBy.get(key);
      if (other !== undefined && other !== i && names[other]?.toLowerCase() === key && c.binding) {
        ctx.report('C2A300', c.path, {
          entry: c.record,
          reason: 'name-of-another-service',
          other: ir.services[other]!.name,
          client: c.binding.client,
          owner: ir.services[i]!.name,
        });
        continue;
      }
      if (other !== undefined && other !== i && names[other]?.toLowerCase() === key) {
        // As under Compose, a service's own name resolves to that service.
        ctx.report('C2A031', c.path, {
          key: c.record,
          reason: 'name-of-another-service',
          ...c.source,
          service: ir.services[i]!.name,
          other: ir.services[other]!.name,
        });
        continue;
      }
      if (other !== undefined && other !== i) {
        ctx.report('C2A054', c.path, {
          kind: 'dns-name',
          name: ir.services[i]!.name,
          other: ir.services[other]!.name,
          valuesName: c.record,
        });
        continue;
      }
      claimedBy.set(key, i);
      kept.push(c.record);
      leads();
    }
    return kept;
  });
}

function indicesWhere(ir: LoweringIR, test: (service: ServiceIR) => boolean): number[] {
  return ir.services.flatMap((service, i) => (test(service) ? [i] : []));
}

function serviceNames(ir: LoweringIR, indices: readonly number[]): string[] {
  return indices.map((i) => ir.services[i]!.name);
}

/**
 * Warns, at each kept record of service `owner`, when services that could not resolve it
 * under Compose can in the sandbox: every pod with a network looks names up in the same
 * Corefile. A name that also comes from a source the sandbox does not narrow is not warned
 * about.
 */
function reportWiderReach(
  ir: LoweringIR,
  owner: number,
  kept: readonly string[],
  candidates: readonly Candidate[],
  resolvers: readonly number[],
  ctx: Context,
): void {
  for (const record of kept) {
    const sources = candidates.filter((c) => c.record.toLowerCase() === record.toLowerCase());
    if (sources.length === 0 || sources.some((c) => c.composeReach === undefined)) continue;
    const reach = new Set(sources.flatMap((c) => c.composeReach!.services));
    const wider = resolvers.filter((i) => !reach.has(i));
    if (wider.length === 0) continue;
    const first = sources[0]!;
    ctx.report('C2A317', first.path, {
      record: first.record,
      sources: sources.map((c) => c.source),
      owner: ir.services[owner]!.name,
      composeReach: sources.map((c) => c.composeReach!.why),
      services: serviceNames(ir, wider),
    });
  }
}

/**
 * A name of at most `max` characters for a service whose name is too long: its start and 4
 * hex digits of a hash of the whole name, so that names sharing a start stay apart and the
 * same file always gives the same name. Undefined when too little room is left to tell names
 * apart.
 */
function shortened(name: string, max: number, taken: ReadonlyMap<string, string>): string | undefined {
  if (max < 8) return undefined;
  for (let n = 0; n < 100; n++) {
    const hash = createHash('sha256').update(n === 0 ? name : `${name}#${n}`).digest('hex').slice(0, 4);
    const candidate = `${toDnsName(name, max - 5, false)}-${hash}`;
    if (!taken.has(candidate)) return candidate;
  }
  return undefined;
}

/** Where an `extra_hosts` name leads: the service that answers it, in the sandbox. */
function extraHostRecords(ir: LoweringIR, ctx: Context): { owner: number; candidate: Candidate }[] {
  const out: { owner: number; candidate: Candidate }[] = [];
  if (!ir.services.some((s) => s.extraHosts?.length)) return out;
  const book = addressBook(ir);
  for (const client of ir.services) {
    for (const entry of client.extraHosts ?? []) {
      const label = entry.written;
      if (client.networkMode?.kind === 'none') {
        ctx.report('C2A031', entry.path, { key: label, reason: 'extra-host-without-network', service: client.name });
        continue;
      }
      const resolved = entry.addresses.map((address) => resolveAddress(ir, book, client, entry, address, ctx));
      if (resolved.some((r) => r === undefined)) continue;
      const owners = [...new Set(resolved.map((r) => r!.owner))];
      if (owners.length > 1) {
        ctx.report('C2A300', entry.path, { entry: label, reason: 'several-owners', owners: owners.map((o) => ir.services[o]!.name) });
        continue;
      }
      const owner = owners[0]!;
      const target = ir.services[owner]!;
      if (!shareNetwork(client, target, ir)) {
        ctx.report('C2A300', entry.path, {
          entry: label,
          reason: 'no-shared-network',
          client: client.name,
          target: target.name,
          viaHost: resolved[0]!.via.via === 'docker-host',
        });
        continue;
      }
      out.push({
        owner,
        candidate: { record: entry.name, source: { recordSource: 'extra-hosts-name', client: client.name }, path: entry.path, binding: { client: client.name, via: resolved[0]!.via } },
      });
    }
  }
  return out;
}

interface Resolved {
  owner: number;
  via: Via;
}

/** How an extra_hosts address leads to a service of the project (C2A301 says which way). */
type Via = { via: 'static-address'; addressOwner: string; network: string } | { via: 'docker-host'; publisher: string };

/** What the addresses of extra_hosts entries can lead to within the project. */
interface AddressBook {
  /** Static addresses, canonical, with the service and network that have them (first wins). */
  statics: Map<string, { owner: number; network: string }>;
  /** The services that publish ports where host-gateway leads. */
  publishers: number[];
}

/** A published port a container reaches through host-gateway. */
const reachableFromContainers = (p: PublishedPort) => p.published !== undefined && !p.loopbackOnly;

function addressBook(ir: LoweringIR): AddressBook {
  const statics = new Map<string, { owner: number; network: string }>();
  ir.services.forEach((s, owner) => {
    for (const network of s.networks ?? []) {
      for (const address of network.addresses ?? []) {
        const ip = canonicalIp(address.value);
        if (ip !== undefined && !statics.has(ip)) statics.set(ip, { owner, network: network.name });
      }
    }
  });
  const publishers = ir.services.flatMap((s, i) => (s.networkMode?.kind !== 'none' && (s.publishedPorts ?? []).some(reachableFromContainers) ? [i] : []));
  return { statics, publishers };
}

function resolveAddress(ir: LoweringIR, book: AddressBook, client: ServiceIR, entry: ExtraHost, address: string, ctx: Context): Resolved | undefined {
  const label = entry.addresses.length === 1 ? entry.written : `${entry.name}: ${address}`;
  if (address === 'host-gateway') return resolveHostGateway(ir, book, entry, label, ctx);
  const ip = canonicalIp(address);
  if (ip === undefined) {
    ctx.report('C2A300', entry.path, { entry: label, reason: 'not-an-address', address });
    return undefined;
  }
  const known = book.statics.get(ip);
  if (known) {
    return { owner: known.owner, via: { via: 'static-address', addressOwner: ir.services[known.owner]!.name, network: known.network } };
  }
  ctx.report('C2A300', entry.path, isLoopback(ip) ? { entry: label, reason: 'loopback', client: client.name } : { entry: label, reason: 'unknown-address', address });
  return undefined;
}

/**
 * `host-gateway` is the machine that runs Docker. What a container reached there, within the
 * project, is the ports other services publish; in the sandbox the name can lead to the
 * publishing service only if it is the only one and keeps every port number.
 */
function resolveHostGateway(ir: LoweringIR, book: AddressBook, entry: ExtraHost, label: string, ctx: Context): Resolved | undefined {
  const { publishers } = book;
  if (publishers.length === 0) {
    ctx.report('C2A300', entry.path, { entry: label, reason: 'host-gateway-without-publisher' });
    return undefined;
  }
  if (publishers.length > 1) {
    ctx.report('C2A300', entry.path, { entry: label, reason: 'host-gateway-several-publishers', publishers: publishers.map((i) => ir.services[i]!.name) });
    return undefined;
  }
  const owner = publishers[0]!;
  const publisher = ir.services[owner]!;
  const moved = (publisher.publishedPorts ?? []).find((p) => reachableFromContainers(p) && (p.published!.start !== p.target.start || p.published!.end !== p.target.end));
  if (moved) {
    const range = (r: { start: number; end: number }) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`);
    ctx.report('C2A300', entry.path, { entry: label, reason: 'port-published-elsewhere', publisher: publisher.name, target: range(moved.target), published: range(moved.published!) });
    return undefined;
  }
  return { owner, via: { via: 'docker-host', publisher: publisher.name } };
}

/** Whether the chart's network policies let two services reach each other. */
function shareNetwork(a: ServiceIR, b: ServiceIR, ir: LoweringIR): boolean {
  if (a === b) return true;
  if (a.k8s.networkIsolated || b.k8s.networkIsolated) return false;
  if ((ir.k8sNetworks ?? []).length === 0) return true;
  const mine = new Set(a.k8s.networks ?? []);
  return (b.k8s.networks ?? []).some((n) => mine.has(n));
}
