// Pass — lower:storage: volumes and memory-backed mounts.
//
// Named volumes become the chart's shared claims, mounted with `<volume>:<path>` strings;
// their names are made valid the way the reference converter does (`_` and `.` to `-`,
// lower case) and two names that collide are an error. The chart mounts claims read-write
// only, so `:ro` on a named volume is warned about. Anonymous volumes become emptyDirs;
// tmpfs mounts, `tmpfs:` entries and `shm_size` become memory-backed emptyDirs (with their
// size as the sizeLimit, and read-only where asked). Bind mounts are left to lower:files,
// which reads the project's files from the host.

import type { Context } from '../src/diagnostics.js';
import type { ComposeIR, PodVolume, ServiceIR, VolumeMount } from '../src/ir.js';
import { SERVICE_NAME } from '../src/dns-names.js';

/** The reference converter's rule, kept so volume names match its output. */
function volumeName(name: string): string {
  return name.replace(/[_.]/g, '-').toLowerCase();
}

export function lowerStorage(ir: ComposeIR, ctx: Context): ComposeIR {
  const names = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const volume of ir.volumes) {
    const name = volumeName(volume.name);
    if (!SERVICE_NAME.test(name)) {
      ctx.report('C2A073', { path: volume.path, key: true }, { name: volume.name });
      continue;
    }
    const other = owner.get(name);
    if (other !== undefined) {
      ctx.report('C2A054', { path: volume.path, key: true }, { kind: 'volume', name: volume.name, other, valuesName: name });
      continue;
    }
    owner.set(name, volume.name);
    names.set(volume.name, name);
  }
  return {
    ...ir,
    k8sVolumes: [...names.values()],
    services: ir.services.map((s) => lowerService(s, names, ctx)),
  };
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
  for (const v of s.volumes) {
    if (v.type !== 'other' && !v.target.startsWith('/')) {
      ctx.report('C2A049', v.path, { key: 'volumes', expected: 'mounted at an absolute path inside the container', actual: JSON.stringify(v.target) });
      continue;
    }
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
        volumes.push(`${claim}:${v.target}`);
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
        ctx.report('C2A075', v.path, { kind: v.kind, target: v.target });
        break;
    }
  }
  for (const t of s.tmpfs) {
    if (t.target.startsWith('/')) emptyDir('tmpfs', t.target, t.readOnly, true, t.sizeLimit);
    else ctx.report('C2A049', t.path, { key: 'tmpfs', expected: 'an absolute path inside the container', actual: JSON.stringify(t.target) });
  }
  if (s.shmSize) {
    counter++;
    volumes.push({ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: s.shmSize.value } });
    mounts.push({ name: 'shm', mountPath: '/dev/shm' });
  }
  if (volumes.length === 0 && mounts.length === 0) return s;
  return {
    ...s,
    k8s: { ...s.k8s, ...(volumes.length > 0 ? { volumes } : {}), ...(mounts.length > 0 ? { volumeMounts: mounts } : {}) },
  };
}
