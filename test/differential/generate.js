// Random but realistic inputs for differential testing against the reference converter and
// chart: Compose files within what the reference converter accepts (plus, at a low rate,
// inputs it refuses), agent-env values files covering every key of the chart, and release
// names and namespaces. Everything is drawn from a seeded PRNG, so a seed reproduces a case.
//
// Inputs are plain JSON-like trees. A `Raw` leaf is written into the YAML text verbatim
// (unquoted): that is how a case gets scalars such as `1e-06`, `3.10` or `yes` whose type
// depends on the YAML reader, which a serializer would otherwise quote.

import { Document, Scalar, visit } from 'yaml';

/** A scalar written into the YAML text exactly as given, without quoting. */
export class Raw {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
}

/** mulberry32: small, fast, and good enough to drive a generator. */
export class Rng {
  /** @param {number} seed */
  constructor(seed) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** @template T @param {readonly T[]} items @returns {T} */
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  /** @param {number} p */
  chance(p) {
    return this.next() < p;
  }
  /** k distinct items, in a random order. @template T @param {readonly T[]} items @param {number} k @returns {T[]} */
  sample(items, k) {
    const pool = [...items];
    const out = [];
    while (out.length < k && pool.length) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
  /** A sub-seed, so that one part of a case can be regenerated without disturbing the rest. */
  fork() {
    return new Rng(Math.floor(this.next() * 4294967296));
  }
}

// ---------------------------------------------------------------------------------------
// Shared scalar pools

const IMAGES = [
  'python:3.12-bookworm',
  'ubuntu:24.04',
  'nginx:1.27',
  'postgres:16',
  'redis:7-alpine',
  'ghcr.io/example-org/victim-app:1.0.3',
  'registry.example.com:5000/ctf/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'aisiuk/evals-cybench-agent-sandbox',
  'kalilinux/kali-rolling',
  'node:20',
];

/** Scalars whose YAML type depends on the reader or that print differently in Go. */
const ODD_PLAIN_SCALARS = [
  '1000000', '12345678', '1e-06', '1.0e+3', '3.10', '0.75', '-1', '+1', '0', '007', '012', '0x1F', '0o17',
  '1_000', '.inf', '-.Inf', '.nan', 'true', 'false', 'True', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n',
  'null', '~', 'Null', '1:20', '2024-01-01', '""', "''",
];

/** Strings a serializer must quote or escape with care. */
const ODD_STRINGS = [
  'production', '1000000', '1e-06', '3.10', '1.10', 'true', 'yes', 'no', 'on', 'null', '~', '', ' ', '0123',
  '0o17', '0x10', '@handle', '*', '- item', '# not a comment', 'key: value', '  spaced  ', 'a\nb', 'a\nb\n',
  'héllo wörld ✓', '日本語', '$$HOME', 'price: $$5', '{"json": true}', '[1, 2]', 'it\'s', 'say "hi"', 'C:\\temp',
  'a=b=c', '%d', '{{ .Values.x }}', 'tab\there', '>folded', '|literal', '!tag', '&anchor', '`tick`', '?', '-',
  'https://example.com/a?b=c&d=e', '<html>',
];

/** A scalar of any YAML type: plain odd scalar, odd string, number or boolean. */
function anyScalar(rng) {
  switch (rng.int(0, 5)) {
    case 0:
    case 1:
      return new Raw(rng.pick(ODD_PLAIN_SCALARS));
    case 2:
    case 3:
      return rng.pick(ODD_STRINGS);
    case 4:
      return rng.pick([0, 1, 42, 8080, 1000000, 1234567, 0.5, 1.5, -3, 3.14159, 100000000]);
    default:
      return rng.chance(0.5);
  }
}

// ---------------------------------------------------------------------------------------
// Compose files

const SERVICE_NAMES = ['default', 'web', 'db', 'agent', 'victim', 'attacker', 'redis-cache', 'app2', 'svc-a', 'x', 'target', 'kali'];
const NETWORK_NAMES = ['frontend', 'backend', 'net-a', 'internal-net', 'ctf.net', 'n1'];
const VOLUME_NAMES = ['data', 'my_vol', 'Shared.Data', 'flag_store', 'CACHE', 'v1'];

const COMMAND_STRINGS = [
  'sleep infinity',
  'tail -f /dev/null',
  'python3 -m http.server 8080',
  'sh -c "echo hi && sleep 3600"',
  "bash -c 'while true; do sleep 1; done'",
  'echo "a  b"   c',
  '/bin/sh -c "exec nginx -g \'daemon off;\'"',
  'node server.js --port=3000',
  'printf "%s\\n" x',
  'sh -c "echo $$HOME"',
  '--verbose',
];
const COMMAND_LISTS = [
  ['sleep', 'infinity'],
  ['tail', '-f', '/dev/null'],
  ['sh', '-c', 'echo "starting" && exec python3 app.py'],
  ['python3', '-u', 'main.py', '--flag', 'FLAG{test}'],
  ['bash', '-lc', 'cd /app && ./run.sh'],
  ['/entrypoint.sh'],
  [],
  ['echo', '$$PATH', 'héllo'],
  ['sh', '-c', 'a\nb'],
];

function composeEnvironment(rng) {
  const names = rng.sample(['APP_ENV', 'PORT', 'DEBUG', 'RATIO', 'EMPTY', 'FLAG', 'LANG', 'PYTHONUNBUFFERED', 'COUNT', 'NOTE', 'URL', 'lower_case'], rng.int(1, 5));
  if (rng.chance(0.5)) {
    const dict = {};
    for (const name of names) {
      // An empty value (null) is refused by the reference; keep it rare.
      dict[name] = rng.chance(0.04) ? null : anyScalar(rng);
    }
    return dict;
  }
  return names.map((name) => {
    if (rng.chance(0.04)) return name; // no '=': the reference refuses it
    const value = rng.pick([...ODD_STRINGS.filter((s) => !s.includes('\n')), '"quoted"', "'single'", '1e-06', '3.10', '']);
    return `${name}=${value}`;
  });
}

function composeDuration(rng) {
  return rng.pick(['30s', '1m30s', '2h', '1h5m', '10s', '5s', '1m', '0s', '3s', rng.chance(0.15) ? '500ms' : '15s', rng.chance(0.1) ? '1d' : '20s']);
}

function composeHealthcheck(rng) {
  const hc = {};
  const form = rng.int(0, 9);
  if (form <= 4) hc.test = ['CMD', ...rng.pick([['curl', '-f', 'http://localhost:8080/'], ['pg_isready'], ['redis-cli', 'ping'], ['true']])];
  else if (form <= 8) hc.test = ['CMD-SHELL', rng.pick(['pg_isready -U postgres || exit 1', 'curl -sf http://localhost/ >/dev/null', 'test -f /run/ready'])];
  else hc.test = rng.pick(['curl -f http://localhost/', ['NONE']]);
  if (rng.chance(0.6)) hc.interval = composeDuration(rng);
  if (rng.chance(0.5)) hc.timeout = composeDuration(rng);
  if (rng.chance(0.5)) hc.retries = rng.int(0, 10);
  if (rng.chance(0.4)) hc.start_period = composeDuration(rng);
  if (rng.chance(0.15)) hc.start_interval = composeDuration(rng);
  if (rng.chance(0.03)) hc.disable = false;
  return hc;
}

function byteValue(rng) {
  return rng.pick(['512m', '1g', '1G', '256MB', '2gb', '1024k', '100b', '1.5g', '64M', '2Gi', '300', rng.chance(0.2) ? 512000000 : '128m']);
}
function cpuValue(rng) {
  return rng.pick(['0.5', 0.5, 2, '1', '0.25', 1.5, '2.0', 0.1]);
}

function composeDeploy(rng) {
  const resources = {};
  if (rng.chance(0.8)) {
    const limits = {};
    if (rng.chance(0.7)) limits.cpus = cpuValue(rng);
    if (rng.chance(0.7)) limits.memory = byteValue(rng);
    if (rng.chance(0.05)) limits.pids = 100;
    resources.limits = limits;
  }
  if (rng.chance(0.5)) {
    const reservations = {};
    if (rng.chance(0.7)) reservations.cpus = cpuValue(rng);
    if (rng.chance(0.7)) reservations.memory = byteValue(rng);
    resources.reservations = reservations;
  }
  const deploy = { resources };
  if (rng.chance(0.05)) deploy.replicas = 1;
  return deploy;
}

function composeUser(rng) {
  return rng.pick(['1000', '1000:1000', 1000, 0, new Raw('1000:10'), '65534:65534', '0:0', rng.chance(0.2) ? 'root' : '1001']);
}

function composeServiceExtension(rng) {
  const requests = {};
  const limits = {};
  if (rng.chance(0.7)) requests['ephemeral-storage'] = rng.pick(['1Gi', '500Mi', '10G']);
  if (rng.chance(0.3)) limits['nvidia.com/gpu'] = rng.pick([1, '1']);
  if (rng.chance(0.2)) limits['ephemeral-storage'] = '2Gi';
  const resources = {};
  if (Object.keys(requests).length) resources.requests = requests;
  if (Object.keys(limits).length) resources.limits = limits;
  return { resources };
}

function composeService(rng, name, ctx) {
  const service = {};
  if (!rng.chance(0.04) || ctx.allowBuildOnly === false) service.image = rng.pick(IMAGES);
  if (rng.chance(0.1)) service.build = rng.pick(['.', { context: './victim', dockerfile: 'Dockerfile' }]);
  if (!service.image && !service.build) service.build = '.';
  if (rng.chance(0.35)) service.entrypoint = rng.chance(0.5) ? rng.pick(COMMAND_STRINGS) : rng.pick(COMMAND_LISTS);
  if (rng.chance(0.5)) service.command = rng.chance(0.5) ? rng.pick(COMMAND_STRINGS) : rng.pick(COMMAND_LISTS);
  if (rng.chance(0.3)) service.working_dir = rng.pick(['/app', '/home/user/my dir', '/home/ctf', '/srv/ctf']);
  if (rng.chance(0.55)) service.environment = composeEnvironment(rng);
  if (rng.chance(0.25) && ctx.volumes.length) {
    service.volumes = rng.sample(ctx.volumes, rng.int(1, Math.min(2, ctx.volumes.length))).map(
      (v) => `${v}:${rng.pick(['/data', '/var/lib/postgresql/data', '/shared', '/flag:ro'])}`,
    );
    if (rng.chance(0.05)) service.volumes.push('./flag.txt:/flag.txt:ro');
  }
  if (rng.chance(0.3)) service.healthcheck = composeHealthcheck(rng);
  if (rng.chance(0.3)) service.deploy = composeDeploy(rng);
  if (rng.chance(0.2)) service.mem_limit = byteValue(rng);
  if (rng.chance(0.15)) service.cpus = cpuValue(rng);
  if (rng.chance(0.25)) service.user = composeUser(rng);
  if (rng.chance(0.15)) {
    service.security_opt = [rng.pick(['seccomp=unconfined', 'seccomp:unconfined', 'seccomp=builtin', 'seccomp=profiles/no-aslr.json', 'seccomp:custom/p.json'])];
    if (rng.chance(0.08)) service.security_opt.push(rng.pick(['no-new-privileges:true', 'seccomp=/etc/abs.json', 'seccomp=../up.json']));
  }
  if (rng.chance(0.08) && !ctx.networks.length) service.network_mode = 'none';
  else if (rng.chance(0.05)) service.network_mode = 'bridge';
  if (ctx.networks.length && rng.chance(0.6) && service.network_mode === undefined) {
    service.networks = rng.sample(ctx.networks, rng.int(1, ctx.networks.length));
  }
  if (rng.chance(0.15)) service.expose = rng.sample(['8080', '3000', 5432, '22'], rng.int(1, 2));
  if (rng.chance(0.15)) service.init = true;
  if (rng.chance(0.12)) service.hostname = rng.chance(0.9) ? name : 'other-host';
  if (rng.chance(0.08)) service['x-local'] = rng.pick(['true', true, 'false']);
  if (rng.chance(0.12)) service[rng.pick(['x-inspect_k8s_sandbox', 'x-k8s'])] = composeServiceExtension(rng);
  if (rng.chance(0.04)) service.runtime = 'runc';
  if (rng.chance(0.03)) service.memswap_limit = '1g';
  return service;
}

function composeTopExtension(rng) {
  const ext = {};
  if (rng.chance(0.7)) {
    ext.allow_domains = rng.sample(['pypi.org', 'files.pythonhosted.org', '*.github.com', 'example.com', 'deb.debian.org', '*', 'api.openai.com', 'A.Example.COM'], rng.int(1, 3));
  }
  if (rng.chance(0.4)) ext.allow_entities = rng.sample(['world', 'cluster', 'kube-apiserver', 'all', 'host'], rng.int(1, 2));
  if (rng.chance(0.2)) ext.automount_service_account_token = rng.chance(0.5);
  if (rng.chance(0.2)) {
    ext.service_account_name = rng.pick(['sandbox-sa', 'agent', 'eval-runner']);
    if (rng.chance(0.5)) ext.service_account_create = rng.chance(0.7);
  }
  return ext;
}

/** A Compose file as a tree. */
export function generateCompose(rng) {
  const doc = {};
  if (rng.chance(0.15)) doc.version = rng.pick(['3.8', '3', new Raw('3.9')]);
  const networks = rng.chance(0.35) ? rng.sample(NETWORK_NAMES, rng.int(1, 3)) : [];
  const volumes = rng.chance(0.3) ? rng.sample(VOLUME_NAMES, rng.int(1, 2)) : [];
  const count = rng.pick([1, 1, 2, 2, 2, 3, 3, 4]);
  const names = rng.sample(SERVICE_NAMES, count);
  if (rng.chance(0.03)) names[names.length - 1] = rng.pick(['My_Service', 'web_app']);
  const services = {};
  for (const name of names) services[name] = composeService(rng, name, { networks, volumes });
  if (count > 1 && rng.chance(0.25)) {
    const chosen = rng.pick(names);
    services[chosen]['x-default'] = true;
  }
  doc.services = services;
  if (networks.length) {
    doc.networks = {};
    for (const name of networks) {
      doc.networks[name] = rng.pick([{}, {}, { driver: 'bridge' }, { internal: true }, { driver: 'bridge', internal: true }, rng.chance(0.2) ? null : {}]);
    }
  }
  if (volumes.length) {
    doc.volumes = {};
    for (const name of volumes) doc.volumes[name] = rng.chance(0.8) ? {} : null;
  }
  if (rng.chance(0.35)) doc[rng.pick(['x-inspect_k8s_sandbox', 'x-k8s'])] = composeTopExtension(rng);
  if (rng.chance(0.05)) doc['x-common'] = { image: 'ubuntu:24.04' };
  return doc;
}

// ---------------------------------------------------------------------------------------
// agent-env values files

const VALUE_SERVICE_NAMES = ['default', 'web', 'db', 'victim', 'attacker', 'redis-cache', 'a', 'svc-with-a-rather-long-name-for-testing-limits'];
const VALUE_NETWORK_NAMES = ['frontend', 'backend', 'corp.internal', 'net-a', 'a.b.c'];
const DOMAINS = ['example.com', '*.example.com', 'pypi.org', 'files.pythonhosted.org', '*', 'api.github.com', '*.s3.amazonaws.com', 'deb.debian.org'];

function portEntry(rng) {
  return {
    protocol: rng.pick(['TCP', 'tcp', 'UDP', 'udp', 'Tcp', 'SCTP']),
    port: rng.pick([80, 443, 8080, 22, 5432, 53, 3000, 8080]),
  };
}

function envEntries(rng) {
  const out = [];
  for (let i = rng.int(1, 5); i > 0; i--) {
    const entry = { name: rng.pick(['A', 'PORT', 'DEBUG', 'FLAG', 'RATIO', 'EMPTY', 'LONG_NUMBER', 'NOTE']) + (rng.chance(0.3) ? `_${i}` : '') };
    if (!rng.chance(0.05)) entry.value = rng.chance(0.08) ? null : anyScalar(rng);
    out.push(entry);
  }
  return out;
}

function resourcesValue(rng) {
  const out = {};
  if (rng.chance(0.8)) out.limits = { cpu: rng.pick(['1', '500m', 2, 0.5, '250m']), memory: rng.pick(['1Gi', '512Mi', '2G', 1073741824]) };
  if (rng.chance(0.6)) out.requests = { cpu: rng.pick(['100m', 1, '0.25']), memory: rng.pick(['256Mi', '1Gi']) };
  if (rng.chance(0.2)) (out.requests ??= {})['ephemeral-storage'] = '1Gi';
  return out;
}

function probeValue(rng) {
  const probe = rng.pick([
    { exec: { command: ['sh', '-c', 'test -f /run/ready'] } },
    { tcpSocket: { port: 8080 } },
    { httpGet: { path: '/healthz', port: 80 } },
  ]);
  const out = structuredClone(probe);
  if (rng.chance(0.6)) out.periodSeconds = rng.int(1, 30);
  if (rng.chance(0.4)) out.failureThreshold = rng.int(1, 11);
  if (rng.chance(0.3)) out.initialDelaySeconds = rng.int(0, 60);
  if (rng.chance(0.3)) out.timeoutSeconds = rng.int(1, 10);
  return out;
}

function securityContextValue(rng) {
  const out = {};
  if (rng.chance(0.6)) out.runAsUser = rng.pick([0, 1000, 65534]);
  if (rng.chance(0.4)) out.runAsGroup = rng.pick([0, 1000]);
  if (rng.chance(0.3)) out.seccompProfile = rng.pick([{ type: 'Unconfined' }, { type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'profiles/x.json' }]);
  if (rng.chance(0.2)) out.capabilities = { add: ['NET_ADMIN'], drop: ['ALL'] };
  if (rng.chance(0.2)) out.privileged = rng.chance(0.5);
  if (rng.chance(0.2)) out.allowPrivilegeEscalation = false;
  return out;
}

function initContainer(rng, i) {
  const out = { name: `init-${i}`, image: rng.pick(IMAGES) };
  if (rng.chance(0.5)) out.command = rng.pick([['sh', '-c'], ['/bin/true'], ['chown', '-R', '1000:1000', '/data']]);
  if (rng.chance(0.4)) out.args = rng.pick([['echo hi'], ['--flag', 'x: y'], ['yes']]);
  if (rng.chance(0.3)) out.imagePullPolicy = rng.pick(['Always', 'IfNotPresent', 'Never']);
  if (rng.chance(0.3)) out.workingDir = rng.pick(['/workspace', '/home/user/my dir']);
  if (rng.chance(0.3)) out.resources = resourcesValue(rng);
  if (rng.chance(0.3)) out.securityContext = securityContextValue(rng);
  return out;
}

function valuesService(rng, ctx) {
  const s = {};
  if (rng.chance(0.25)) s.runtimeClassName = rng.pick(['gvisor', 'runc', 'CLUSTER_DEFAULT', new Raw('null'), '']);
  if (!rng.chance(0.03)) s.image = rng.pick(IMAGES);
  if (rng.chance(0.2)) s.imagePullPolicy = rng.pick(['Always', 'IfNotPresent', 'Never', new Raw('null')]);
  if (rng.chance(0.4)) s.command = rng.pick(COMMAND_LISTS);
  // Non-string items are refused by our values schema (deliberately); keep them rare.
  if (rng.chance(0.4)) s.args = rng.chance(0.05) ? rng.pick([['--port', new Raw('8080')], [new Raw('true'), new Raw('1e-06')]]) : rng.pick(COMMAND_LISTS);
  if (rng.chance(0.25)) s.workingDir = rng.pick(['/app', '/home/user/my dir', new Raw('null'), '']);
  if (rng.chance(0.6)) s.dnsRecord = rng.chance(0.7);
  if (rng.chance(0.3)) s.additionalDnsRecords = rng.sample(['legacy-name', 'db.internal', 'Mixed_Case', '*.wild', 'victim.local'], rng.int(1, 2));
  if (rng.chance(0.3)) {
    s.ports = [];
    for (let i = rng.int(1, 4); i > 0; i--) s.ports.push(portEntry(rng));
    if (rng.chance(0.4)) s.ports.push({ ...s.ports[0] });
  }
  if (rng.chance(0.5)) s.env = envEntries(rng);
  if (rng.chance(0.2)) s.initContainers = Array.from({ length: rng.int(1, 2) }, (_, i) => initContainer(rng, i));
  if (rng.chance(0.3) && ctx.volumes.length) {
    s.volumes = rng.sample(ctx.volumes, rng.int(1, ctx.volumes.length)).map((v) => `${v}:${rng.pick(['/data', '/shared', '/var/lib/x:ro', '/mnt/with space'])}`);
    if (rng.chance(0.4)) s.volumes.push(rng.pick([{ name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'my-config' } }]));
  } else if (rng.chance(0.1)) {
    s.volumes = [{ name: 'scratch', emptyDir: { medium: 'Memory' } }];
  }
  if (rng.chance(0.2)) s.volumeMounts = [{ name: 'scratch', mountPath: '/scratch' }];
  if (rng.chance(0.4)) s.resources = resourcesValue(rng);
  if (rng.chance(0.3)) s.readinessProbe = probeValue(rng);
  if (rng.chance(0.2)) s.livenessProbe = probeValue(rng);
  if (rng.chance(0.3)) s.securityContext = securityContextValue(rng);
  if (rng.chance(0.15)) s.tolerations = [{ key: 'sandbox', operator: 'Equal', value: 'true', effect: 'NoSchedule' }];
  if (rng.chance(0.15)) s.nodeSelector = { 'node-type': rng.chance(0.1) ? rng.pick([new Raw('true'), new Raw('1')]) : rng.pick(['sandbox', 'true', '1']) };
  if (rng.chance(0.3) && ctx.networks.length) s.networks = rng.sample(ctx.networks, rng.int(1, ctx.networks.length));
  if (rng.chance(0.08)) s.networkIsolated = true;
  return s;
}

function allowDomainsPorts(rng, domains) {
  const out = [];
  const refusedOk = rng.chance(0.12);
  for (let i = rng.int(1, 3); i > 0; i--) {
    const entry = { port: rng.pick([22, 8080, 53, 5432, 8443, 80, 443]) };
    const safeOn80or443 = entry.port === 80 || entry.port === 443;
    if (safeOn80or443 && !refusedOk) entry.protocol = rng.pick(['UDP', 'udp']);
    else if (rng.chance(0.8)) entry.protocol = rng.pick(['TCP', 'UDP', 'ANY', 'tcp', 'Any']);
    if (rng.chance(0.4)) {
      entry.domain = refusedOk && rng.chance(0.5) ? 'not-listed.example.org' : rng.pick(domains.length ? domains : ['example.com']);
    }
    out.push(entry);
  }
  return out;
}

/** An agent-env values file as a tree. */
export function generateValues(rng) {
  const v = {};
  if (rng.chance(0.25)) {
    v.global = {};
    if (rng.chance(0.5)) v.global.nameOverride = rng.pick(['sandbox', 'my-env', '', 'agent-env', new Raw('null')]);
    if (rng.chance(0.4)) v.global.fullnameOverride = rng.pick(['custom-full', 'a-very-long-full-name-override-that-is-nearly-63-characters-x', '', new Raw('null')]);
    if (rng.chance(0.2)) v.global.extra = { free: 'form' };
  }
  const networks = rng.chance(0.35) ? rng.sample(VALUE_NETWORK_NAMES, rng.int(1, 3)) : [];
  const volumes = rng.chance(0.3) ? rng.sample(['data', 'shared', 'flag-store'], rng.int(1, 2)) : [];
  const services = {};
  const count = rng.pick([0, 1, 1, 2, 2, 3]);
  for (const name of rng.sample(VALUE_SERVICE_NAMES, count)) services[name] = valuesService(rng, { networks, volumes });
  if (count || rng.chance(0.5)) v.services = services;
  if (networks.length) {
    v.networks = {};
    for (const n of networks) v.networks[n] = rng.pick([{}, new Raw('null'), { driver: 'bridge' }]);
  }
  if (volumes.length) {
    v.volumes = {};
    for (const n of volumes) {
      v.volumes[n] = rng.pick([{}, new Raw('null'), { spec: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]);
    }
  }
  if (rng.chance(0.45)) {
    v.allowDomains = rng.sample(DOMAINS, rng.int(1, 3));
    if (rng.chance(0.5)) v.allowDomainsPorts = allowDomainsPorts(rng, v.allowDomains);
  } else if (rng.chance(0.15)) {
    v.allowDomainsPorts = allowDomainsPorts(rng, []);
  }
  if (rng.chance(0.2)) v.allowCIDR = rng.sample(['10.0.0.0/8', '192.168.1.0/24', '0.0.0.0/0', '2001:db8::/32'], rng.int(1, 2));
  if (rng.chance(0.25)) v.allowEntities = rng.sample(['world', 'all', 'cluster', 'kube-apiserver', 'host'], rng.int(1, 2));
  if (rng.chance(0.15)) v.imagePullSecrets = [{ name: 'regcred' }, ...(rng.chance(0.3) ? [{ name: 'other' }] : [])];
  if (rng.chance(0.25)) {
    v.labels = {};
    for (const k of rng.sample(['team', 'eval', 'run-id', 'example.com/owner', 'flag'], rng.int(1, 3))) v.labels[k] = anyScalar(rng);
  }
  if (rng.chance(0.25)) {
    v.annotations = {};
    for (const k of rng.sample(['note', 'example.com/ticket', 'count', 'enabled'], rng.int(1, 3))) v.annotations[k] = anyScalar(rng);
    if (rng.chance(0.05)) v.annotations.nested = { not: 'allowed' };
  }
  if (rng.chance(0.2)) v.automountServiceAccountToken = rng.chance(0.5);
  if (rng.chance(0.15)) {
    v.serviceAccountCreate = rng.chance(0.7);
    v.serviceAccountName = rng.chance(0.85) ? rng.pick(['sandbox-sa', 'agent']) : new Raw('null');
  } else if (rng.chance(0.1)) {
    v.serviceAccountName = rng.pick(['existing-sa', new Raw('null')]);
  }
  if (rng.chance(0.1)) v.corednsImage = 'coredns/coredns:1.11.1';
  if (rng.chance(0.05)) v.corednsCommand = ['/coredns', '-conf', '/etc/coredns/Corefile', '-dns.port', '53'];
  if (rng.chance(0.2)) {
    v.additionalResources = [];
    for (let i = rng.int(1, 2); i > 0; i--) {
      v.additionalResources.push(
        rng.pick([
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `extra-${i}` }, data: { key: anyScalar(rng), other: '{ "a": 1 }' } },
          { apiVersion: 'v1', kind: 'Secret', metadata: { name: `secret-${i}` }, type: 'Opaque', stringData: { password: 'hunter2', n: '0123' } },
          { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: `extra-policy-${i}` }, spec: { endpointSelector: {}, egress: [{ toEntities: ['cluster'] }] } },
        ]),
      );
    }
  }
  return v;
}

// ---------------------------------------------------------------------------------------
// Release names and namespaces

const LONG_RELEASE = 'a-release-name-that-is-exactly-fifty-three-chars-long';

export function generateRelease(rng) {
  return rng.pick([
    'my-release',
    'r',
    'release-name',
    'agent-env',
    'my-agent-env-test',
    'agent-env-2024-06-01-run-7',
    LONG_RELEASE,
    'agent-env-' + 'x'.repeat(43),
    'eval-' + 'a'.repeat(44) + '-xyz', // 53: `agent-env-` + it is cut at 63, ending on '-'
    'x'.repeat(52) + '1',
    'inspect-1a2b3c4d',
    'b' + '-'.repeat(2) + 'c',
  ]);
}

export function generateNamespace(rng) {
  return rng.pick(['default', 'default', 'inspect', 'ns-1', 'evals-team-a', 'n'.repeat(63)]);
}

// ---------------------------------------------------------------------------------------
// Serialization

/**
 * The YAML text of a tree: strings quoted wherever a YAML 1.1 or 1.2 reader could take them
 * for something else, `Raw` leaves written verbatim.
 */
export function toYamlText(tree) {
  const raws = [];
  const mark = (node) => {
    if (node instanceof Raw) {
      raws.push(node.text);
      return `@@RAW${raws.length - 1}@@`;
    }
    if (Array.isArray(node)) return node.map(mark);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mark(v)]));
    return node;
  };
  const doc = new Document(mark(tree), { version: '1.1', aliasDuplicateObjects: false });
  // A tab inside a plain scalar is valid YAML that PyYAML refuses: quote such strings.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('\t')) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const text = doc.toString({ lineWidth: 0 });
  return text.replace(/(["']?)@@RAW(\d+)@@\1/g, (_, _q, i) => raws[Number(i)]);
}

/** A tree without `Raw` leaves: each replaced by the string it spells (for fingerprints). */
export function plainTree(tree) {
  if (tree instanceof Raw) return tree.text;
  if (Array.isArray(tree)) return tree.map(plainTree);
  if (tree && typeof tree === 'object') return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, plainTree(v)]));
  return tree;
}

/** One generated case of a kind, reproducible from (kind, seed). */
export function generateCase(kind, seed) {
  const rng = new Rng(seed);
  const tree = kind === 'compose' ? generateCompose(rng.fork()) : generateValues(rng.fork());
  return { kind, seed, tree, release: generateRelease(rng), namespace: generateNamespace(rng) };
}
