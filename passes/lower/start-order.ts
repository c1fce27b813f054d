// Pass — lower:start-order: services that run once, and the services that wait for them.
//
// Compose starts a service that depends on another with `condition:
// service_completed_successfully` only after that one has run to completion (exit 0); such
// one-shot services prepare things (secrets, database seeds in shared volumes) that their
// dependents read when they start. The chart runs every service as a StatefulSet, whose
// containers Kubernetes restarts whenever they exit, and starts them all together; converted
// as it is, a one-shot service would restart forever, keep the sandbox from becoming ready,
// and its dependents would race it.
//
// So a service others wait for to complete runs its program through a small shell wrapper:
// when the program exits 0 the wrapper writes a marker into a memory-backed volume and then
// idles (as the chart's own keep-alive does, `tail -f /dev/null`); a failure exits with the
// program's status, so Kubernetes retries it, as `restart: on-failure` would. Its readiness
// probe is the marker, so the sandbox (installed with `helm --wait`) is ready only once the
// program has completed. Each service that waits for it gets an init container, in the
// one-shot service's image, that polls the cluster DNS for the one-shot service's headless
// Service: Kubernetes publishes a pod's address there only while the pod is ready, that is,
// after completion. Init containers run before the pod's CoreDNS sidecar, so they use the
// cluster DNS, under the name `$AGENT_ENV-<service>` (the chart gives init containers
// AGENT_ENV for exactly this); the sandbox's egress policy allows lookups of the release
// namespace's services.
//
// The wrapper must know the program: a Compose `entrypoint` replaces both the image's
// ENTRYPOINT and CMD, so with it the program is known; with only `command` the command is
// taken as the whole program (a warning says so); with neither, the program is the image's
// own and the file is refused. The wrapper and the waits need /bin/sh (and getent or
// nslookup, and sleep, for the waits) in the one-shot service's image.
//
// A one-shot service nothing waits for stays a StatefulSet that Kubernetes restarts forever,
// never ready. That is warned about where the file proves the program ends (its command line,
// read by passes/support/program-ends.ts) and Compose would leave it exited (`restart` unset, `no` or
// `on-failure`; `always` and `unless-stopped` restart it under Docker too). So is a service
// other than the default one with `tty: true` or `stdin_open: true` and no command whose image
// is a plain OS or language image (ubuntu, python, …): its program is a shell or REPL, which
// Docker keeps waiting on the terminal and which exits at once without one. Other images are
// not warned about: in the corpus, `tty: true` is mostly set on servers, out of habit. (The
// default service keeps the chart's keep-alive instead.)

import type { Context } from '../../src/base/diagnostics.js';
import type { PassContext } from '../context.js';
import { toDnsName } from '../support/dns-names.js';
import type { LoweringIR, Dependency, InitContainer, ServiceIR } from '../ir.js';
import { howProgramEnds, runsShell } from '../support/program-ends.js';
import { MARKER, MARKER_DIR, MARKER_VOLUME, SHELL, WAIT, WRAPPER } from '../support/start-order-scripts.js';
import { CHART_CONTAINER } from '../../src/chart/render/pod-names.js';

const valuesName = (s: ServiceIR) => s.k8s.name ?? s.name;

/**
 * The services some other service waits for to complete (`condition:
 * service_completed_successfully`): they run once, behind the wrapper and its own probe.
 */
export function awaitedToComplete(services: readonly ServiceIR[]): Set<string> {
  const names = new Set(services.map((s) => s.name));
  return new Set(
    services.flatMap((s) => (s.dependsOn ?? []).filter((d) => d.condition === 'service_completed_successfully' && names.has(d.service)).map((d) => d.service)),
  );
}

export function lowerStartOrder(ir: LoweringIR, ctx: PassContext): LoweringIR {
  const byName = new Map(ir.services.map((s, i) => [s.name, i]));

  // The waits for completion, D → S, of dependencies that exist.
  const waits: { from: number; to: number; dependency: Dependency }[] = [];
  ir.services.forEach((s, from) => {
    for (const dependency of s.dependsOn ?? []) {
      const to = byName.get(dependency.service);
      if (to === undefined) {
        // As Compose: `required: false` spares only a service left out by profiles (the
        // composition pass drops those dependencies), never one that is not defined.
        const at = typeof dependency.path[dependency.path.length - 1] === 'string' ? { path: dependency.path, key: true as const } : dependency.path;
        ctx.report('C2A307', at, { service: s.name, other: dependency.service });
        continue;
      }
      if (dependency.condition === 'service_completed_successfully') waits.push({ from, to, dependency });
    }
  });
  warnExits(ir.services, new Set(waits.map((w) => ir.services[w.to]!.name)), ctx);
  if (waits.length === 0) return ir;
  if (reportCycle(ir, waits, ctx)) return ir;

  const runOnce = [...new Set(waits.map((w) => w.to))];
  const wrapped = new Map<number, { command: string[]; args: string[] }>();
  for (const index of runOnce) {
    const s = ir.services[index]!;
    const waiters = waits.filter((w) => w.to === index).map((w) => ir.services[w.from]!);
    const program = programOf(s, waiters[0]!, ctx.options.strict, ctx);
    if (!program) continue;
    ctx.report('C2A302', { path: s.path, key: true }, {
      service: s.name,
      waiters: waiters.map((w) => `'${w.name}'`).join(', '),
      healthcheck: s.healthcheck !== undefined && !s.healthcheck.disabled,
    });
    wrapped.set(index, { command: [SHELL, '-c', WRAPPER, valuesName(s)], args: program });
  }

  const initContainers = new Map<number, InitContainer[]>();
  for (const { from, to, dependency } of waits) {
    const waiter = ir.services[from]!;
    const target = ir.services[to]!;
    if (!wrapped.has(to)) continue;
    if (waiter.k8s.networkIsolated) {
      ctx.report('C2A305', dependency.path, { service: waiter.name, other: target.name });
      continue;
    }
    const list = initContainers.get(from) ?? [];
    const awaited = valuesName(target);
    if (list.some((c) => c.args?.[1] === awaited)) continue; // two depends_on entries for one service
    list.push({
      name: containerName(`wait-for-${awaited}`, [valuesName(waiter), CHART_CONTAINER, ...list.map((c) => c.name)]),
      image: target.image?.value ?? '',
      ...(target.pullPolicy ? { imagePullPolicy: target.pullPolicy.value } : {}),
      command: [SHELL, '-c', WAIT],
      args: ['wait-for', awaited],
    });
    initContainers.set(from, list);
  }

  return {
    ...ir,
    services: ir.services.map((s, i) => {
      const program = wrapped.get(i);
      const inits = initContainers.get(i);
      if (!program && !inits) return s;
      return { ...s, k8s: { ...s.k8s, ...(program ? runOnceParts(s, program) : {}), ...(inits ? { initContainers: inits } : {}) } };
    }),
  };
}

/** Under Compose, what happens after the program ends, by `restart` (C2A327's `restart`); undefined: restarted too. */
function afterExit(s: ServiceIR): { restart: 'default' | 'no' } | { restart: 'on-failure'; policy: string } | undefined {
  const restart = s.restart?.value;
  if (restart === undefined) return { restart: 'default' };
  if (restart === 'no') return { restart: 'no' };
  if (restart.startsWith('on-failure')) return { restart: 'on-failure', policy: restart };
  return undefined;
}

/** C2A327 and C2A328: services that end on their own, which nothing waits for. */
function warnExits(services: readonly ServiceIR[], runOnce: Set<string>, ctx: Context): void {
  for (const s of services) {
    if (runOnce.has(s.name)) continue;
    // The default service without an entrypoint runs the chart's keep-alive, unless it clears
    // the command to run its image's entrypoint (lower:default-service).
    const isDefault = s.k8s.name === 'default';
    if (isDefault && s.entrypoint === undefined && !s.k8s.clearCommand) continue;
    const program = [...(s.entrypoint?.words ?? []), ...(s.command?.words ?? [])];
    if (program.length === 0) {
      if (!isDefault && s.keepsShellWaiting && s.image && !s.builtImage && runsShell(s.image.value)) {
        const key = s.keepsShellWaiting.path[s.keepsShellWaiting.path.length - 1];
        ctx.report('C2A328', { path: s.keepsShellWaiting.path, key: true }, { service: s.name, key: String(key), image: s.image.value });
      }
      continue;
    }
    const how = howProgramEnds(program);
    const compose = afterExit(s);
    if (how && compose) ctx.report('C2A327', (s.command ?? s.entrypoint)!.path, { service: s.name, ...how, ...compose });
  }
}

/** The program the one-shot service runs, as Compose would run it; undefined when unknown. */
function programOf(s: ServiceIR, waiter: ServiceIR, strict: boolean, ctx: Context): string[] | undefined {
  const entrypoint = s.entrypoint?.words;
  const command = s.command?.words ?? [];
  // A Compose entrypoint replaces the image's ENTRYPOINT and its CMD; after an empty one the
  // command runs alone.
  if (entrypoint !== undefined && entrypoint.length + command.length > 0) return [...entrypoint, ...command];
  if (entrypoint === undefined && command.length > 0) {
    ctx.report('C2A304', s.command!.path, { service: s.name });
    return command;
  }
  // An empty entrypoint without a command is refused already (lower:default-service, C2A310).
  if (entrypoint !== undefined && !strict) return undefined;
  ctx.report('C2A303', { path: s.path, key: true }, { service: s.name, waiter: waiter.name });
  return undefined;
}

/** The wrapper, its marker volume, and the readiness probe that waits for the marker. */
function runOnceParts(s: ServiceIR, process: { command: string[]; args: string[] }) {
  return {
    process,
    clearCommand: false,
    volumes: [...(s.k8s.volumes ?? []), { name: MARKER_VOLUME, emptyDir: { medium: 'Memory' as const } }],
    volumeMounts: [...(s.k8s.volumeMounts ?? []), { name: MARKER_VOLUME, mountPath: MARKER_DIR }],
    readinessProbe: { exec: { command: [SHELL, '-c', `test -e ${MARKER}`] }, periodSeconds: 2 },
  };
}

/**
 * A container name: a DNS label of at most 63 characters, unique in the pod, whose other
 * containers (`taken`) are the service's own, the chart's DNS server and earlier init
 * containers (a service named `wait-for-db` may itself wait for db).
 */
function containerName(wanted: string, taken: readonly string[]): string {
  // `wanted` is `wait-for-<a DNS label>`: only its length can make it invalid.
  const fit = (name: string, room: number) => toDnsName(name, room, false)!;
  let name = fit(wanted, 63);
  for (let n = 2; taken.includes(name); n++) name = `${fit(wanted, 63 - `-${n}`.length)}-${n}`;
  return name;
}

/** Reports the first cycle of waits for completion; true when there is one. */
function reportCycle(ir: LoweringIR, waits: readonly { from: number; to: number; dependency: Dependency }[], ctx: Context): boolean {
  const state = new Map<number, 'active' | 'done'>();
  const stack: number[] = [];
  const visit = (i: number): boolean => {
    state.set(i, 'active');
    stack.push(i);
    for (const w of waits.filter((w) => w.from === i)) {
      if (state.get(w.to) === 'active') {
        const cycle = [...stack.slice(stack.indexOf(w.to)), w.to].map((k) => ir.services[k]!.name);
        ctx.report('C2A306', w.dependency.path, { chain: cycle.join(' → ') });
        return true;
      }
      if (!state.has(w.to) && visit(w.to)) return true;
    }
    stack.pop();
    state.set(i, 'done');
    return false;
  };
  return ir.services.some((_, i) => !state.has(i) && visit(i));
}
