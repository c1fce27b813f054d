// The top level of a Compose file: its name, services, networks, volumes, configs, secrets
// and the sandbox extension.

import type { NormalizedIR, Path } from '../ir.js';
import { joinHandlers, type Env, type Handlers } from './dispatch.js';
import { SANDBOX_EXTENSION_HANDLERS } from './extensions.js';
import { fileResource } from './files.js';
import { isObject } from './input.js';
import { found } from '../support/found.js';
import { normalizeNetwork } from './networks.js';
import { normalizeService } from './service.js';
import { normalizeVolume } from './volumes.js';

export interface TopState {
  ir: NormalizedIR;
  servicesSeen: boolean;
  extensionKey?: string;
}

/** The entries of a top-level mapping of named objects; anything else is reported. */
function namedEntries(key: 'networks' | 'volumes', v: unknown, p: Path, env: Env): [string, unknown][] {
  if (!isObject(v)) {
    env.ctx.report('C2A049', p, { key, expected: 'mapping', ...found(v) });
    return [];
  }
  return Object.entries(v);
}

const PROJECT_HANDLERS: Handlers<TopState> = {
  name: (v, _p, s) => {
    if (typeof v === 'string') s.ir.projectName = v;
  },
  services: (v, p, s, env) => {
    s.servicesSeen = true;
    if (!isObject(v)) {
      env.ctx.report('C2A049', p, { key: 'services', expected: 'services-mapping', ...found(v) });
      return;
    }
    for (const [name, body] of Object.entries(v)) {
      s.ir.services.push(normalizeService(name, isObject(body) ? body : {}, [...p, name], env));
    }
  },
  networks: (v, p, s, env) => {
    for (const [name, body] of namedEntries('networks', v, p, env)) s.ir.networks.push(normalizeNetwork(name, body, [...p, name], env));
  },
  volumes: (v, p, s, env) => {
    for (const [name, body] of namedEntries('volumes', v, p, env)) s.ir.volumes.push(normalizeVolume(name, body, [...p, name], env));
  },
  configs: (v, p, s, env) => {
    if (!isObject(v)) return;
    for (const [name, body] of Object.entries(v)) s.ir.configs.push(fileResource('config', name, body, [...p, name], env));
  },
  secrets: (v, p, s, env) => {
    if (!isObject(v)) return;
    for (const [name, body] of Object.entries(v)) s.ir.secrets.push(fileResource('secret', name, body, [...p, name], env));
  },
};

export const TOP_HANDLERS: Handlers<TopState> = joinHandlers<TopState>(PROJECT_HANDLERS, SANDBOX_EXTENSION_HANDLERS);
