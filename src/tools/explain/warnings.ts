// What widens access compared with the chart's defaults — gVisor, no capabilities beyond
// the image's, no API token, no internet, ingress only from the sandbox — read off the
// other sections of the explanation, most dangerous first (by level, then by kind in
// the order of WARNING_KINDS). Then what keeps a pod from becoming ready, which the
// sandbox needs to start: a program that ends (Kubernetes restarts it in a back-off loop),
// a readiness probe whose checks get Kubernetes' 1 s timeout or wait an initial delay.

import { chartDefaults } from '../../chart/render/chart-defaults.js';
import { INTERNET_CIDRS, INTERNET_ENTITIES } from './egress.js';
import type { Inventory } from './inventory.js';
import { WARNING_KINDS, type ContainerSummary, type EgressGroup, type ExplainWarning, type PodSummary, type ReachabilitySection, type WarningKind, type WarningLevel } from './model.js';
import { howProgramEnds, runsShell, type ProgramEnding } from '../../../passes/support/program-ends.js';
import { catalogue } from '../../base/messages.js';
import { runOnceProgram } from '../../../passes/support/start-order-scripts.js';
import { COREDNS_CONTAINER } from './pods.js';
import { portSetText } from './ports.js';
import { list, table, text, type Tree } from './tree.js';

interface Sections {
  pods: PodSummary[];
  reachability: ReachabilitySection;
  egress: EgressGroup[];
}

/** Capabilities the chart itself grants the CoreDNS sidecar (it binds port 53). */
function sidecarDefaultCapabilities(): string[] {
  return list(table(table(chartDefaults().corednsSecurityContext).capabilities).add).map((c) => String(c));
}

function who(container: ContainerSummary): string {
  return container.role === 'main' ? '' : ` (${container.role} container ${container.name})`;
}

/** Adds a finding about a subject (a pod, or pods); the message names the subject. */
type Add = (kind: WarningKind, level: WarningLevel, message: (subject: string) => string) => void;

function podWarnings(pod: PodSummary, add: Add): void {
  if (pod.runtimeClass === undefined) {
    add('runtime-not-gvisor', 'danger', (s) => `${s}: cluster's default runtime (usually runc), NOT gVisor: processes share the node's kernel`);
  } else if (!pod.sandboxed) {
    add('runtime-not-gvisor', 'danger', (s) => `${s}: runtime class '${pod.runtimeClass}', NOT gVisor`);
  }
  const sidecarCaps = sidecarDefaultCapabilities();
  for (const container of pod.containers) {
    const security = container.security;
    if (security.privileged) add('privileged', 'danger', (s) => `${s}${who(container)}: PRIVILEGED, full access to the node's devices and kernel features`);
    const added = container.role === 'sidecar' && container.name === COREDNS_CONTAINER
      ? security.capabilitiesAdded.filter((c) => !sidecarCaps.includes(c))
      : security.capabilitiesAdded;
    if (added.length > 0) add('capabilities-added', 'warning', (s) => `${s}${who(container)}: capabilities added: ${added.join(', ')}`);
    if (security.seccompProfile === 'Unconfined') add('seccomp-unconfined', 'warning', (s) => `${s}${who(container)}: no seccomp profile (Unconfined)`);
  }
  const hostNamespaces = [pod.hostNetwork && 'network', pod.hostPID && 'PID', pod.hostIPC && 'IPC'].filter(Boolean);
  if (hostNamespaces.length > 0) add('host-namespace', 'danger', (s) => `${s}: shares the node's ${hostNamespaces.join(', ')} namespace(s)`);
  for (const volume of pod.volumes) {
    if (volume.kind === 'hostPath') add('host-path-volume', 'danger', (s) => `${s}: mounts the node's ${volume.source}`);
  }
  if (pod.serviceAccount.automountToken) {
    add('service-account-token', 'danger', (s) => `${s}: Kubernetes API token mounted (service account ${pod.serviceAccount.name ?? 'default'})`);
  } else if (pod.serviceAccount.name !== undefined) {
    add('service-account', 'warning', (s) => `${s}: service account ${pod.serviceAccount.name} (no API token mounted; cloud workload identity may still apply)`);
  }
}

/** Kubernetes' probe timeout when none is set, in seconds. */
const DEFAULT_PROBE_TIMEOUT = 1;

/** How a program ends, in the words of C2A327's variant (its placeholders filled). */
function endingText(ending: ProgramEnding): string {
  const text = catalogue.C2A327.variants!.ending![ending.ending]!.how!;
  return text.replace(/%([A-Za-z_]\w*)%/g, (_, name: string) => String((ending as Record<string, unknown>)[name]));
}

/** What keeps the pod's main container from running and becoming ready. */
function readinessWarnings(pod: PodSummary, add: (kind: WarningKind, message: string) => void): void {
  // A run-once wrapper ends its program on purpose, and its probe only tests for a file.
  if (runOnceProgram(pod.command, pod.args)) return;
  // Without a command the image's ENTRYPOINT runs, which commonly runs its arguments.
  const program = pod.command !== undefined ? [...pod.command, ...(pod.args ?? [])] : (pod.args ?? []);
  const ending = howProgramEnds(program);
  const how =
    (ending && endingText(ending)) ??
    (pod.command === undefined && pod.args === undefined && runsShell(pod.image) ? `runs the program of ${pod.image}, a shell or interpreter, which ends at once without a terminal` : undefined);
  if (how) add('program-ends', `${pod.service}: ${how}; Kubernetes restarts it in a back-off loop (CrashLoopBackOff), so it is never ready`);
  const probe = pod.probes.readiness;
  if (!probe) return;
  if (probe.timeoutSeconds === undefined) {
    add('probe-timing', `${pod.service}: each readiness check gets ${DEFAULT_PROBE_TIMEOUT} s (Kubernetes' default timeout): a slower check fails and keeps it unready`);
  }
  if (probe.initialDelaySeconds !== undefined && probe.initialDelaySeconds > 0) {
    add('probe-timing', `${pod.service}: no readiness check runs in its first ${probe.initialDelaySeconds} s (initialDelaySeconds): it is not ready before`);
  }
}

function egressWarnings(group: EgressGroup, add: (kind: WarningKind, level: WarningLevel, message: string) => void): void {
  const { access } = group;
  const pods = group.services.join(', ');
  if (!access.enforced) {
    add('no-egress-policy', 'danger', `${pods}: no egress policy applies, UNRESTRICTED network access inside and outside the cluster`);
    return;
  }
  if (access.denyAll) return;
  if (access.unrestrictedInternet) {
    const how = [
      ...access.entities.filter((e) => INTERNET_ENTITIES.has(e.entity)).map((e) => `entity ${e.entity} (${portSetText(e.ports)})`),
      ...access.cidrs.filter((c) => INTERNET_CIDRS.has(c.cidr)).map((c) => `${c.cidr} (${portSetText(c.ports)})`),
      ...access.domains.filter((d) => d.pattern === '*').map(() => 'every domain (*), no identity check'),
    ];
    add('unrestricted-internet', 'danger', `${pods}: UNRESTRICTED INTERNET, via ${how.join(', ')}`);
  }
  if (access.dnsLookups.includes('*')) add('dns-any-name', 'warning', `${pods}: may look up any DNS name (a channel out of the sandbox even without other egress)`);
  if (access.domains.length > 0) {
    const patterns = access.domains.map((d) => d.pattern);
    const named = patterns.length > 4 ? `${patterns.slice(0, 3).join(', ')} and ${patterns.length - 3} more domains` : patterns.join(', ');
    add('egress-domains', 'warning', `${pods}: can reach ${named}`);
    const unchecked = access.domains.flatMap((d) =>
      d.ports.filter((p) => p.identity === 'none').map((p) => `${d.pattern} ${p.port === 0 ? 'all ports' : `${p.protocol.toLowerCase()}/${p.port}${p.endPort ? `-${p.endPort}` : ''}`}`),
    );
    if (unchecked.length > 0) {
      add('egress-unchecked-ports', 'warning', `${pods}: no identity check (any host behind the resolved addresses) on ${unchecked.join('; ')}`);
    }
  }
  const entities = access.entities.filter((e) => !INTERNET_ENTITIES.has(e.entity));
  if (entities.length > 0) add('egress-entities', 'warning', `${pods}: can reach entities ${entities.map((e) => `${e.entity} (${portSetText(e.ports)})`).join(', ')}`);
  const cidrs = access.cidrs.filter((c) => !INTERNET_CIDRS.has(c.cidr));
  if (cidrs.length > 0) add('egress-cidrs', 'warning', `${pods}: can reach ${cidrs.map((c) => `${c.cidr} (${portSetText(c.ports)})`).join(', ')}`);
  if (access.clusterEndpoints.length > 0) {
    add('egress-cluster-endpoints', 'warning', `${pods}: can reach pods outside the sandbox: ${access.clusterEndpoints.map((e) => `${e.selector} (${portSetText(e.ports)})`).join('; ')}`);
  }
  if (access.otherRules.length > 0) add('egress-other-rules', 'warning', `${pods}: egress rules not summarised here: ${access.otherRules.join('; ')}`);
}

const LEVEL_ORDER: Record<WarningLevel, number> = { danger: 0, warning: 1 };

/** Whether an object is a CiliumNetworkPolicy whose rules are all deny rules. */
function onlyDenies(object: Tree): boolean {
  if (text(object.apiVersion) !== 'cilium.io/v2' || text(object.kind) !== 'CiliumNetworkPolicy') return false;
  const spec = table(object.spec);
  const denies = list(spec.egressDeny).length + list(spec.ingressDeny).length;
  const allowsOrOther = Object.keys(spec).filter((key) => !['description', 'endpointSelector', 'egressDeny', 'ingressDeny'].includes(key));
  return denies > 0 && allowsOrOther.length === 0;
}

export function explainWarnings(inventory: Inventory, sections: Sections): ExplainWarning[] {
  const warnings: ExplainWarning[] = [];
  const forServices =
    (services: string[]) =>
    (kind: WarningKind, level: WarningLevel, message: string): void => {
      warnings.push({ kind, level, services, message });
    };
  // The same finding about several pods is one warning naming them all.
  const podFindings = new Map<string, { kind: WarningKind; level: WarningLevel; message: (subject: string) => string; services: string[] }>();
  for (const pod of sections.pods) {
    podWarnings(pod, (kind, level, message) => {
      const key = JSON.stringify([kind, level, message('\u0000')]);
      const finding = podFindings.get(key);
      if (finding) finding.services.push(pod.service);
      else podFindings.set(key, { kind, level, message, services: [pod.service] });
    });
  }
  for (const { kind, level, message, services } of podFindings.values()) {
    warnings.push({ kind, level, services, message: message(services.join(', ')) });
  }
  for (const group of sections.egress) egressWarnings(group, forServices(group.services));
  for (const pod of sections.pods) readinessWarnings(pod, (kind, message) => forServices([pod.service])(kind, 'warning', message));
  for (const entry of sections.reachability.ingress) {
    if (!entry.enforced) {
      forServices([entry.service])('no-ingress-policy', 'danger', `${entry.service}: no ingress policy applies, any pod of the cluster may connect`);
    }
    if (entry.fromOutside.length > 0) {
      forServices([entry.service])('ingress-from-outside', 'danger', `${entry.service}: admits connections from outside the sandbox: ${entry.fromOutside.join('; ')}`);
    }
  }
  for (const service of inventory.services) {
    const spec = table(service.spec);
    const type = text(spec.type);
    const exposed = type === 'NodePort' || type === 'LoadBalancer' || list(spec.externalIPs).length > 0;
    if (exposed) {
      const name = text(table(service.metadata).name) ?? '(unnamed)';
      forServices([])('exposed-service', 'danger', `Service ${name} is exposed outside the cluster (${type ?? 'externalIPs'})`);
    }
  }
  // A Cilium policy of deny rules only can take access away, never give it: not a widening.
  const widening = inventory.additional.filter((o) => !onlyDenies(o.object));
  if (widening.length > 0) {
    const objects = widening.map((o) => `${o.kind} ${o.name}`).join(', ');
    forServices([])(
      'additional-resources',
      'warning',
      `additionalResources adds ${objects}; Cilium policies among them are part of this analysis, other objects (RBAC, NetworkPolicy, …) are not`,
    );
  }
  return warnings
    .map((w, i) => ({ w, i }))
    .sort(
      (a, b) =>
        LEVEL_ORDER[a.w.level] - LEVEL_ORDER[b.w.level] || WARNING_KINDS.indexOf(a.w.kind) - WARNING_KINDS.indexOf(b.w.kind) || a.i - b.i,
    )
    .map(({ w }) => w);
}
