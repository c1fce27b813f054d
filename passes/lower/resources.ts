// Pass — lower:resources: requests and limits, the readiness probe, the node selector.
//
// deploy.resources (or, without it, mem_limit/cpus/mem_reservation) become limits and
// requests; when only limits are given, requests copy them, as the chart recommends for
// Guaranteed QoS. GPU reservations become nvidia.com/gpu. The per-service extension's
// resources merge in, and a key set both ways is an error rather than a silent override.
// A healthcheck becomes an exec readiness probe (retries N → failureThreshold N+1). The
// `platform` architecture becomes a nodeSelector on kubernetes.io/arch.
//
// The probe keeps the durations the file writes, as the reference converter does, but what
// the file leaves to Docker's defaults Kubernetes fills with its own, and a readiness probe
// decides more than a Docker healthcheck: until a check passes the pod is not ready, its
// headless Service publishes no address (the name does not resolve), and the sandbox,
// installed with `helm --wait`, does not start. So where the timing differs in a way that
// matters, one warning per healthcheck lists how: an unset timeout is 1 s, not Docker's 30 s
// (a slower check always fails); a start_period becomes initialDelaySeconds, during which no
// check runs at all, where Docker checks every start_interval (5 s by default) and is healthy
// at the first check that passes. An unset interval (10 s, not 30 s) only checks sooner, so
// it is listed when the warning is given but never gives one alone. A service others wait
// for to complete gets a probe of its own (lower:start-order), so its healthcheck is skipped.

import type { Context } from '../../src/base/diagnostics.js';
import type { ArgsOf } from '../../src/base/messages.js';
import type { PassContext } from '../context.js';
import type { LoweringIR, ExecProbe, Healthcheck, Quantity, ResourceRequirements, ResourceSpec, ServiceIR } from '../ir.js';
import { awaitedToComplete } from './start-order.js';

/** Docker's healthcheck defaults, in seconds (Kubernetes': period 10, timeout 1). */
const DOCKER_INTERVAL = 30;
const DOCKER_TIMEOUT = 30;
const DOCKER_START_INTERVAL = 5;
const K8S_PERIOD = 10;
const K8S_TIMEOUT = 1;

const ARCHITECTURES: Record<string, string> = {
  amd64: 'amd64',
  x86_64: 'amd64',
  arm64: 'arm64',
  aarch64: 'arm64',
  arm: 'arm',
  '386': '386',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};

export function lowerResources(ir: LoweringIR, ctx: PassContext): LoweringIR {
  const runOnce = awaitedToComplete(ir.services);
  return { ...ir, services: ir.services.map((s) => lowerService(s, !runOnce.has(s.name), ctx)) };
}

function quantities(spec: ResourceSpec | undefined): Record<string, Quantity> | undefined {
  if (!spec) return undefined;
  const out: Record<string, Quantity> = {};
  if (spec.cpus) out.cpu = spec.cpus.value;
  if (spec.memory) out.memory = spec.memory.value;
  if (spec.gpus) out['nvidia.com/gpu'] = spec.gpus.value;
  return out;
}

/**
 * The resources as the reference converter builds them: a section that was written stays,
 * even when it ends up empty, and so does `resources: {}` when deploy.resources or the
 * extension's resources were given. The chart renders a non-empty `resources` as it is (so
 * `limits: {}` means no limits) and an empty one as its default limits.
 */
function resources(s: ServiceIR, ctx: Context): ResourceRequirements | undefined {
  const limits = quantities(s.resources.limits);
  let requests = quantities(s.resources.reservations);
  // Extended resources such as GPUs must be limited as much as they are requested.
  const gpus = requests?.['nvidia.com/gpu'];
  const out: ResourceRequirements = {};
  if (limits || gpus !== undefined) out.limits = { ...limits, ...(gpus !== undefined ? { 'nvidia.com/gpu': gpus } : {}) };
  if (limits && !requests) requests = { ...limits };
  if (requests) out.requests = requests;
  const extra = s.extension?.resources;
  if (extra) {
    for (const section of ['requests', 'limits'] as const) {
      const values = extra[section];
      if (!values) continue;
      const target: Record<string, Quantity> = { ...out[section] };
      for (const [key, value] of Object.entries(values)) {
        if (key in target) {
          ctx.report('C2A086', [...s.extension!.path, 'resources', section, key], { section, key, existing: String(target[key]) });
          continue;
        }
        target[key] = value;
      }
      out[section] = target;
    }
  }
  const given = s.resources.fromDeploy || extra !== undefined || out.limits !== undefined || out.requests !== undefined;
  return given ? out : undefined;
}

/** C2A326 when the probe's timing differs from Docker's in a way that matters. */
function warnTiming(service: string, h: Healthcheck, ctx: Context): void {
  const differences: ArgsOf<'C2A326'>['differences'] = [];
  const hints: ArgsOf<'C2A326'>['hints'] = [];
  if (h.timeoutSeconds === undefined) {
    differences.push({ timingDifference: 'default-timeout', kubernetesTimeout: K8S_TIMEOUT, dockerTimeout: DOCKER_TIMEOUT });
    hints.push({ timingHint: 'timeout' });
  }
  if (h.startPeriodSeconds !== undefined && h.startPeriodSeconds > 0) {
    differences.push({ timingDifference: 'start-period', startPeriod: h.startPeriodSeconds, every: h.startIntervalSeconds ?? DOCKER_START_INTERVAL });
    hints.push({ timingHint: 'start-period' });
  }
  if (differences.length === 0) return;
  if (h.intervalSeconds === undefined) differences.push({ timingDifference: 'default-interval', kubernetesPeriod: K8S_PERIOD, dockerInterval: DOCKER_INTERVAL });
  ctx.report('C2A326', { path: h.path, key: true }, { service, differences, hints });
}

function probe(s: ServiceIR, checkTiming: boolean, ctx: Context): ExecProbe | undefined {
  const h = s.healthcheck;
  if (!h) return undefined;
  if (h.disabled || h.test.kind === 'none') {
    ctx.report('C2A084', h.path);
    return undefined;
  }
  if (h.test.kind !== 'exec') return undefined;
  if (checkTiming) warnTiming(s.name, h, ctx);
  return {
    exec: { command: h.test.command },
    ...(h.startPeriodSeconds !== undefined ? { initialDelaySeconds: h.startPeriodSeconds } : {}),
    ...(h.intervalSeconds !== undefined ? { periodSeconds: h.intervalSeconds } : {}),
    ...(h.timeoutSeconds !== undefined ? { timeoutSeconds: h.timeoutSeconds } : {}),
    ...(h.retries !== undefined ? { failureThreshold: h.retries + 1 } : {}),
  };
}

function nodeSelector(s: ServiceIR, ctx: Context): Record<string, string> | undefined {
  if (!s.platform) return undefined;
  const [os, arch, variant] = s.platform.value.toLowerCase().split('/');
  const k8sArch = arch === undefined ? undefined : ARCHITECTURES[arch];
  if (os !== 'linux' || k8sArch === undefined || (variant !== undefined && k8sArch !== 'arm' && k8sArch !== 'arm64')) {
    ctx.report('C2A046', s.platform.path, { platform: s.platform.value });
    return undefined;
  }
  return { 'kubernetes.io/arch': k8sArch };
}

function lowerService(s: ServiceIR, checkTiming: boolean, ctx: Context): ServiceIR {
  const r = resources(s, ctx);
  const p = probe(s, checkTiming, ctx);
  const n = nodeSelector(s, ctx);
  if (!r && !p && !n) return s;
  return {
    ...s,
    k8s: { ...s.k8s, ...(r ? { resources: r } : {}), ...(p ? { readinessProbe: p } : {}), ...(n ? { nodeSelector: n } : {}) },
  };
}
