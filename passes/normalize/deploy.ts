// Resources of a service: `deploy` (resources, replicas) and the shortcuts `mem_limit`,
// `mem_reservation` and `cpus`, which `deploy.resources` overrides, and `gpus`, which adds
// to the GPUs deploy.resources reserves (Compose requests the devices of both).

import type { Located, Path, ResourceSpec, Resources } from '../ir.js';
import { dispatch, dispatchInto, type Env, type Handler, type Handlers } from './dispatch.js';
import { isObject, text, type Obj } from './input.js';
import { found } from '../support/found.js';
import { byteSize, cpus } from './measures.js';

/**
 * What a service says about its resources: the shortcuts (mem_limit / cpus / mem_reservation)
 * and deploy.resources are kept apart until the whole service is read.
 */
export interface ResourceInputs {
  shortcuts: { memLimit?: Located<string>; cpus?: Located<number | string>; memReservation?: Located<string>; gpus?: Located<number> };
  deployResources?: { limits?: ResourceSpec; reservations?: ResourceSpec };
}

/** A memory size; zero or empty means "no limit", as in Compose. */
function memory(value: unknown, path: Path, key: string, env: Env): Located<string> | undefined {
  if (value === '' || value === 0) return undefined;
  return byteSize(value, path, key, env);
}

/** `mem_limit` or `mem_reservation`, kept as a shortcut. */
function memoryShortcut(key: 'mem_limit' | 'mem_reservation', field: 'memLimit' | 'memReservation'): Handler<ResourceInputs> {
  return (v, p, s, env) => {
    const size = memory(v, p, key, env);
    if (size) s.shortcuts[field] = size;
  };
}

/** The service-level keys about resources. */
export const SERVICE_RESOURCE_HANDLERS: Handlers<ResourceInputs> = {
  mem_limit: memoryShortcut('mem_limit', 'memLimit'),
  mem_reservation: memoryShortcut('mem_reservation', 'memReservation'),
  cpus: (v, p, s, env) => {
    const c = cpus(v, p, env);
    if (c) s.shortcuts.cpus = c;
  },
  deploy: (v, p, s, env) => {
    if (isObject(v)) dispatch('deploy', v, p, DEPLOY_HANDLERS, s, env);
  },
  gpus: (v, p, s, env) => {
    if (v === 'all') {
      env.ctx.report('C2A087', p, { detail: 'all-gpus' });
      return;
    }
    const count = gpuCount(v, p, env, true);
    if (count > 0) s.shortcuts.gpus = { value: count, path: p };
  },
};

/**
 * The GPUs a list of device requests asks for (deploy.resources.reservations.devices, or
 * `gpus`, whose entries are GPUs without saying so); problems are reported at the entry.
 */
function gpuCount(v: unknown, p: Path, env: Env, impliedGpu: boolean): number {
  if (!Array.isArray(v)) return 0;
  let gpus = 0;
  v.forEach((device, i) => {
    const at = [...p, i];
    const d = isObject(device) ? device : {};
    const caps = Array.isArray(d.capabilities) ? d.capabilities.map(text) : [];
    if (!impliedGpu && !caps.includes('gpu')) {
      env.ctx.report('C2A087', at, { detail: 'not-gpu', capabilities: caps });
      return;
    }
    if (d.device_ids !== undefined) {
      env.ctx.report('C2A087', [...at, 'device_ids'], { detail: 'device-ids' });
      return;
    }
    const count = d.count === undefined ? 1 : d.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      env.ctx.report('C2A087', [...at, 'count'], { detail: 'count-not-whole', ...found(count) });
      return;
    }
    gpus += count;
  });
  return gpus;
}

export const DEPLOY_HANDLERS: Handlers<ResourceInputs> = {
  resources: (v, p, s, env) => {
    s.deployResources = {};
    // An empty resources mapping means "no resources", as in the reference converter.
    if (isObject(v) && Object.keys(v).length > 0) dispatch('deploy.resources', v, p, DEPLOY_RESOURCES_HANDLERS, s, env);
    else s.deployResources = undefined;
  },
  replicas: (v, p, _s, env) => {
    if (typeof v === 'number' && v !== 1) env.ctx.report('C2A089', p, { replicas: v });
  },
};

function resourceSpec(scope: 'deploy.resources.limits' | 'deploy.resources.reservations', v: unknown, p: Path, env: Env): ResourceSpec {
  return dispatchInto<ResourceSpec>(scope, v, p, RESOURCE_SPEC_HANDLERS, {}, env);
}

// A section that sets a quantity is kept even when the quantity is zero (`cpus: 0`, Compose's
// "no limit"): the reference converter keeps it, so the values hold an empty `limits: {}`
// and the chart renders no limits instead of its defaults, as Compose sets none. An empty
// section (`limits: {}`) is left out, as the reference converter leaves it out, and so is
// one with only keys that are not converted (`pids`), which the reference refuses.
function setsQuantity(v: unknown): boolean {
  return isObject(v) && Object.keys(v).some((key) => key in RESOURCE_SPEC_HANDLERS);
}

export const DEPLOY_RESOURCES_HANDLERS: Handlers<ResourceInputs> = {
  limits: (v, p, s, env) => {
    const spec = resourceSpec('deploy.resources.limits', v, p, env);
    if (setsQuantity(v)) s.deployResources = { ...s.deployResources, limits: spec };
  },
  reservations: (v, p, s, env) => {
    const spec = resourceSpec('deploy.resources.reservations', v, p, env);
    if (setsQuantity(v)) s.deployResources = { ...s.deployResources, reservations: spec };
  },
};

export const RESOURCE_SPEC_HANDLERS: Handlers<ResourceSpec> = {
  cpus: (v, p, s, env) => {
    const c = cpus(v, p, env);
    if (c) s.cpus = c;
  },
  memory: (v, p, s, env) => {
    const size = memory(v, p, 'memory', env);
    if (size) s.memory = size;
  },
  devices: (v, p, s, env) => {
    const gpus = gpuCount(v, p, env, false);
    if (gpus > 0) s.gpus = { value: gpus, path: p };
  },
};

/**
 * The resources of a service once all its keys are read. deploy.resources wins over the
 * shortcuts (as in Compose and the reference converter); the shortcuts it overrides are reported.
 */
export function serviceResources(inputs: ResourceInputs, body: Obj, env: Env): Resources {
  const { memLimit, cpus: cpuLimit, memReservation, gpus } = inputs.shortcuts;
  if (inputs.deployResources) {
    for (const [key, shortcut] of [['mem_limit', memLimit], ['cpus', cpuLimit], ['mem_reservation', memReservation]] as const) {
      if (shortcut) env.ctx.report('C2A088', shortcut.path, { key, value: text(body[key]) });
    }
    return withGpus({ ...inputs.deployResources, fromDeploy: true }, gpus);
  }
  const limits: ResourceSpec = {};
  if (memLimit) limits.memory = memLimit;
  if (cpuLimit) limits.cpus = cpuLimit;
  return withGpus(
    {
      fromDeploy: false,
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
      ...(memReservation ? { reservations: { memory: memReservation } } : {}),
    },
    gpus,
  );
}

/** Adds the GPUs of `gpus` to those deploy.resources reserves. */
function withGpus(resources: Resources, gpus: Located<number> | undefined): Resources {
  if (!gpus) return resources;
  const reserved = resources.reservations?.gpus?.value ?? 0;
  return { ...resources, reservations: { ...resources.reservations, gpus: { value: reserved + gpus.value, path: gpus.path } } };
}
