// A service: what it runs (image, build, command, entrypoint, environment, healthcheck),
// with the keys of each other concern handled by that concern's module.

import { composeSprint } from '../../src/yaml/compose-scalar.js';
import { imageReferenceProblem } from '../support/image-ref.js';
import type { BuildSource, EnvVar, Path, ComposeService } from '../ir.js';
import { SERVICE_RESOURCE_HANDLERS, serviceResources, type ResourceInputs } from './deploy.js';
import { dispatch, joinHandlers, type Env, type Handler, type Handlers } from './dispatch.js';
import { SERVICE_EXTENSION_HANDLERS } from './extensions.js';
import { SERVICE_FILE_HANDLERS } from './files.js';
import { healthcheck } from './healthcheck.js';
import { isEmptyCollection, isObject, markWrittenEmpty, text, type Obj } from './input.js';
import { SERVICE_NETWORKING_HANDLERS } from './networks.js';
import { SERVICE_SECURITY_HANDLERS, userFromBuild, type UnresolvedUser } from './security.js';
import { buildSource } from '../support/images.js';
import { SERVICE_START_ORDER_HANDLERS } from './start-order.js';
import { SERVICE_STORAGE_HANDLERS } from './volumes.js';
import { words } from './words.js';
import { foundJson } from '../support/found.js';

interface ServiceState extends ResourceInputs {
  service: ComposeService;
  hasBuild: boolean;
  /** `build`, read: where a named user's IDs may be found. */
  build?: BuildSource;
  /** A `user` that names its user or group, until the build is known. */
  namedUser?: UnresolvedUser;
  extensionKey?: string;
}

/** `entrypoint` or `command`, as words. */
function commandLine(key: 'entrypoint' | 'command'): Handler<ServiceState> {
  return (v, p, s, env) => {
    const w = words(v, p, key, env);
    if (w) s.service[key] = w;
  };
}

/** `tty: true` / `stdin_open: true`: the first one written is where the service is located. */
const keepsShellWaiting: Handler<ServiceState> = (v, p, s) => {
  if (v === true && !s.service.keepsShellWaiting) s.service.keepsShellWaiting = { value: true, path: p };
};

/** The keys about what the service runs. */
const SERVICE_PROCESS_HANDLERS: Handlers<ServiceState> = {
  image: (v, p, s, env) => {
    // An empty image (often an unset variable) is no image, as Compose reads it: the build's
    // image is used, and without a build the composition pass has refused the service.
    if (typeof v !== 'string' || v === '') return;
    const problem = imageReferenceProblem(v);
    if (problem) env.ctx.report('C2A034', p, { image: v, ...problem });
    s.service.image = { value: v, path: p };
  },
  build: (v, _p, s) => {
    s.hasBuild = true;
    const build = buildSource(v);
    if (build) s.build = build;
  },
  runtime: (v, p, s) => {
    if (typeof v === 'string') s.service.runtime = { value: v, path: p };
  },
  entrypoint: commandLine('entrypoint'),
  command: commandLine('command'),
  working_dir: (v, p, s) => {
    if (typeof v === 'string') s.service.workingDir = { value: v, path: p };
  },
  environment: (v, p, s, env) => {
    s.service.environment = environment(v, p, env);
    if (isEmptyCollection(v)) markWrittenEmpty(s.service, 'environment');
  },
  healthcheck: (v, p, s, env) => {
    if (isObject(v)) s.service.healthcheck = healthcheck(v, p, env);
  },
  // Read for the default service's keep-alive (see passes/lower/default-service.ts).
  tty: keepsShellWaiting,
  stdin_open: keepsShellWaiting,
  // Read for the warning about services that exit (see passes/lower/start-order.ts).
  restart: (v, p, s) => {
    if (typeof v === 'string') s.service.restart = { value: v, path: p };
  },
  platform: (v, p, s) => {
    if (typeof v === 'string') s.service.platform = { value: v, path: p };
  },
  pull_policy: (v, p, s, env) => {
    const policy = { always: 'Always', never: 'Never', missing: 'IfNotPresent', if_not_present: 'IfNotPresent', build: 'IfNotPresent' }[
      text(v)
    ];
    if (text(v) === 'build') env.ctx.report('C2A047', p, { service: s.service.name });
    if (policy) s.service.pullPolicy = { value: policy, path: p };
  },
};

export const SERVICE_HANDLERS: Handlers<ServiceState> = joinHandlers<ServiceState>(
  SERVICE_PROCESS_HANDLERS,
  SERVICE_FILE_HANDLERS,
  SERVICE_STORAGE_HANDLERS,
  SERVICE_RESOURCE_HANDLERS,
  SERVICE_SECURITY_HANDLERS,
  SERVICE_NETWORKING_HANDLERS,
  SERVICE_START_ORDER_HANDLERS,
  SERVICE_EXTENSION_HANDLERS,
);

export function normalizeService(name: string, body: Obj, path: Path, env: Env): ComposeService {
  const service: ComposeService = {
    name,
    path,
    environment: [],
    envFiles: [],
    configs: [],
    secrets: [],
    volumes: [],
    tmpfs: [],
    resources: { fromDeploy: false },
    securityOpts: [],
    capAdd: [],
    capDrop: [],
    links: [],
    xDefault: false,
  };
  const state: ServiceState = { service, hasBuild: false, shortcuts: {} };
  dispatch('service', body, path, SERVICE_HANDLERS, state, env);
  // The image (named or not) is built from source; normalize's resolveImage decides where
  // the cluster pulls it from.
  if (state.hasBuild) service.builtImage = true;
  if (state.namedUser) {
    const user = userFromBuild(state.namedUser, state.build, env);
    if (user) service.user = user;
  }
  service.resources = serviceResources(state, body, env);
  return service;
}

/**
 * The string Compose makes of an environment value (compose-go's fmt.Sprint of what go-yaml
 * read): `TIMEOUT: 1888888888` reaches the container as 1888888888, where the number would be
 * printed by the chart's `quote` as the float64 1.888888888e+09. --strict keeps the value's
 * YAML type, as the reference converter does.
 */
function environmentString(value: string | number | boolean, path: Path, env: Env): string {
  if (typeof value === 'number') return env.ctx.map?.get(path)?.sprint ?? composeSprint(value);
  return composeSprint(value);
}

function environment(value: unknown, path: Path, env: Env): EnvVar[] {
  const out: EnvVar[] = [];
  if (isObject(value)) {
    for (const [name, v] of Object.entries(value)) {
      const at = [...path, name];
      if (v === null || v === undefined) {
        env.ctx.report('C2A039', { path: at, key: true }, { name });
        continue;
      }
      const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : text(v);
      out.push({ name, value: env.ctx.options.strict ? scalar : environmentString(scalar, at, env), path: at });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const entry = text(item);
      const eq = entry.indexOf('=');
      if (eq < 0) {
        env.ctx.report('C2A038', [...path, i], { item: entry, name: entry });
        return;
      }
      if (eq === 0) {
        env.ctx.report('C2A049', [...path, i], { key: 'environment', expected: 'name-value-with-a-name', ...foundJson(entry) });
        return;
      }
      out.push({ name: entry.slice(0, eq), value: entry.slice(eq + 1), path: [...path, i] });
    });
    // A list may name a variable twice (a mapping cannot): every entry is kept, as the
    // reference converter keeps them; the container sees the last, as under Compose.
    const seen = new Set<string>();
    for (const variable of out) {
      if (seen.has(variable.name)) env.ctx.report('C2A036', variable.path, { name: variable.name });
      seen.add(variable.name);
    }
  }
  return out;
}
