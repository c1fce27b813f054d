// Pass — emit:values: the lowered IR → agent-env values, keys in the order the chart's
// values.yaml documents them. It is a projection: every service's target half is complete
// after the lowerings (passes/lower/container.ts is the last), so this pass only picks the
// chart's keys out of it, and decides nothing. Nothing is null: an absent setting is an
// absent key, and so is an empty list of allowed domains or entities, networks or volumes.
// The values are checked against our agent-env values schema; since every pass before this
// one checked its part, a problem there is a fault of the converter, not of the input.

import type { AgentEnvService, AgentEnvValues, LoweredIR } from '../ir.js';
import { formatPath } from '../../src/base/source.js';
import { catalogue } from '../../src/base/messages.js';
import { validateAgentEnvValues } from '../../src/chart/values/validate.js';

/** An agent-env service's keys, in the chart's order. */
const SERVICE_KEYS = [
  'runtimeClassName',
  'image',
  'command',
  'args',
  'workingDir',
  'dnsRecord',
  'additionalDnsRecords',
  'env',
  'volumes',
  'volumeMounts',
  'resources',
  'readinessProbe',
  'imagePullPolicy',
  'securityContext',
  'initContainers',
  'nodeSelector',
  'networks',
  'networkIsolated',
] as const satisfies readonly (keyof AgentEnvService)[];

/** The keys of `from` that are set, in the order given. */
function project<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}

export function emitValues(ir: LoweredIR): AgentEnvValues {
  const sandbox = ir.k8sSandbox ?? {};
  const services: Record<string, AgentEnvService> = {};
  for (const s of ir.services) services[s.k8s.name] = project(s.k8s, SERVICE_KEYS);
  const networks = ir.k8sNetworks ?? [];
  const volumes = ir.k8sVolumes ?? [];
  const values: AgentEnvValues = {
    ...(sandbox.allowDomains && sandbox.allowDomains.length > 0 ? { allowDomains: sandbox.allowDomains } : {}),
    ...(sandbox.allowEntities && sandbox.allowEntities.length > 0 ? { allowEntities: sandbox.allowEntities } : {}),
    ...(networks.length > 0 ? { networks: Object.fromEntries(networks.map((n) => [n, {}])) } : {}),
    services,
    ...(volumes.length > 0 ? { volumes: Object.fromEntries(volumes.map((v) => [v, {}])) } : {}),
    ...(ir.k8sAdditionalResources ? { additionalResources: ir.k8sAdditionalResources } : {}),
    ...(ir.k8sAnnotations ? { annotations: ir.k8sAnnotations } : {}),
    ...project(sandbox, ['automountServiceAccountToken', 'serviceAccountCreate', 'serviceAccountName']),
  };
  const problems = validateAgentEnvValues(values);
  if (problems.length > 0) {
    const list = problems.map((p) => `${formatPath(p.path)}: ${catalogue.C2A100.message(p.problem)}`).join('; ');
    throw new Error(`internal: the converted values do not match the agent-env values schema: ${list}`);
  }
  return values;
}
