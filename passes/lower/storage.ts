// Pass — lower:storage: volumes and memory-backed mounts.
//
// Named volumes become the chart's shared claims, mounted with `<volume>:<path>` strings;
// their names are made valid the way the reference converter does (`_` and `.` to `-`,
// lower case) and two names that collide are an error. The chart mounts claims read-write
// only, so `:ro` on a named volume is warned about (the string keeps it, as the reference
// converter's does). Anonymous volumes become emptyDirs; tmpfs mounts, `tmpfs:` entries and
// `shm_size` become memory-backed emptyDirs (with their size as the sizeLimit, and read-only
// where asked). Two mounts at one path are an error. Bind mounts are left to lower:files,
// which reads the project's files from the host.
//
// `volumes_from` is resolved first: the named volumes and bind mounts of the other service
// (also those it takes from others) are mounted at the same paths, read-only when the
// entry says `:ro`; a path the service mounts itself keeps its own mount, as in Docker. An
// anonymous volume cannot be shared (each pod has its own emptyDir), so it is refused.
//
// Docker Compose fills an empty named volume, when a container first mounts it, with the
// files its image has at the mount path (unless the mount says `nocopy`); a database image's
// initial data directory or a web root arrive that way. A claim starts empty and Kubernetes
// copies nothing, so the image's files there are hidden: that is warned about once per
// volume, at the mount Docker would fill it from (the first service to start, depends_on
// first, then file order), unless every mount of it says `nocopy`.

import { posix } from 'node:path';
import type { Context } from '../../src/base/diagnostics.js';
import type { PassContext } from '../context.js';
import type { LoweringIR, Path, PodVolume, ServiceIR, ServiceVolume, VolumeMount } from '../ir.js';
import { SERVICE_NAME } from '../support/dns-names.js';
import { claimNameProblem, judgedRelease } from '../../src/chart/render/pod-names.js';
import { foundJson } from '../support/found.js';

/** What is already mounted at a path (C2A049 names it when a second mount comes). */
type Occupant = { occupant: 'volume'; volume: string } | { occupant: 'tmpfs' } | { occupant: 'anonymous-volume' };
const TMPFS: Occupant = { occupant: 'tmpfs' };

/** The reference converter's rule, kept so volume names match its output. */
function volumeName(name: string): string {
  return name.replace(/[_.]/g, '-').toLowerCase();
}

export function lowerStorage(ir: LoweringIR, ctx: PassContext): LoweringIR {
  const names = new Map<string, string>();
  const owner = new Map<string, string>();
  const judged = judgedRelease({}, ctx.release);
  for (const volume of ir.volumes) {
    const name = volumeName(volume.name);
    if (!SERVICE_NAME.test(name)) {
      ctx.report('C2A073', { path: volume.path, key: true }, { name: volume.name });
      continue;
    }
    // The chart names the pod volume of the claim `<fullname>-<volume>`.
    const problem = claimNameProblem(judged, name);
    if (problem) {
      ctx.report('C2A321', { path: volume.path, key: true }, {
        subject: 'volume',
        volume: volume.name,
        ...(name !== volume.name ? { valuesName: name } : {}),
        ...problem,
        ...judged.described,
      });
    }
    const other = owner.get(name);
    if (other !== undefined) {
      ctx.report('C2A054', { path: volume.path, key: true }, { kind: 'volume', name: volume.name, other, valuesName: name });
      continue;
    }
    owner.set(name, volume.name);
    names.set(volume.name, name);
  }
  warnHiddenImageFiles(ir.services, names, ctx);
  return {
    ...ir,
    k8sVolumes: [...names.values()],
    services: withVolumesFrom(ir.services, ctx).map((s) => lowerService(s, names, ctx)),
  };
}

/**
 * The services in the order Docker Compose starts them: each after the services it depends
 * on, otherwise in file order (a cycle, refused by lower:start-order, is cut where found).
 */
function startOrder(services: readonly ServiceIR[]): ServiceIR[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const order: ServiceIR[] = [];
  const seen = new Set<string>();
  const visit = (s: ServiceIR) => {
    if (seen.has(s.name)) return;
    seen.add(s.name);
    for (const d of s.dependsOn ?? []) {
      const other = byName.get(d.service);
      if (other) visit(other);
    }
    order.push(s);
  };
  services.forEach(visit);
  return order;
}

/** C2A325 for each declared volume some service mounts without `nocopy`. */
function warnHiddenImageFiles(services: readonly ServiceIR[], claims: Map<string, string>, ctx: Context): void {
  const mounts = new Map<string, { service: ServiceIR; volume: Extract<ServiceVolume, { type: 'volume' }> }[]>();
  for (const service of startOrder(services)) {
    for (const v of service.volumes) {
      if (v.type !== 'volume' || !claims.has(v.source) || !v.target.startsWith('/')) continue;
      mounts.set(v.source, [...(mounts.get(v.source) ?? []), { service, volume: v }]);
    }
  }
  for (const [volume, list] of mounts) {
    const filler = list.find((m) => !m.volume.nocopy);
    if (!filler) continue;
    const others = [...new Set(list.map((m) => m.service.name))].filter((n) => n !== filler.service.name);
    ctx.report('C2A325', filler.volume.path, {
      volume,
      target: filler.volume.target,
      service: filler.service.name,
      ...(others.length > 0 ? { others: others.map((n) => `'${n}'`).join(', ') } : {}),
    });
  }
}

/** The services with the volumes they take from others (`volumes_from`) added. */
function withVolumesFrom(services: readonly ServiceIR[], ctx: Context): ServiceIR[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const resolved = new Map<string, ServiceVolume[]>();
  const resolving = new Set<string>();
  const volumesOf = (s: ServiceIR): ServiceVolume[] => {
    const known = resolved.get(s.name);
    if (known) return known;
    resolving.add(s.name);
    const own = new Set(s.volumes.map((v) => (v.type === 'other' ? undefined : posix.normalize(v.target))));
    const taken: ServiceVolume[] = [];
    for (const from of s.volumesFrom ?? []) {
      const entry = from.container !== undefined ? `container:${from.container}` : from.service!;
      const other = from.service !== undefined ? byName.get(from.service) : undefined;
      if (from.container !== undefined) {
        ctx.report('C2A308', from.path, { entry, reason: 'container-outside-project' });
        continue;
      }
      if (!other) {
        ctx.report('C2A308', from.path, { entry, reason: 'undefined-service', service: from.service! });
        continue;
      }
      if (resolving.has(other.name)) {
        ctx.report('C2A308', from.path, { entry, reason: 'each-others-volumes', service: s.name, other: other.name });
        continue;
      }
      for (const v of volumesOf(other)) {
        if (v.type === 'other' || v.type === 'tmpfs') continue;
        if (own.has(posix.normalize(v.target))) continue;
        if (v.type === 'anonymous') {
          ctx.report('C2A308', from.path, { entry, reason: 'anonymous-volume-shared', other: other.name, target: v.target });
          continue;
        }
        own.add(posix.normalize(v.target));
        taken.push({ ...v, readOnly: v.readOnly || from.readOnly, path: from.path });
      }
    }
    resolving.delete(s.name);
    const all = [...s.volumes, ...taken];
    resolved.set(s.name, all);
    return all;
  };
  return services.map((s) => (s.volumesFrom?.length ? { ...s, volumes: volumesOf(s) } : s));
}

function lowerService(s: ServiceIR, claims: Map<string, string>, ctx: Context): ServiceIR {
  const volumes: (string | PodVolume)[] = [];
  const mounts: VolumeMount[] = [];
  let counter = 0;
  const emptyDir = (prefix: string, target: string, readOnly: boolean, memory: boolean, sizeLimit?: string) => {
    counter++;
    const name = `${prefix}-${counter}`;
    volumes.push({ name, emptyDir: { ...(memory ? { medium: 'Memory' as const } : {}), ...(sizeLimit ? { sizeLimit } : {}) } });
    mounts.push({ name, mountPath: target, ...(readOnly ? { readOnly: true } : {}) });
  };
  // Kubernetes refuses a pod with two mounts at one path (the reference converter would write
  // both); Compose keeps only the last, silently. Either way one of them would not be there,
  // so the later one is refused at its line.
  const mountedAt = new Map<string, Occupant>();
  const mountPathFree = (target: string, what: Occupant, key: string, path: Path): boolean => {
    const at = posix.normalize(target).replace(/(.)\/+$/, '$1');
    const other = mountedAt.get(at);
    if (other !== undefined) {
      ctx.report('C2A049', path, { key, expected: 'free-mount-path', ...foundJson(target), ...other });
      return false;
    }
    mountedAt.set(at, what);
    return true;
  };
  for (const v of s.volumes) {
    if (v.type !== 'other' && !v.target.startsWith('/')) {
      ctx.report('C2A049', v.path, { key: 'volumes', expected: 'mounted-at-absolute-path', ...foundJson(v.target) });
      continue;
    }
    // Bind mounts are lower:files' (which checks its mounts against these).
    const what: Occupant = v.type === 'volume' ? { occupant: 'volume', volume: v.source } : v.type === 'tmpfs' ? TMPFS : { occupant: 'anonymous-volume' };
    if ((v.type === 'volume' || v.type === 'anonymous' || v.type === 'tmpfs') && !mountPathFree(v.target, what, 'volumes', v.path)) continue;
    switch (v.type) {
      case 'volume': {
        const claim = claims.get(v.source);
        if (claim === undefined) {
          ctx.report('C2A074', v.path, { volume: v.source });
          break;
        }
        if (volumes.some((x) => typeof x === 'string' && x.startsWith(`${claim}:`))) {
          // The chart names the pod volume after the claim: a second mount would repeat it.
          ctx.report('C2A077', v.path, { volume: v.source, service: s.name });
          break;
        }
        if (v.readOnly) ctx.report('C2A072', v.path, { target: v.target });
        // The mode text stays in the string, as the reference converter writes it; the chart
        // reads only the part between the first and the second colon.
        volumes.push(`${claim}:${v.target}${v.options !== undefined ? `:${v.options}` : ''}`);
        break;
      }
      case 'anonymous':
        ctx.report('C2A076', v.path, { target: v.target });
        emptyDir('anon', v.target, v.readOnly, false);
        break;
      case 'tmpfs':
        emptyDir('tmpfs', v.target, v.readOnly, true, v.sizeLimit);
        break;
      case 'bind':
        // Bind mounts read files from the host: lower:files delivers them (or refuses them).
        break;
      case 'other':
        ctx.report('C2A075', v.path, { kind: 'type', type: v.kind, target: v.target });
        break;
    }
  }
  for (const t of s.tmpfs) {
    if (!t.target.startsWith('/')) {
      ctx.report('C2A049', t.path, { key: 'tmpfs', expected: 'absolute-path-inside-the-container', ...foundJson(t.target) });
    } else if (mountPathFree(t.target, TMPFS, 'tmpfs', t.path)) {
      emptyDir('tmpfs', t.target, t.readOnly, true, t.sizeLimit);
    }
  }
  if (s.shmSize && mountPathFree('/dev/shm', TMPFS, 'shm_size', s.shmSize.path)) {
    counter++;
    volumes.push({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: s.shmSize.value } });
    mounts.push({ name: 'shm', mountPath: '/dev/shm' });
  }
  if (volumes.length === 0 && mounts.length === 0) {
    // `volumes: []` stays in the values, as the reference converter keeps it.
    return s.writtenEmpty?.includes('volumes') ? { ...s, k8s: { ...s.k8s, volumes: [] } } : s;
  }
  return {
    ...s,
    k8s: { ...s.k8s, ...(volumes.length > 0 ? { volumes } : {}), ...(mounts.length > 0 ? { volumeMounts: mounts } : {}) },
  };
}
