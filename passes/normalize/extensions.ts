// The sandbox extensions: `x-inspect_k8s_sandbox` (alias `x-k8s`) at the top level and in a
// service, and a service's `x-default`. (`x-local` and other `x-` keys are settled by the
// key-outcome table alone.)

import type { NormalizedIR, Located, Path, Quantity, SandboxExtension, ServiceExtension, ComposeService } from '../ir.js';
import { keyOutcome } from '../keys.js';
import { isResourceQuantity, RESOURCE_NAME } from '../support/units.js';
import { refusedByReference, type Env, type Handlers } from './dispatch.js';
import { isObject } from './input.js';
import { found, foundJson } from '../support/found.js';

export const SANDBOX_KEYS = ['allow_domains', 'allow_entities', 'automount_service_account_token', 'service_account_create', 'service_account_name'];
export const SERVICE_SANDBOX_KEYS = ['resources', 'allow_privileged'];

/**
 * The key a mapping's extension is read from (`x-inspect_k8s_sandbox` or its alias `x-k8s`),
 * remembered in the state; undefined, and reported, when the mapping already had the other.
 */
function claimExtensionKey(state: { extensionKey?: string }, path: Path, env: Env): string | undefined {
  const key = String(path[path.length - 1]);
  if (state.extensionKey !== undefined) {
    env.ctx.report('C2A093', { path, key: true });
    return undefined;
  }
  state.extensionKey = key;
  return key;
}

/** Reports the keys of an extension mapping that compose2agent does not know, at the first. */
function reportUnknownKeys(keys: string[], path: Path, where: string, known: readonly string[], env: Env): void {
  if (keys.length === 0) return;
  env.ctx.report('C2A092', { path: [...path, keys[0]!], key: true }, {
    keys: keys.map((k) => `'${k}'`).join(', '),
    where,
    known: known.join(', '),
  });
}

/** The top-level extension. */
export const SANDBOX_EXTENSION_HANDLERS: Handlers<{ ir: NormalizedIR; extensionKey?: string }> = {
  'x-inspect_k8s_sandbox': (v, p, s, env) => {
    const key = claimExtensionKey(s, p, env);
    if (key !== undefined) s.ir.sandbox = normalizeSandbox(v, p, key, env);
  },
};

/** The service-level extension keys. */
export const SERVICE_EXTENSION_HANDLERS: Handlers<{ service: ComposeService; extensionKey?: string }> = {
  'x-default': (v, _p, s) => {
    s.service.xDefault = v === true;
  },
  'x-inspect_k8s_sandbox': (v, p, s, env) => {
    const key = claimExtensionKey(s, p, env);
    if (key === undefined) return;
    const ext = serviceExtension(v, p, key, env);
    if (ext) s.service.extension = ext;
  },
};

function normalizeSandbox(value: unknown, path: Path, key: string, env: Env): SandboxExtension {
  const out: SandboxExtension = { path };
  if (!isObject(value)) {
    env.ctx.report('C2A094', path, { key, expected: 'mapping', ...found(value) });
    return out;
  }
  const unknown = Object.keys(value).filter((k) => keyOutcome('x-inspect_k8s_sandbox', k) === undefined);
  reportUnknownKeys(unknown, path, `'${key}'`, SANDBOX_KEYS, env);
  const stringList = (k: string): Located<string[]> | undefined => {
    const v = value[k];
    if (v === undefined || v === null) return undefined;
    const at = [...path, k];
    if (!Array.isArray(v) || v.some((item) => typeof item !== 'string')) {
      env.ctx.report('C2A094', at, { key: k, expected: 'list-of-strings', ...found(v) });
      return undefined;
    }
    // An empty list allows nothing, which is what the chart does without the key.
    return v.length > 0 ? { value: v as string[], path: at } : undefined;
  };
  const bool = (k: string): Located<boolean> | undefined => {
    const v = value[k];
    if (v === undefined) return undefined;
    const at = [...path, k];
    if (typeof v !== 'boolean') {
      env.ctx.report('C2A094', at, { key: k, expected: 'boolean', ...found(v) });
      return undefined;
    }
    return { value: v, path: at };
  };
  const domains = stringList('allow_domains');
  const entities = stringList('allow_entities');
  const automount = bool('automount_service_account_token');
  const create = bool('service_account_create');
  if (domains) out.allowDomains = domains;
  if (entities) out.allowEntities = entities;
  if (automount) out.automountServiceAccountToken = automount;
  if (create) out.serviceAccountCreate = create;
  if (value.service_account_name !== undefined) {
    const v = value.service_account_name;
    const at = [...path, 'service_account_name'];
    if (typeof v !== 'string') env.ctx.report('C2A094', at, { key: 'service_account_name', expected: 'string', ...found(v) });
    else out.serviceAccountName = { value: v, path: at };
  }
  return out;
}

function quantities(v: unknown, path: Path, key: string, env: Env): Record<string, Quantity> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) {
    env.ctx.report('C2A094', path, { key, expected: 'mapping', ...found(v) });
    return undefined;
  }
  const out: Record<string, Quantity> = {};
  for (const [name, q] of Object.entries(v)) {
    if (!RESOURCE_NAME.test(name)) {
      env.ctx.report('C2A094', { path: [...path, name], key: true }, { key: `${key}.${name}`, expected: 'resource-name', ...foundJson(name) });
    } else if ((typeof q === 'string' || typeof q === 'number') && isResourceQuantity(q)) {
      out[name] = q;
    } else {
      // Kubernetes refuses the pod otherwise; say so at the value.
      env.ctx.report('C2A094', [...path, name], { key: `${key}.${name}`, expected: 'kubernetes-quantity', ...found(q) });
    }
  }
  return out;
}

function serviceExtension(value: unknown, path: Path, key: string, env: Env): ServiceExtension | undefined {
  if (!isObject(value)) {
    env.ctx.report('C2A094', path, { key, expected: 'mapping', ...found(value) });
    return undefined;
  }
  const unknown = Object.keys(value).filter((k) => keyOutcome('service.x-inspect_k8s_sandbox', k) === undefined);
  reportUnknownKeys(unknown, path, `the service's '${key}'`, SERVICE_SANDBOX_KEYS, env);
  const ext: ServiceExtension = { path };
  // The reference converter has no such opt-in: under --strict the key table refuses it.
  const privilegedAt = [...path, 'allow_privileged'];
  if (value.allow_privileged !== undefined && !refusedByReference('service.x-inspect_k8s_sandbox', 'allow_privileged', privilegedAt, env)) {
    if (typeof value.allow_privileged !== 'boolean') {
      env.ctx.report('C2A094', privilegedAt, { key: 'allow_privileged', expected: 'boolean', ...found(value.allow_privileged) });
    } else ext.allowPrivileged = value.allow_privileged;
  }
  const resources = value.resources;
  if (resources !== undefined && resources !== null) {
    const at = [...path, 'resources'];
    if (!isObject(resources)) {
      env.ctx.report('C2A094', at, { key: 'resources', expected: 'mapping', ...found(resources) });
    } else {
      const extra = Object.keys(resources).filter((k) => k !== 'requests' && k !== 'limits');
      reportUnknownKeys(extra, at, `'${key}.resources'`, ['requests', 'limits'], env);
      const requests = quantities(resources.requests, [...at, 'requests'], 'resources.requests', env);
      const limits = quantities(resources.limits, [...at, 'limits'], 'resources.limits', env);
      ext.resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
    }
  }
  return ext;
}

