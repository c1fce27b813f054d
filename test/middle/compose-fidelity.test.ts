// A converted sandbox behaves as the Compose project does: a service on internal networks
// only gets no internet (a deny policy of its own when the sandbox allows some), and DNS
// names that the chart makes resolvable by more services than Compose did are warned about.

import { describe, expect, test } from 'vitest';
import { convert } from '../../passes/compile.js';
import { explainManifests } from '../../src/tools/explain/index.js';
import { renderValues } from '../../src/chart/render/index.js';
import { validateObject } from '../../src/chart/render/validate.js';
import { convertedMiddle } from './harness.js';

const codes = (diagnostics: { code: string }[], code: string) => diagnostics.filter((d) => d.code === code);

const INTERNAL = (sandbox: string) => `
services:
  default:
    image: python:3.12
    networks: [front, back]
  db:
    image: postgres:16
    networks: [back]
  cache:
    image: redis:7
networks:
  front: {}
  back:
    internal: true
${sandbox}
`;

describe('internal networks and egress', () => {
  test('a service only on internal networks gets a deny policy when the sandbox allows domains', () => {
    const { values, diagnostics } = convertedMiddle(INTERNAL('x-inspect_k8s_sandbox: {allow_domains: [pypi.org]}'));
    expect(values.additionalResources).toHaveLength(1);
    const policy = values.additionalResources![0] as string;
    expect(policy).toContain('-svc-db-no-internet');
    expect(policy).toContain('inspect/service: "db"');
    const warnings = codes(diagnostics, 'C2A315');
    expect(warnings.map((d) => [d.line, d.severity])).toEqual([[14, 'warning']]);
    expect(warnings[0]!.message).toContain("service 'db' is only on internal network 'back'");
    expect(warnings[0]!.message).toContain('it can still look up pypi.org through the cluster DNS');
    // The old info that claimed no sandbox network reaches the internet is gone.
    expect(diagnostics.filter((d) => d.code === 'C2A031' && d.message.includes('internal'))).toEqual([]);
  });

  test('nothing is added when the sandbox allows no internet', () => {
    const { values, diagnostics } = convertedMiddle(INTERNAL(''));
    expect(values.additionalResources).toBeUndefined();
    expect(codes(diagnostics, 'C2A315')).toEqual([]);
    expect(codes(diagnostics, 'C2A316')).toEqual([]);
  });

  test('a service also on a non-internal network, or on network_mode: none, gets no policy', () => {
    const { values } = convertedMiddle(`
services:
  default:
    image: python:3.12
    networks: [front, back]
  lone:
    image: alpine:3.20
    network_mode: none
networks:
  front: {}
  back: {internal: true}
x-inspect_k8s_sandbox: {allow_entities: [world]}
`);
    expect(values.additionalResources).toBeUndefined();
  });

  test('network_mode: default converts, as the key table says, without a diagnostic of its own', () => {
    const { diagnostics } = convertedMiddle(`
services:
  default:
    image: python:3.12
    network_mode: default
`);
    expect(diagnostics.filter((d) => d.code === 'C2A050' || d.code === 'C2A250')).toEqual([]);
  });

  test("Compose's implicit default network declared internal covers the services that name no network", () => {
    const { values, diagnostics } = convertedMiddle(`
services:
  agent:
    image: python:3.12
  db:
    image: postgres:16
networks:
  default: {internal: true}
x-inspect_k8s_sandbox: {allow_entities: [world, cluster]}
`);
    expect((values.additionalResources ?? []).map((r) => /-svc-([a-z0-9-]+)-no-internet/.exec(r as string)?.[1])).toEqual(['default', 'db']);
    const message = codes(diagnostics, 'C2A315')[0]!.message;
    expect(message).toContain('it can still look up any name');
    expect(message).toContain('it still reaches the in-cluster entities cluster');
  });

  test('with the entity all allowed, the warning names the in-cluster part of it as still reachable', () => {
    const { diagnostics } = convertedMiddle(INTERNAL('x-inspect_k8s_sandbox: {allow_entities: [all, kube-apiserver]}'));
    const message = codes(diagnostics, 'C2A315')[0]!.message;
    expect(message).toContain('it can still look up any name through the cluster DNS');
    expect(message).toContain('it still reaches the in-cluster entities all (its in-cluster part), kube-apiserver allowed to every pod');
  });

  test('only in-cluster entities allowed: no policy, a warning that they stay reachable', () => {
    const { values, diagnostics } = convertedMiddle(INTERNAL('x-inspect_k8s_sandbox: {allow_entities: [kube-apiserver]}'));
    expect(values.additionalResources).toBeUndefined();
    expect(codes(diagnostics, 'C2A316').map((d) => d.message)).toEqual([
      "service 'db' is only on internal network 'back', which under Compose reach nothing outside the project, but on Kubernetes it can reach the in-cluster entities kube-apiserver that x-inspect_k8s_sandbox allows every pod: compose2agent denies a service on internal networks only the world entity, since denying in-cluster entities could cut its pods off the cluster DNS",
    ]);
  });

  test('--strict keeps the reference values and says the service keeps the internet', () => {
    const text = INTERNAL('x-inspect_k8s_sandbox: {allow_domains: [pypi.org]}');
    const { values, diagnostics } = convertedMiddle(text, { strict: true });
    expect(values.additionalResources).toBeUndefined();
    expect(codes(diagnostics, 'C2A316')[0]!.message).toContain("--strict keeps the reference converter's values, which ignore `internal`");
  });

  test('the policy renders as a valid CiliumNetworkPolicy that selects only that service of the release, and explain shows no internet', () => {
    const { values } = convert(INTERNAL('x-inspect_k8s_sandbox: {allow_domains: [pypi.org]}'), { filename: 'compose.yaml' });
    const rendered = renderValues([], { release: 'demo', namespace: 'evals' }, values);
    expect(rendered.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const policy = rendered.documents!.find((d) => (d.object.metadata as { name: string }).name === 'agent-env-demo-svc-db-no-internet')!.object;
    expect(validateObject(policy)).toEqual([]);
    expect(policy.spec).toMatchObject({
      endpointSelector: {
        matchLabels: {
          'io.kubernetes.pod.namespace': 'evals',
          'app.kubernetes.io/name': 'agent-env',
          'app.kubernetes.io/instance': 'demo',
          'inspect/service': 'db',
        },
      },
      egressDeny: [{ toEntities: ['world'] }, { toCIDR: ['0.0.0.0/0', '::/0'] }],
    });
    const explanation = explainManifests(rendered.documents!, { release: 'demo', namespace: 'evals' });
    const db = explanation.egress.find((g) => g.services.includes('db'))!;
    expect(db.services).toEqual(['db']);
    expect(db.access).toMatchObject({ internetDenied: true, unrestrictedInternet: false, domains: [], entities: [], cidrs: [], otherRules: [] });
    expect(db.access.dnsLookups).toEqual(['*.evals.svc.cluster.local', 'pypi.org']);
    const others = explanation.egress.find((g) => g.services.includes('default'))!;
    expect(others.access.internetDenied).toBe(false);
    expect(others.access.domains.map((d) => d.pattern)).toEqual(['pypi.org']);
    // A policy of deny rules only widens nothing: no additionalResources warning for it.
    expect(explanation.warnings.filter((w) => w.kind === 'additional-resources')).toEqual([]);
  });
});

const DNS = `
services:
  default:
    image: python:3.12
    networks: [front]
  web:
    image: nginx:1.27
    hostname: webhost
    container_name: web-box
    networks:
      front:
      back:
        aliases: [site]
  db:
    image: postgres:16
    container_name: db-box
    networks:
      back:
        aliases: [database]
  lone:
    image: alpine:3.20
    network_mode: none
networks:
  front: {}
  back: {}
`;

describe('DNS names wider than Compose', () => {
  test('names that more services resolve than under Compose are warned about, naming them', () => {
    const { values, diagnostics } = convertedMiddle(DNS);
    // The records are kept: the services that used them need them.
    expect(values.services.web!.additionalDnsRecords).toEqual(['site', 'webhost', 'web-box']);
    expect(values.services.db!.additionalDnsRecords).toEqual(['database', 'db-box']);
    const warnings = codes(diagnostics, 'C2A317');
    expect(warnings.every((d) => d.severity === 'warning')).toBe(true);
    expect(warnings.map((d) => [d.path, d.message.split(': ').pop()])).toEqual([
      ['services.web.hostname', "'default', 'db' can look it up on Kubernetes but not under Compose (network policies still decide what they can connect to)"],
      ['services.web.networks.back.aliases', "'default' can look it up on Kubernetes but not under Compose (network policies still decide what they can connect to)"],
      ['services.db.container_name', "'default' can look it up on Kubernetes but not under Compose (network policies still decide what they can connect to)"],
      ['services.db.networks.back.aliases', "'default' can look it up on Kubernetes but not under Compose (network policies still decide what they can connect to)"],
    ]);
    expect(warnings[0]!.message).toContain("only for 'web' itself, as a container's hostname is no DNS name for other containers");
    expect(warnings[1]!.message).toContain("under Compose it resolves only for the services on network 'back' ('web', 'db')");
    // web's container name: every service with a network shares one with web.
    expect(warnings.some((d) => d.message.includes("'web-box'"))).toBe(false);
  });

  test('no warning where the network holds every service that could resolve the name', () => {
    const { diagnostics } = convertedMiddle(`
services:
  default:
    image: python:3.12
    networks: [back]
  db:
    image: postgres:16
    hostname: db
    container_name: the-db
    networks:
      back:
        aliases: [database]
  lone:
    image: alpine:3.20
    network_mode: none
networks:
  back: {}
`);
    expect(codes(diagnostics, 'C2A317')).toEqual([]);
  });

  test('a link alias resolves under Compose only for the linking service', () => {
    const { diagnostics } = convertedMiddle(`
services:
  default:
    image: python:3.12
    links: ["db:database"]
  db:
    image: postgres:16
  worker:
    image: python:3.12
`);
    expect(codes(diagnostics, 'C2A317').map((d) => d.message)).toEqual([
      "'database' (the link alias of service 'db') resolves for every service of the sandbox, since the chart's DNS answers all pods alike; under Compose it resolves only for 'default', whose link names it: 'db', 'worker' can look it up on Kubernetes but not under Compose (network policies still decide what they can connect to)",
    ]);
  });
});
