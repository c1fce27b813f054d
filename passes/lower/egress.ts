// Pass — lower:egress: what the sandbox may reach outside itself.
//
// The sandbox denies all internet egress unless x-inspect_k8s_sandbox allows domains or
// Cilium entities; Compose networks (even non-internal ones) never widen that. The domain
// and entity names are written into CiliumNetworkPolicy rules, so they are checked against
// strict patterns first: a name that is not a domain (or entity) is refused rather than
// written into a policy. The service-account settings pass through (an account to create
// needs a name, or the chart fails).
//
// What the sandbox allows, the chart allows every pod. Under Compose a service whose
// networks are all `internal: true` reaches nothing outside the project, so when the
// sandbox allows any of the internet, such a service gets a CiliumNetworkPolicy of its own
// (through additionalResources) that denies its pods egress to the world entity: Cilium
// applies deny rules before allow rules, whichever policy holds them, so the chart's
// allowDomains and allowEntities no longer reach it. Deny rules have no DNS (L7) form, and
// cutting the pod off the cluster DNS would break every name in the sandbox, so it can still
// look up the names the chart lets every pod look up; the diagnostic says so. A service with
// `network_mode: none` needs nothing: the chart's isolation policy already denies it all.

import type { ArgsOf } from '../../src/base/messages.js';
import type { PassContext } from '../context.js';
import { referenceOutcome } from '../keys.js';
import type { AdditionalResource, LoweringIR, LoweredSandbox, ServiceIR } from '../ir.js';
import { internalOnlyNetworks } from '../support/compose-networks.js';
import { foundJson } from '../support/found.js';

/** A domain name or a Cilium FQDN pattern (`*` wildcards in labels), or `*` alone. */
const DOMAIN = /^(?:\*|(?:[A-Za-z0-9*_](?:[A-Za-z0-9*_-]{0,61}[A-Za-z0-9*_])?\.)*[A-Za-z0-9*_](?:[A-Za-z0-9*_-]{0,61}[A-Za-z0-9*_])?\.?)$/;
/** Cilium entity names (world, cluster, kube-apiserver, ...). */
const ENTITY = /^[a-z][a-z0-9-]*$/;

export function lowerEgress(ir: LoweringIR, ctx: PassContext): LoweringIR {
  const ext = ir.sandbox;
  if (!ext) return ir;
  const sandbox: LoweredSandbox = {};
  if (ext.allowDomains) {
    const ok = ext.allowDomains.value.filter((domain, i) => {
      if (DOMAIN.test(domain) && domain.length <= 253) return true;
      ctx.report('C2A094', [...ext.allowDomains!.path, i], { key: 'allow_domains', expected: 'domain-name-or-wildcard-pattern', ...foundJson(domain) });
      return false;
    });
    sandbox.allowDomains = ok;
  }
  if (ext.allowEntities) {
    const ok = ext.allowEntities.value.filter((entity, i) => {
      if (ENTITY.test(entity)) return true;
      ctx.report('C2A094', [...ext.allowEntities!.path, i], { key: 'allow_entities', expected: 'cilium-entity-name', ...foundJson(entity) });
      return false;
    });
    sandbox.allowEntities = ok;
  }
  if (ext.automountServiceAccountToken) sandbox.automountServiceAccountToken = ext.automountServiceAccountToken.value;
  if (ext.serviceAccountCreate) sandbox.serviceAccountCreate = ext.serviceAccountCreate.value;
  if (ext.serviceAccountName) sandbox.serviceAccountName = ext.serviceAccountName.value;
  // The chart fails on an account to create without a name; say so at the key instead.
  if (sandbox.serviceAccountCreate === true && !sandbox.serviceAccountName) ctx.report('C2A106', ext.serviceAccountCreate!.path);
  const denials = internalServicesEgress(ir, sandbox, ctx);
  return { ...ir, k8sSandbox: sandbox, ...(denials.length > 0 ? { k8sAdditionalResources: denials } : {}) };
}

/** Cilium entities that include addresses on the internet. */
const INTERNET_ENTITIES = new Set(['world', 'world-ipv4', 'world-ipv6', 'all']);
/** Entities for which the chart lets every pod look up any name (its DNS rule adds `*`). */
const ANY_NAME_ENTITIES = new Set(['world', 'all']);

/** An entity a deny of `world` leaves reachable: a variant of the catalogue's group `inClusterEntity`. */
type InClusterEntity = ArgsOf<'C2A315'>['entities'][number];

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');

/**
 * The deny policies (additionalResources entries) that keep services on internal networks
 * off the internet the sandbox allows, each reported at the `internal` key that asks for it.
 */
function internalServicesEgress(ir: LoweringIR, sandbox: LoweredSandbox, ctx: PassContext): AdditionalResource[] {
  const domains = sandbox.allowDomains ?? [];
  const entities = sandbox.allowEntities ?? [];
  const internet = domains.length > 0 || entities.some((e) => INTERNET_ENTITIES.has(e));
  const inCluster = entities
    .filter((e) => !INTERNET_ENTITIES.has(e) || e === 'all')
    .map((e): InClusterEntity => (e === 'all' ? { inClusterEntity: 'all' } : { inClusterEntity: 'named', entity: e }));
  if (!internet && inCluster.length === 0) return [];
  const out: AdditionalResource[] = [];
  for (const service of ir.services) {
    const networks = internalOnlyNetworks(ir, service);
    const name = service.k8s.name;
    if (!networks || name === undefined) continue;
    const first = ir.networks.find((n) => n.name === networks[0])!;
    const at = { path: first.internal!.path, key: true } as const;
    const described = { service: service.name, networks: quoted(networks), count: networks.length };
    // The reference converter ignores `internal` (the key table's `reference` column).
    if (referenceOutcome('network', 'internal', ctx.options.strict) === 'ignore') {
      ctx.report('C2A316', at, {
        ...described,
        reason: 'strict-keeps-reference-values',
        ...(domains.length > 0 ? { domains: domains.join(', ') } : {}),
        ...(entities.length > 0 ? { entities: entities.join(', ') } : {}),
      });
      continue;
    }
    if (!internet) {
      ctx.report('C2A316', at, { ...described, reason: 'in-cluster-entities-allowed', entities: inCluster });
      continue;
    }
    const lookups = entities.some((e) => ANY_NAME_ENTITIES.has(e))
      ? ({ lookups: 'any-name' } as const)
      : domains.length > 0
        ? ({ lookups: 'allowed-domains', domains: domains.join(', ') } as const)
        : {};
    ctx.report('C2A315', at, { ...described, ...lookups, entities: inCluster });
    out.push(denyInternetPolicy(service, name, networks));
  }
  return out;
}

/**
 * A CiliumNetworkPolicy, as a Helm template the chart renders with `tpl`, that denies the
 * pods of one service egress to everything outside the cluster. It selects pods as the
 * chart's own per-service policies do (namespace, the release's selector labels and
 * `inspect/service`), so it concerns only that service of this release, and carries the
 * sandbox's annotations and labels as the chart's objects do. `world` is every address
 * outside the cluster, the addresses allowed domains resolve to included; the CIDR rule
 * says the same for both address families, for a reader and for any Cilium that maps
 * `world` differently (CIDR rules never select addresses inside the cluster).
 */
function denyInternetPolicy(service: ServiceIR, name: string, networks: readonly string[]): string {
  return [
    'apiVersion: cilium.io/v2',
    'kind: CiliumNetworkPolicy',
    'metadata:',
    `  name: {{ include "agentEnv.fullname" . }}-svc-${name}-no-internet`,
    '  annotations:',
    '    {{- toYaml .Values.annotations | nindent 4 }}',
    '  labels:',
    '    {{- toYaml .Values.labels | nindent 4 }}',
    'spec:',
    '  description: |',
    `    Deny egress outside the cluster for workload "${name}" (Compose service "${service.name}"),`,
    `    whose Compose networks are all internal (${networks.join(', ')}). Deny rules take`,
    '    precedence over the sandbox\'s allowDomains and allowEntities.',
    '  endpointSelector:',
    '    matchLabels:',
    '      io.kubernetes.pod.namespace: {{ .Release.Namespace }}',
    '      {{- include "agentEnv.selectorLabels" . | nindent 6 }}',
    `      inspect/service: "${name}"`,
    '  egressDeny:',
    '    - toEntities:',
    '        - world',
    '    - toCIDR:',
    '        - "0.0.0.0/0"',
    '        - "::/0"',
    '',
  ].join('\n');
}
