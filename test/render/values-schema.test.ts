import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { catalogue } from '../../src/base/messages.js';
import { validateAgentEnvValues } from '../../src/chart/values/validate.js';

function paths(values: unknown): string[] {
  return validateAgentEnvValues(values).map((p) => p.path.join('.'));
}

describe('validateAgentEnvValues', () => {
  test('values as the converter emits them pass (coalesced over the chart defaults first)', () => {
    expect(
      validateAgentEnvValues({
        services: {
          default: { image: 'python:3.12', dnsRecord: true, env: [{ name: 'A', value: 1 }], volumes: ['data:/data'], networks: ['lan'] },
          web: { image: 'nginx', ports: [{ protocol: 'TCP', port: 80 }], additionalDnsRecords: ['*.web.test'] },
        },
        networks: { lan: {} },
        volumes: { data: null },
        allowDomains: ['pypi.org', '*'],
        allowDomainsPorts: [{ port: 22, domain: 'pypi.org', protocol: 'tcp' }],
        labels: { team: 'a' },
        annotations: { note: 'a: b' },
      }),
    ).toEqual([]);
  });

  test('refuses what the chart schema refuses', () => {
    expect(paths({ services: { default: { image: 'x' }, Web_App: { image: 'y' } } })).toEqual(['services.Web_App']);
    expect(paths({ networks: { 'lan wan': {} }, services: { default: { image: 'x', networks: ['lan wan'] } } }).sort()).toEqual([
      'networks.lan wan',
      'services.default.networks.0',
    ]);
    expect(paths({ services: { default: { image: 'x', additionalDnsRecords: ['a.test\n forward . 1.2.3.4'] } } })).toEqual([
      'services.default.additionalDnsRecords.0',
    ]);
    expect(paths({ services: { web: { dnsRecord: 'yes' } } }).sort()).toEqual(['services.web', 'services.web.dnsRecord']);
    expect(paths({ unknownKey: 1 })).toEqual(['unknownKey']);
    expect(paths({ services: { default: null } })).toEqual(['services']);
  });

  test('refuses keys the chart would drop and values that would change meaning in its YAML', () => {
    expect(paths({ services: { default: { image: 'x', env: [{ name: 'A', valueFrom: {} }] } } })).toEqual(['services.default.env.0.valueFrom']);
    expect(paths({ services: { default: { image: 'x', volumes: ['data'] } } })).toEqual(['services.default.volumes.0']);
    expect(paths({ services: { default: { image: 'x', volumes: ['Data_1:/data'] } } })).toEqual(['services.default.volumes.0']);
    // Options after the mount path are ignored by the chart: accepted here, warned about at render.
    expect(paths({ services: { default: { image: 'x', volumes: ['data:/data:ro', 'data:/mnt/my data'] } } })).toEqual([]);
    expect(paths({ services: { default: { image: 'x' }, '123': { image: 'y' } } })).toEqual(['services.123']);
    expect(paths({ annotations: { a: { nested: 1 } } })).toEqual(['annotations.a']);
    expect(paths({ allowDomains: ['pypi.org" x'] })).toEqual(['allowDomains.0']);
  });

  test('messages say what is wrong and mark misnamed keys', () => {
    const [problem] = validateAgentEnvValues({ services: { default: { image: 'x', imagePullSecret: 'a' } } });
    expect(problem).toEqual({ path: ['services', 'default', 'imagePullSecret'], atKey: true, problem: { problem: 'unknown-key', key: 'imagePullSecret' } });
    expect(catalogue.C2A100.message(problem!.problem)).toBe("invalid agent-env values: unknown key 'imagePullSecret'");
  });

  test("every reason the schema names is a variant of the catalogue's group schemaReason", () => {
    const schema = readFileSync(new URL('../../schemas/agent-env-values.schema.json', import.meta.url), 'utf8');
    const named = [...schema.matchAll(/"x-(?:not-|type-)?reason": "([^"]*)"/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    const known = Object.keys(catalogue.C2A100.variants!.schemaReason!);
    for (const name of named) expect(known, name).toContain(name);
  });
});
