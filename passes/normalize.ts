// Pass — normalize: the validated Compose document → the IR.
//
// Every short syntax becomes its long form: command lines become words, environment
// lists and mappings become ordered pairs, durations become seconds, byte sizes become
// Kubernetes quantities, volume strings become typed mounts, the sandbox extensions become
// typed fields. Every key is looked up in the key-outcome table (src/keys.ts) first: the
// table decides whether the key is converted, ignored (with a diagnostic) or refused, and
// only `convert` keys reach the handlers below. The handler maps are exported by key so a
// test can check that every `convert` row has a handler and every handler a row.

import type { Context } from '../src/diagnostics.js';
import type { ParsedDocument } from './parse.js';
import type {
  ComposeIR,
  EnvFileRef,
  EnvVar,
  FileGrant,
  FileResource,
  Healthcheck,
  Located,
  NetworkIR,
  Path,
  Quantity,
  ResourceSpec,
  SandboxExtension,
  SecurityOpt,
  ServiceExtension,
  ServiceIR,
  ServiceLink,
  ServiceNetwork,
  ServiceVolume,
  Tmpfs,
  VolumeIR,
  Words,
} from '../src/ir.js';
import { builtImageName, composeProjectName } from '../src/images.js';
import { imageReferenceProblem } from '../src/image-ref.js';
import { keyOutcome, type KeyScope } from '../src/keys.js';
import { parseByteSize, parseDuration, parseDurationStrict, splitShellWords, splitWhitespace } from '../src/units.js';

export interface NormalizeOptions {
  strict: boolean;
  /** `--allow-privileged`: recorded in the IR for lower:security. */
  allowPrivileged?: boolean;
  imageRegistry?: string;
  imageTag?: string;
}

/** What every handler may use: the context, the options, and once-per-file bookkeeping. */
interface Env {
  ctx: Context;
  strict: boolean;
  reportedOnce: Set<string>;
}

type Handler<S> = (value: unknown, path: Path, state: S, env: Env) => void;
type Handlers<S> = Record<string, Handler<S>>;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/** A scalar as the text the user wrote (for messages and string-typed fields). */
function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? '';
}

/**
 * Looks every key of `obj` up in the key-outcome table and acts on its outcome; `convert`
 * keys go to their handler. A null value means the key is unset, as in Compose.
 */
function dispatch<S>(scope: KeyScope, obj: Obj, path: Path, handlers: Handlers<S>, state: S, env: Env): void {
  const { ctx } = env;
  for (const [key, value] of Object.entries(obj)) {
    const at: Path = [...path, key];
    const row = keyOutcome(scope, key);
    if (!row) {
      ctx.report('C2A030', { path: at, key: true }, { key, reason: 'compose2agent does not know this key yet' });
      continue;
    }
    if (row.resolvedEarlier || value === null || value === undefined) continue;
    if (env.strict && row.reference === 'reject') {
      ctx.report('C2A033', { path: at, key: true }, { key });
      continue;
    }
    switch (row.outcome) {
      case 'reject':
        if (row.code === 'C2A045') ctx.report('C2A045', { path: at, key: true }, { key, reason: row.reason, hint: row.hint });
        else ctx.report('C2A030', { path: at, key: true }, { key, reason: row.reason, hint: row.hint });
        break;
      case 'ignore-info':
      case 'ignore-warning': {
        const onceKey = `${scope}\u0000${row.key}`;
        if (row.once && env.reportedOnce.has(onceKey)) break;
        env.reportedOnce.add(onceKey);
        if (row.outcome === 'ignore-info') ctx.report('C2A031', { path: at, key: true }, { key, reason: row.reason });
        else ctx.report('C2A032', { path: at, key: true }, { key, reason: row.reason, hint: row.hint });
        break;
      }
      case 'convert': {
        const handler = handlers[key] ?? (key === 'x-k8s' ? handlers['x-inspect_k8s_sandbox'] : undefined);
        if (!handler) throw new Error(`internal: key-outcome table converts ${scope}.${key} but normalize has no handler`);
        handler(value, at, state, env);
        break;
      }
    }
  }
}

// ── top level ──────────────────────────────────────────────────────────────────────────

interface TopState {
  ir: ComposeIR;
  servicesSeen: boolean;
  extensionKey?: string;
}

export const TOP_HANDLERS: Handlers<TopState> = {
  name: (v, _p, s) => {
    if (typeof v === 'string') s.ir.projectName = v;
  },
  services: (v, p, s, env) => {
    s.servicesSeen = true;
    if (!isObject(v)) {
      env.ctx.report('C2A049', p, { key: 'services', expected: 'a mapping of service names to services', actual: describe(v) });
      return;
    }
    for (const [name, body] of Object.entries(v)) {
      s.ir.services.push(normalizeService(name, isObject(body) ? body : {}, [...p, name], env));
    }
  },
  networks: (v, p, s, env) => {
    if (!isObject(v)) {
      env.ctx.report('C2A049', p, { key: 'networks', expected: 'a mapping', actual: describe(v) });
      return;
    }
    for (const [name, body] of Object.entries(v)) s.ir.networks.push(normalizeNetwork(name, body, [...p, name], env));
  },
  volumes: (v, p, s, env) => {
    if (!isObject(v)) {
      env.ctx.report('C2A049', p, { key: 'volumes', expected: 'a mapping', actual: describe(v) });
      return;
    }
    for (const [name, body] of Object.entries(v)) s.ir.volumes.push(normalizeVolume(name, body, [...p, name], env));
  },
  'x-inspect_k8s_sandbox': (v, p, s, env) => {
    const key = String(p[p.length - 1]);
    if (s.extensionKey !== undefined) {
      env.ctx.report('C2A093', { path: p, key: true });
      return;
    }
    s.extensionKey = key;
    s.ir.sandbox = normalizeSandbox(v, p, key, env);
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

// ── configs and secrets (top level) ────────────────────────────────────────────────────

export const FILE_RESOURCE_HANDLERS: Handlers<FileResource> = {
  file: (v, _p, s) => {
    s.file = text(v);
  },
  content: (v, _p, s) => {
    s.content = text(v);
  },
  environment: (v, _p, s) => {
    s.environment = text(v);
  },
  external: (v, _p, s) => {
    // Compose accepts `external: true`, a string "true", or a mapping (the deprecated form
    // with a name): all mean the object exists outside the project.
    s.external = v === true || v === 'true' || isObject(v);
  },
};

function fileResource(scope: 'config' | 'secret', name: string, body: unknown, path: Path, env: Env): FileResource {
  const resource: FileResource = { name, path };
  if (isObject(body)) dispatch(scope, body, path, FILE_RESOURCE_HANDLERS, resource, env);
  return resource;
}

export function normalize(doc: ParsedDocument, ctx: Context, opts: NormalizeOptions): ComposeIR {
  const env: Env = { ctx, strict: opts.strict, reportedOnce: new Set() };
  const ir: ComposeIR = {
    strict: opts.strict,
    ...(opts.allowPrivileged ? { allowPrivileged: true } : {}),
    services: [],
    networks: [],
    volumes: [],
    configs: [],
    secrets: [],
  };
  if (!isObject(doc.data)) {
    ctx.report('C2A040', []);
    return ir;
  }
  const state: TopState = { ir, servicesSeen: false };
  dispatch('top', doc.data, [], TOP_HANDLERS, state, env);
  if (!state.servicesSeen) ctx.report('C2A040', []);
  for (const service of ir.services) resolveImage(service, doc, opts, env);
  return ir;
}

// ── the sandbox extension (top level) ──────────────────────────────────────────────────

const SANDBOX_KEYS = ['allow_domains', 'allow_entities', 'automount_service_account_token', 'service_account_create', 'service_account_name'];

function normalizeSandbox(value: unknown, path: Path, key: string, env: Env): SandboxExtension {
  const out: SandboxExtension = { path };
  if (!isObject(value)) {
    env.ctx.report('C2A094', path, { key, expected: 'a mapping', actual: describe(value) });
    return out;
  }
  const unknown = Object.keys(value).filter((k) => keyOutcome('x-inspect_k8s_sandbox', k) === undefined);
  if (unknown.length > 0) {
    env.ctx.report('C2A092', { path: [...path, unknown[0]!], key: true }, {
      keys: unknown.map((k) => `'${k}'`).join(', '),
      where: `'${key}'`,
      known: SANDBOX_KEYS.join(', '),
    });
  }
  const stringList = (k: string): Located<string[]> | undefined => {
    const v = value[k];
    if (v === undefined || v === null) return undefined;
    const at = [...path, k];
    if (!Array.isArray(v) || v.some((item) => typeof item !== 'string')) {
      env.ctx.report('C2A094', at, { key: k, expected: 'a list of strings', actual: describe(v) });
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
      env.ctx.report('C2A094', at, { key: k, expected: 'a boolean', actual: describe(v) });
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
    if (typeof v !== 'string') env.ctx.report('C2A094', at, { key: 'service_account_name', expected: 'a string', actual: describe(v) });
    else out.serviceAccountName = { value: v, path: at };
  }
  return out;
}

// ── networks and volumes (top level) ───────────────────────────────────────────────────

export const NETWORK_HANDLERS: Handlers<NetworkIR> = {
  driver: (v, p, s) => {
    if (typeof v === 'string') s.driver = { value: v, path: p };
  },
};

function normalizeNetwork(name: string, body: unknown, path: Path, env: Env): NetworkIR {
  const network: NetworkIR = { name, path };
  if (isObject(body)) dispatch('network', body, path, NETWORK_HANDLERS, network, env);
  return network;
}

export const VOLUME_HANDLERS: Handlers<VolumeIR> = {};

function normalizeVolume(name: string, body: unknown, path: Path, env: Env): VolumeIR {
  const volume: VolumeIR = { name, path };
  if (isObject(body)) dispatch('volume', body, path, VOLUME_HANDLERS, volume, env);
  return volume;
}

// ── services ───────────────────────────────────────────────────────────────────────────

interface ServiceState {
  service: ServiceIR;
  hasBuild: boolean;
  extensionKey?: string;
  /** mem_limit / cpus / mem_reservation, kept apart until deploy.resources is known. */
  shortcuts: { memLimit?: Located<string>; cpus?: Located<number | string>; memReservation?: Located<string> };
  deployResources?: { limits?: ResourceSpec; reservations?: ResourceSpec };
}

function words(value: unknown, path: Path, key: string, env: Env): Words | undefined {
  if (typeof value === 'string') {
    if (env.strict) return { words: splitWhitespace(value), fromString: true, path };
    const split = splitShellWords(value);
    if (!split.ok) {
      env.ctx.report('C2A037', path, { key, line: value, detail: split.reason });
      return undefined;
    }
    return { words: split.value, fromString: true, path };
  }
  if (Array.isArray(value)) return { words: value.map(text), fromString: false, path };
  return undefined;
}

function byteSize(value: unknown, path: Path, key: string, env: Env): Located<string> | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseByteSize(value, env.strict);
  if (!parsed.ok) {
    env.ctx.report('C2A081', path, { key, value: text(value) });
    return undefined;
  }
  return { value: parsed.value, path };
}

/** A duration in whole seconds, rounded up with a warning when it has a fraction. */
function seconds(value: unknown, path: Path, key: string, env: Env): number | undefined {
  const raw = text(value);
  const parsed = env.strict ? parseDurationStrict(raw) : parseDuration(raw);
  if (!parsed.ok) {
    env.ctx.report('C2A080', path, { key, value: raw, ...(env.strict ? { strict: true } : {}) });
    return undefined;
  }
  const whole = Math.ceil(parsed.value - 1e-9);
  if (whole !== parsed.value) env.ctx.report('C2A082', path, { key, value: raw, seconds: whole });
  return whole;
}

function cpus(value: unknown, path: Path, env: Env): Located<number | string> | undefined {
  // Zero means "no limit" in Compose; the reference converter skips it too.
  if (value === 0 || value === '' || value === '0') return undefined;
  // Kept as written (a number stays a number), as the reference converter does.
  if ((typeof value === 'number' && value > 0) || (typeof value === 'string' && /^(?:\d+(?:\.\d+)?|\.\d+|\d+m)$/.test(value))) {
    return { value, path };
  }
  env.ctx.report('C2A049', path, { key: 'cpus', expected: 'a positive number of CPUs', actual: describe(value) });
  return undefined;
}

function stringList(value: unknown, path: Path): Located<string>[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.map((item, i) => ({ value: text(item), path: typeof value === 'string' ? path : [...path, i] }));
}

export const SERVICE_HANDLERS: Handlers<ServiceState> = {
  image: (v, p, s, env) => {
    if (typeof v !== 'string') return;
    // An empty image is the composition pass's concern (a service needs an image or a build).
    const problem = v === '' ? undefined : imageReferenceProblem(v);
    if (problem) env.ctx.report('C2A034', p, { image: v, reason: problem });
    s.service.image = { value: v, path: p };
  },
  build: (_v, _p, s) => {
    s.hasBuild = true;
  },
  runtime: (v, p, s) => {
    if (typeof v === 'string') s.service.runtime = { value: v, path: p };
  },
  entrypoint: (v, p, s, env) => {
    const w = words(v, p, 'entrypoint', env);
    if (w) s.service.entrypoint = w;
  },
  command: (v, p, s, env) => {
    const w = words(v, p, 'command', env);
    if (w) s.service.command = w;
  },
  working_dir: (v, p, s) => {
    if (typeof v === 'string') s.service.workingDir = { value: v, path: p };
  },
  environment: (v, p, s, env) => {
    s.service.environment = environment(v, p, env);
  },
  env_file: (v, p, s, env) => {
    s.service.envFiles = envFiles(v, p, env);
  },
  configs: (v, p, s, env) => {
    s.service.configs = fileGrants('service.configs[]', v, p, env);
  },
  secrets: (v, p, s, env) => {
    s.service.secrets = fileGrants('service.secrets[]', v, p, env);
  },
  volumes: (v, p, s, env) => {
    if (!Array.isArray(v)) return;
    s.service.volumes = v.flatMap((item, i) => serviceVolume(item, [...p, i], env) ?? []);
  },
  tmpfs: (v, p, s, env) => {
    s.service.tmpfs = stringList(v, p).flatMap((entry) => tmpfs(entry, env) ?? []);
  },
  shm_size: (v, p, s, env) => {
    // Zero means Docker's default size, which an emptyDir without a limit covers.
    if (v === 0 || v === '0' || v === '') return;
    const size = byteSize(v, p, 'shm_size', env);
    if (size) s.service.shmSize = size;
  },
  healthcheck: (v, p, s, env) => {
    if (isObject(v)) s.service.healthcheck = healthcheck(v, p, env);
  },
  mem_limit: (v, p, s, env) => {
    if (v === '' || v === 0) return;
    const size = byteSize(v, p, 'mem_limit', env);
    if (size) s.shortcuts.memLimit = size;
  },
  mem_reservation: (v, p, s, env) => {
    if (v === '' || v === 0) return;
    const size = byteSize(v, p, 'mem_reservation', env);
    if (size) s.shortcuts.memReservation = size;
  },
  cpus: (v, p, s, env) => {
    const c = cpus(v, p, env);
    if (c) s.shortcuts.cpus = c;
  },
  deploy: (v, p, s, env) => {
    if (isObject(v)) dispatch('deploy', v, p, DEPLOY_HANDLERS, s, env);
  },
  user: (v, p, s, env) => {
    const user = parseUser(v, p, env);
    if (user) s.service.user = user;
  },
  security_opt: (v, p, s, env) => {
    if (!Array.isArray(v)) return;
    s.service.securityOpts = v.flatMap((entry, i) => securityOpt(entry, [...p, i], env) ?? []);
  },
  cap_add: (v, p, s, env) => {
    s.service.capAdd = capabilities(v, p, env);
  },
  cap_drop: (v, p, s, env) => {
    s.service.capDrop = capabilities(v, p, env);
  },
  privileged: (v, p, s) => {
    if (typeof v === 'boolean') s.service.privileged = { value: v, path: p };
  },
  read_only: (v, p, s) => {
    if (typeof v === 'boolean') s.service.readOnly = { value: v, path: p };
  },
  network_mode: (v, p, s, env) => {
    if (typeof v !== 'string') return;
    if (v === 'none') s.service.networkMode = { kind: 'none', path: p };
    else if (v === 'bridge' || v === 'default') s.service.networkMode = { kind: 'default', path: p };
    else if (v === 'host') {
      env.ctx.report('C2A050', p, { mode: v, reason: "host networking would bypass the sandbox's network policies" });
    } else if (v.startsWith('service:') || v.startsWith('container:')) {
      env.ctx.report('C2A050', p, { mode: v, reason: 'every pod has its own network namespace; it cannot share another container\'s' });
    } else {
      env.ctx.report('C2A050', p, { mode: v, reason: 'only none and bridge have a sandbox meaning; list networks under `networks:`' });
    }
  },
  networks: (v, p, s, env) => {
    s.service.networks = serviceNetworks(v, p, env);
  },
  hostname: (v, p, s, env) => {
    if (typeof v !== 'string' || v === '') return;
    if (env.strict && v !== s.service.name) {
      env.ctx.report('C2A035', p, { key: 'hostname', value: v, reason: 'the reference converter supports only the service name' });
      return;
    }
    s.service.hostname = { value: v, path: p };
  },
  container_name: (v, p, s) => {
    if (typeof v === 'string' && v !== '') s.service.containerName = { value: v, path: p };
  },
  links: (v, p, s) => {
    if (!Array.isArray(v)) return;
    s.service.links = v.map((entry, i): ServiceLink => {
      const [service, alias] = text(entry).split(':', 2) as [string, string | undefined];
      return { service, ...(alias !== undefined && alias !== '' ? { alias } : {}), path: [...p, i] };
    });
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
  'x-default': (v, _p, s) => {
    s.service.xDefault = v === true;
  },
  'x-inspect_k8s_sandbox': (v, p, s, env) => {
    const key = String(p[p.length - 1]);
    if (s.extensionKey !== undefined) {
      env.ctx.report('C2A093', { path: p, key: true });
      return;
    }
    s.extensionKey = key;
    const ext = serviceExtension(v, p, key, env);
    if (ext) s.service.extension = ext;
  },
};

function normalizeService(name: string, body: Obj, path: Path, env: Env): ServiceIR {
  const service: ServiceIR = {
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
    k8s: {},
  };
  const state: ServiceState = { service, hasBuild: false, shortcuts: {} };
  dispatch('service', body, path, SERVICE_HANDLERS, state, env);
  if (state.hasBuild && !service.image) service.builtImage = true;
  if (state.hasBuild && service.image) {
    env.ctx.report('C2A043', { path: [...path, 'build'], key: true }, { service: name, image: service.image.value });
  }
  // deploy.resources wins over the shortcuts (as in Compose and the reference converter).
  const { memLimit, cpus: cpuLimit, memReservation } = state.shortcuts;
  if (state.deployResources) {
    service.resources = { ...state.deployResources, fromDeploy: true };
    for (const [key, shortcut] of [['mem_limit', memLimit], ['cpus', cpuLimit], ['mem_reservation', memReservation]] as const) {
      if (shortcut) env.ctx.report('C2A088', shortcut.path, { key, value: text(body[key]) });
    }
  } else {
    const limits: ResourceSpec = {};
    if (memLimit) limits.memory = memLimit;
    if (cpuLimit) limits.cpus = cpuLimit;
    service.resources = {
      fromDeploy: false,
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
      ...(memReservation ? { reservations: { memory: memReservation } } : {}),
    };
  }
  return service;
}

/**
 * The image a service built from source runs: `<registry>/<project>-<service>[:<tag>]`,
 * the name Compose gives built images, under the registry they are pushed to.
 */
function resolveImage(service: ServiceIR, doc: ParsedDocument, opts: NormalizeOptions, env: Env): void {
  if (service.image) return;
  if (!service.builtImage || env.strict) {
    env.ctx.report('C2A042', service.path, { service: service.name });
    return;
  }
  // Without a registry the name would be looked up on Docker Hub, where anyone could own it.
  if (!opts.imageRegistry) {
    env.ctx.report('C2A044', { path: [...service.path, 'build'], key: true }, { service: service.name });
    return;
  }
  const project = composeProjectName(doc.data, env.ctx.file.path) ?? 'project';
  const image = builtImageName(project, service.name, opts);
  service.image = { value: image, path: [...service.path, 'build'] };
  env.ctx.report('C2A041', { path: [...service.path, 'build'], key: true }, { service: service.name, image });
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
      out.push({ name, value: scalar, path: at });
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
        env.ctx.report('C2A049', [...path, i], { key: 'environment', expected: 'NAME=value with a name', actual: JSON.stringify(entry) });
        return;
      }
      out.push({ name: entry.slice(0, eq), value: entry.slice(eq + 1), path: [...path, i] });
    });
  }
  return out;
}

// ── env_file, configs and secrets of a service ─────────────────────────────────────────

/** `true`/`false`, also as the strings interpolation leaves (`required: ${REQ}`). */
function flag(v: unknown): boolean | undefined {
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return undefined;
}

export const ENV_FILE_HANDLERS: Handlers<EnvFileRef> = {
  path: (v, _p, s) => {
    s.file = text(v);
  },
  required: (v, p, s, env) => {
    const b = flag(v);
    if (b === undefined) env.ctx.report('C2A049', p, { key: 'env_file.required', expected: 'true or false', actual: describe(v) });
    else s.required = b;
  },
  format: (v, p, s, env) => {
    // compose-go reads the Compose syntax (format unset or `.env`); the docker CLI adds `raw`.
    const format = text(v);
    if (format === 'raw') s.format = 'raw';
    else if (format !== '' && format !== '.env') {
      env.ctx.report('C2A049', p, { key: 'env_file.format', expected: "'raw' (or unset, for the Compose syntax)", actual: describe(v) });
    }
  },
};

function envFiles(value: unknown, path: Path, env: Env): EnvFileRef[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.flatMap((item, i): EnvFileRef[] => {
    const at = typeof value === 'string' ? path : [...path, i];
    if (typeof item === 'string') return [{ file: item, required: true, path: at }];
    if (!isObject(item)) return [];
    const ref: EnvFileRef = { file: '', required: true, path: at };
    dispatch('service.env_file[]', item, at, ENV_FILE_HANDLERS, ref, env);
    return ref.file === '' ? [] : [ref];
  });
}

/** A file mode: a number, or a string of octal digits as Compose reads it. */
function fileMode(v: unknown): number | undefined {
  if (typeof v === 'string' && /^0?[0-7]{1,4}$/.test(v)) return parseInt(v, 8);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    // Compose reads `mode: 0440` as octal (YAML 1.1 style); a YAML 1.2 reader sees 440.
    // Written modes are octal in practice, so digits 0-7 are read as octal digits.
    return /^[0-7]+$/.test(String(v)) ? parseInt(String(v), 8) : v;
  }
  return undefined;
}

export const FILE_GRANT_HANDLERS: Handlers<FileGrant> = {
  source: (v, _p, s) => {
    s.source = text(v);
  },
  target: (v, _p, s) => {
    s.target = text(v);
  },
  mode: (v, p, s, env) => {
    const mode = fileMode(v);
    if (mode === undefined || mode > 0o7777) env.ctx.report('C2A049', p, { key: 'mode', expected: 'a file mode such as 0440', actual: describe(v) });
    else s.mode = mode;
  },
  uid: (v, _p, s) => {
    s.uid = text(v);
  },
  gid: (v, _p, s) => {
    s.gid = text(v);
  },
};

function fileGrants(scope: 'service.configs[]' | 'service.secrets[]', value: unknown, path: Path, env: Env): FileGrant[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i): FileGrant[] => {
    const at = [...path, i];
    if (typeof item === 'string') return [{ source: item, path: at }];
    if (!isObject(item)) return [];
    const grant: FileGrant = { source: '', path: at };
    dispatch(scope, item, at, FILE_GRANT_HANDLERS, grant, env);
    return [grant];
  });
}

// ── healthcheck ────────────────────────────────────────────────────────────────────────

interface HealthState {
  check: Healthcheck;
  hasTest: boolean;
}

export const HEALTHCHECK_HANDLERS: Handlers<HealthState> = {
  test: (v, p, s, env) => {
    s.hasTest = true;
    const test = healthTest(v, p, env);
    if (test) s.check.test = test;
  },
  disable: (v, _p, s) => {
    if (v === true) s.check.disabled = true;
  },
  interval: (v, p, s, env) => {
    const n = seconds(v, p, 'healthcheck.interval', env);
    if (n !== undefined) s.check.intervalSeconds = n;
  },
  timeout: (v, p, s, env) => {
    const n = seconds(v, p, 'healthcheck.timeout', env);
    if (n !== undefined) s.check.timeoutSeconds = n;
  },
  start_period: (v, p, s, env) => {
    const n = seconds(v, p, 'healthcheck.start_period', env);
    if (n !== undefined) s.check.startPeriodSeconds = n;
  },
  retries: (v, p, s, env) => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) s.check.retries = v;
    else env.ctx.report('C2A083', p, { detail: `retries must be a whole number, not ${describe(v)}` });
  },
};

function healthcheck(value: Obj, path: Path, env: Env): Healthcheck {
  const state: HealthState = { check: { test: { kind: 'inherit' }, disabled: false, path }, hasTest: false };
  dispatch('healthcheck', value, path, HEALTHCHECK_HANDLERS, state, env);
  if (!state.hasTest && !state.check.disabled) {
    if (env.strict) env.ctx.report('C2A083', path, { detail: "it has no 'test'" });
    else env.ctx.report('C2A085', path);
  }
  return state.check;
}

function healthTest(value: unknown, path: Path, env: Env): Healthcheck['test'] | undefined {
  if (typeof value === 'string') {
    // Compose runs a string test with the container's shell, as CMD-SHELL.
    if (env.strict) {
      env.ctx.report('C2A035', path, { key: 'healthcheck.test', value, reason: 'the reference converter supports only the list forms CMD and CMD-SHELL' });
      return undefined;
    }
    if (value.trim() === '') {
      env.ctx.report('C2A083', path, { detail: 'the test is empty' });
      return undefined;
    }
    return { kind: 'exec', command: ['sh', '-c', value] };
  }
  if (!Array.isArray(value) || value.length === 0) {
    env.ctx.report('C2A083', path, { detail: 'the test is empty' });
    return undefined;
  }
  const [first, ...rest] = value.map(text);
  if (first === 'NONE' && !env.strict) return { kind: 'none' };
  if (first === 'CMD') {
    if (rest.length === 0) {
      env.ctx.report('C2A083', path, { detail: "'CMD' is not followed by a program" });
      return undefined;
    }
    return { kind: 'exec', command: rest };
  }
  if (first === 'CMD-SHELL') {
    if (rest.length !== 1) {
      env.ctx.report('C2A083', path, { detail: "'CMD-SHELL' takes exactly one command line" });
      return undefined;
    }
    return { kind: 'exec', command: ['sh', '-c', rest[0]!] };
  }
  env.ctx.report('C2A083', path, {
    detail: `a test list starts with CMD, CMD-SHELL${env.strict ? '' : ' or NONE'}, not '${first}'`,
  });
  return undefined;
}

// ── deploy ─────────────────────────────────────────────────────────────────────────────

export const DEPLOY_HANDLERS: Handlers<ServiceState> = {
  resources: (v, p, s, env) => {
    s.deployResources = {};
    // An empty resources mapping means "no resources", as in the reference converter.
    if (isObject(v) && Object.keys(v).length > 0) dispatch('deploy.resources', v, p, DEPLOY_RESOURCES_HANDLERS, s, env);
    else s.deployResources = undefined;
  },
  replicas: (v, _p, _s, env) => {
    if (typeof v === 'number' && v !== 1) env.ctx.report('C2A089', _p, { replicas: v });
  },
};

function resourceSpec(scope: 'deploy.resources.limits' | 'deploy.resources.reservations', v: unknown, p: Path, env: Env): ResourceSpec {
  const spec: ResourceSpec = {};
  if (isObject(v)) dispatch(scope, v, p, RESOURCE_SPEC_HANDLERS, spec, env);
  return spec;
}

export const DEPLOY_RESOURCES_HANDLERS: Handlers<ServiceState> = {
  limits: (v, p, s, env) => {
    const spec = resourceSpec('deploy.resources.limits', v, p, env);
    if (Object.keys(spec).length > 0) s.deployResources = { ...s.deployResources, limits: spec };
  },
  reservations: (v, p, s, env) => {
    const spec = resourceSpec('deploy.resources.reservations', v, p, env);
    if (Object.keys(spec).length > 0) s.deployResources = { ...s.deployResources, reservations: spec };
  },
};

export const RESOURCE_SPEC_HANDLERS: Handlers<ResourceSpec> = {
  cpus: (v, p, s, env) => {
    const c = cpus(v, p, env);
    if (c) s.cpus = c;
  },
  memory: (v, p, s, env) => {
    if (v === '' || v === 0) return;
    const size = byteSize(v, p, 'memory', env);
    if (size) s.memory = size;
  },
  devices: (v, p, s, env) => {
    if (!Array.isArray(v)) return;
    let gpus = 0;
    v.forEach((device, i) => {
      const at = [...p, i];
      const d = isObject(device) ? device : {};
      const caps = Array.isArray(d.capabilities) ? d.capabilities.map(text) : [];
      if (!caps.includes('gpu')) {
        env.ctx.report('C2A087', at, { detail: `only GPU reservations (capabilities: [gpu]) convert, not [${caps.join(', ')}]` });
        return;
      }
      if (d.device_ids !== undefined) {
        env.ctx.report('C2A087', [...at, 'device_ids'], { detail: 'Kubernetes schedules GPUs by count, not by device ID' });
        return;
      }
      const count = d.count === undefined ? 1 : d.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
        env.ctx.report('C2A087', [...at, 'count'], { detail: `the count must be a whole number of GPUs, not ${describe(count)}` });
        return;
      }
      gpus += count;
    });
    if (gpus > 0) s.gpus = { value: gpus, path: p };
  },
};

// ── volumes, tmpfs ─────────────────────────────────────────────────────────────────────

/** A source that Compose reads as a host path rather than a volume name. */
function isHostPath(source: string): boolean {
  return /^(?:[/.~$]|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

function serviceVolume(item: unknown, path: Path, env: Env): ServiceVolume | undefined {
  if (typeof item === 'string') return shortVolume(item, path);
  if (isObject(item)) return longVolume(item, path, env);
  return undefined;
}

function shortVolume(item: string, path: Path): ServiceVolume | undefined {
  // [SOURCE:]TARGET[:MODE]; a Windows drive letter in SOURCE contains a colon too.
  const drive = /^[A-Za-z]:[\\/][^:]*:/.test(item) ? 2 : 0;
  const first = item.indexOf(':', drive);
  if (first < 0) return { type: 'anonymous', target: item, readOnly: false, path };
  const source = item.slice(0, first);
  const rest = item.slice(first + 1);
  const second = rest.indexOf(':');
  const target = second < 0 ? rest : rest.slice(0, second);
  const modes = second < 0 ? [] : rest.slice(second + 1).split(',');
  const readOnly = modes.includes('ro');
  if (source === '') return { type: 'anonymous', target, readOnly, path };
  if (isHostPath(source)) return { type: 'bind', source, target, readOnly, path };
  return { type: 'volume', source, target, readOnly, path };
}

interface LongVolumeState {
  type?: string;
  source?: string;
  target?: string;
  readOnly: boolean;
  sizeLimit?: string;
}

export const SERVICE_VOLUME_HANDLERS: Handlers<LongVolumeState> = {
  type: (v, _p, s) => {
    s.type = text(v);
  },
  source: (v, _p, s) => {
    s.source = text(v);
  },
  target: (v, _p, s) => {
    s.target = text(v);
  },
  read_only: (v, _p, s) => {
    s.readOnly = v === true || v === 'true';
  },
  volume: (v, p, s, env) => {
    if (isObject(v) && v.subpath !== undefined) {
      env.ctx.report('C2A075', [...p, 'subpath'], { kind: 'volume subpath', target: s.target ?? '' });
    }
  },
  tmpfs: (v, p, s, env) => {
    if (isObject(v) && v.size !== undefined && v.size !== null) {
      const size = byteSize(v.size, [...p, 'size'], 'tmpfs.size', env);
      if (size) s.sizeLimit = size.value;
    }
  },
};

function longVolume(item: Obj, path: Path, env: Env): ServiceVolume | undefined {
  const state: LongVolumeState = { readOnly: false };
  dispatch('service.volumes[]', item, path, SERVICE_VOLUME_HANDLERS, state, env);
  const target = state.target ?? '';
  switch (state.type) {
    case 'volume':
      return state.source
        ? { type: 'volume', source: state.source, target, readOnly: state.readOnly, path }
        : { type: 'anonymous', target, readOnly: state.readOnly, path };
    case 'bind':
      return { type: 'bind', source: state.source ?? '', target, readOnly: state.readOnly, path };
    case 'tmpfs':
      return { type: 'tmpfs', target, readOnly: state.readOnly, ...(state.sizeLimit ? { sizeLimit: state.sizeLimit } : {}), path };
    default:
      return { type: 'other', kind: state.type ?? 'unknown', target, path };
  }
}

function tmpfs(entry: Located<string>, env: Env): Tmpfs | undefined {
  const colon = entry.value.indexOf(':');
  const target = colon < 0 ? entry.value : entry.value.slice(0, colon);
  const options = colon < 0 ? [] : entry.value.slice(colon + 1).split(',');
  const out: Tmpfs = { target, readOnly: options.includes('ro'), path: entry.path };
  const size = options.find((o) => o.startsWith('size='));
  if (size) {
    const parsed = byteSize(size.slice(5), entry.path, 'tmpfs size', env);
    if (!parsed) return undefined;
    out.sizeLimit = parsed.value;
  }
  return out;
}

// ── networks of a service ──────────────────────────────────────────────────────────────

export const SERVICE_NETWORK_HANDLERS: Handlers<ServiceNetwork> = {
  aliases: (v, p, s) => {
    s.aliases = stringList(v, p).map((a) => a.value);
  },
};

function serviceNetworks(value: unknown, path: Path, env: Env): ServiceNetwork[] {
  if (Array.isArray(value)) return value.map((name, i) => ({ name: text(name), aliases: [], path: [...path, i] }));
  if (!isObject(value)) return [];
  return Object.entries(value).map(([name, body]) => {
    const network: ServiceNetwork = { name, aliases: [], path: [...path, name] };
    if (isObject(body)) dispatch('service.networks[]', body, [...path, name], SERVICE_NETWORK_HANDLERS, network, env);
    return network;
  });
}

// ── security ───────────────────────────────────────────────────────────────────────────

function parseUser(value: unknown, path: Path, env: Env) {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { uid: value, path };
  const raw = text(value);
  const [user, group] = raw.split(':', 2) as [string, string | undefined];
  const id = (part: string): number | undefined => {
    if (/^\d+$/.test(part)) return Number(part);
    // root is user and group 0 in every image; any other name depends on the image.
    if (part === 'root' && !env.strict) {
      env.ctx.report('C2A067', path, { user: raw });
      return 0;
    }
    return undefined;
  };
  const uid = id(user);
  const gid = group === undefined ? undefined : id(group);
  if (uid === undefined || (group !== undefined && gid === undefined)) {
    env.ctx.report('C2A060', path, { user: raw });
    return undefined;
  }
  return { uid, ...(gid !== undefined ? { gid } : {}), path };
}

function securityOpt(entry: unknown, path: Path, env: Env): SecurityOpt | undefined {
  const raw = text(entry);
  const sep = raw.search(/[=:]/);
  const option = sep < 0 ? raw : raw.slice(0, sep);
  const value = sep < 0 ? '' : raw.slice(sep + 1);
  if (option === 'seccomp') return { kind: 'seccomp', profile: value, path };
  if (env.strict) {
    env.ctx.report('C2A035', path, { key: 'security_opt', value: raw, reason: "the reference converter supports only 'seccomp=<value>'" });
    return undefined;
  }
  switch (option) {
    case 'no-new-privileges':
      if (value === '' || value === 'true' || value === 'false') return { kind: 'no-new-privileges', enabled: value !== 'false', path };
      break;
    case 'apparmor':
      if (value !== '') return { kind: 'apparmor', profile: value, path };
      break;
    case 'label': {
      const colon = value.search(/[:=]/);
      const field = colon < 0 ? value : value.slice(0, colon);
      if (field === 'disable' && colon < 0) return { kind: 'label', field, value: '', path };
      if (['user', 'role', 'type', 'level'].includes(field) && colon >= 0) {
        return { kind: 'label', field, value: value.slice(colon + 1), path };
      }
      break;
    }
  }
  env.ctx.report('C2A065', path, { entry: raw, reason: 'it is not an option Kubernetes can express' });
  return undefined;
}

function capabilities(value: unknown, path: Path, env: Env): Located<string>[] {
  return stringList(value, path).flatMap((cap) => {
    // Kubernetes names capabilities without the CAP_ prefix Docker also accepts.
    const name = cap.value.toUpperCase().replace(/^CAP_/, '');
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) {
      env.ctx.report('C2A065', cap.path, { entry: cap.value, reason: 'it is not a capability name' });
      return [];
    }
    return [{ value: name, path: cap.path }];
  });
}

// ── the sandbox extension (per service) ────────────────────────────────────────────────

const SERVICE_SANDBOX_KEYS = ['resources', 'allow_privileged'];

function quantities(v: unknown, path: Path, key: string, env: Env): Record<string, Quantity> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) {
    env.ctx.report('C2A094', path, { key, expected: 'a mapping', actual: describe(v) });
    return undefined;
  }
  const out: Record<string, Quantity> = {};
  for (const [name, q] of Object.entries(v)) {
    if (typeof q === 'string' || typeof q === 'number') out[name] = q;
    else env.ctx.report('C2A094', [...path, name], { key: `${key}.${name}`, expected: 'a quantity', actual: describe(q) });
  }
  return out;
}

function serviceExtension(value: unknown, path: Path, key: string, env: Env): ServiceExtension | undefined {
  if (!isObject(value)) {
    env.ctx.report('C2A094', path, { key, expected: 'a mapping', actual: describe(value) });
    return undefined;
  }
  const unknown = Object.keys(value).filter((k) => keyOutcome('service.x-inspect_k8s_sandbox', k) === undefined);
  if (unknown.length > 0) {
    env.ctx.report('C2A092', { path: [...path, unknown[0]!], key: true }, {
      keys: unknown.map((k) => `'${k}'`).join(', '),
      where: `the service's '${key}'`,
      known: SERVICE_SANDBOX_KEYS.join(', '),
    });
  }
  const ext: ServiceExtension = { path };
  if (value.allow_privileged !== undefined) {
    const at = [...path, 'allow_privileged'];
    if (env.strict) env.ctx.report('C2A033', { path: at, key: true }, { key: 'allow_privileged' });
    else if (typeof value.allow_privileged !== 'boolean') {
      env.ctx.report('C2A094', at, { key: 'allow_privileged', expected: 'a boolean', actual: describe(value.allow_privileged) });
    } else ext.allowPrivileged = value.allow_privileged;
  }
  const resources = value.resources;
  if (resources !== undefined && resources !== null) {
    const at = [...path, 'resources'];
    if (!isObject(resources)) {
      env.ctx.report('C2A094', at, { key: 'resources', expected: 'a mapping', actual: describe(resources) });
    } else {
      const extra = Object.keys(resources).filter((k) => k !== 'requests' && k !== 'limits');
      if (extra.length > 0) {
        env.ctx.report('C2A092', { path: [...at, extra[0]!], key: true }, {
          keys: extra.map((k) => `'${k}'`).join(', '),
          where: `'${key}.resources'`,
          known: 'requests, limits',
        });
      }
      const requests = quantities(resources.requests, [...at, 'requests'], 'resources.requests', env);
      const limits = quantities(resources.limits, [...at, 'limits'], 'resources.limits', env);
      ext.resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
    }
  }
  return ext;
}

/** The keys each scope's handlers convert (for the table-consistency test). */
export function convertedKeys(): Partial<Record<KeyScope, string[]>> {
  return {
    top: [...Object.keys(TOP_HANDLERS), 'x-k8s'],
    service: [...Object.keys(SERVICE_HANDLERS), 'x-k8s'],
    healthcheck: Object.keys(HEALTHCHECK_HANDLERS),
    deploy: Object.keys(DEPLOY_HANDLERS),
    'deploy.resources': Object.keys(DEPLOY_RESOURCES_HANDLERS),
    'deploy.resources.limits': ['cpus', 'memory'],
    'deploy.resources.reservations': Object.keys(RESOURCE_SPEC_HANDLERS),
    network: Object.keys(NETWORK_HANDLERS),
    volume: Object.keys(VOLUME_HANDLERS),
    'service.networks[]': Object.keys(SERVICE_NETWORK_HANDLERS),
    'service.volumes[]': Object.keys(SERVICE_VOLUME_HANDLERS),
    config: Object.keys(FILE_RESOURCE_HANDLERS),
    secret: Object.keys(FILE_RESOURCE_HANDLERS).filter((k) => k !== 'content'),
    'service.configs[]': Object.keys(FILE_GRANT_HANDLERS),
    'service.secrets[]': Object.keys(FILE_GRANT_HANDLERS),
    'service.env_file[]': Object.keys(ENV_FILE_HANDLERS),
    'x-inspect_k8s_sandbox': SANDBOX_KEYS,
    'service.x-inspect_k8s_sandbox': SERVICE_SANDBOX_KEYS,
  };
}
