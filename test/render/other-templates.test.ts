import { describe, expect, test } from 'vitest';
import { renderAdditionalResources, splitManifests, type TemplateRenderer } from '../../src/chart/render/additional-resources.js';
import { corefile, renderCoreDns } from '../../src/chart/render/coredns.js';
import { renderPersistentVolumeClaims } from '../../src/chart/render/pvc.js';
import { renderService } from '../../src/chart/render/service.js';
import { renderServiceAccount } from '../../src/chart/render/service-account.js';
import { goTemplateEngine } from '../../src/chart/render/index.js';
import { at, scopeFor } from './helpers.js';

describe('headless Service', () => {
  test('ports are listed as given: duplicates and protocol case kept, named for the port', () => {
    const { scope } = scopeFor({ labels: { tier: 2 }, services: { default: { image: 'x', ports: [{ protocol: 'tcp', port: 80 }, { protocol: 'tcp', port: 80 }] } } });
    const doc = renderService(scope, 'default', (scope.values.services as Record<string, Record<string, unknown>>).default!);
    expect(at(doc.object, 'spec', 'ports')).toEqual([
      { protocol: 'tcp', port: 80, name: 'port-80' },
      { protocol: 'tcp', port: 80, name: 'port-80' },
    ]);
    // toYaml keeps the label's type on Services.
    expect(at(doc.object, 'metadata', 'labels')).toEqual({ tier: 2 });
    expect(at(doc.object, 'spec', 'clusterIP')).toBe('None');
  });
});

describe('CoreDNS', () => {
  test('rewrites only for services with a DNS record, extra records included, sorted by name', () => {
    const { scope } = scopeFor({
      services: { default: { image: 'x' }, web: { image: 'y', additionalDnsRecords: ['api.test'] }, db: { image: 'z', dnsRecord: true } },
    }, 'r1', 'ns1');
    const text = corefile(scope);
    expect(text).not.toContain('# default');
    expect(text.indexOf('# db')).toBeLessThan(text.indexOf('# web'));
    expect(text).toContain('    rewrite name exact api.test agent-env-r1-web.ns1.svc.cluster.local\n');
    expect(text).toContain('    rewrite name exact agent-env-r1-db agent-env-r1-db.ns1.svc.cluster.local\n');
    expect(at(renderCoreDns(scope)[1]!.object, 'data')).toEqual({ 'resolv.conf': 'nameserver 127.0.0.1\n' });
  });
});

describe('PersistentVolumeClaims', () => {
  test('an NFS-CSI claim by default, the given spec otherwise', () => {
    const { scope } = scopeFor({ services: { default: { image: 'x' } }, volumes: { data: null, big: { spec: { accessModes: ['ReadWriteOnce'] } }, empty: { spec: {} } } });
    const docs = renderPersistentVolumeClaims(scope);
    expect(docs.map((d) => at(d.object, 'metadata', 'name'))).toEqual([
      'agent-env-my-release-big',
      'agent-env-my-release-data',
      'agent-env-my-release-empty',
    ]);
    expect(at(docs[0]!.object, 'spec')).toEqual({ accessModes: ['ReadWriteOnce'] });
    expect(at(docs[1]!.object, 'spec', 'storageClassName')).toBe('nfs-csi');
    expect(at(docs[2]!.object, 'spec', 'accessModes')).toEqual(['ReadWriteMany']);
  });
});

describe('ServiceAccount', () => {
  test('created only when asked, and only with a name', () => {
    expect(renderServiceAccount(scopeFor({ services: { default: { image: 'x' } }, serviceAccountName: 'a' }).scope)).toEqual([]);
    const created = renderServiceAccount(
      scopeFor({ services: { default: { image: 'x' } }, serviceAccountCreate: true, serviceAccountName: 'runner' }, 'r', 'ns').scope,
    );
    expect(at(created[0]!.object, 'metadata')).toMatchObject({ name: 'runner', namespace: 'ns' });
    const { scope, reported } = scopeFor({ services: { default: { image: 'x' } }, serviceAccountCreate: true });
    expect(renderServiceAccount(scope)).toEqual([]);
    expect(reported.map((r) => r.code)).toEqual(['C2A106']);
  });
});

describe('additionalResources', () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } };

  test('with an engine, template output is split into documents and read as Helm reads it', () => {
    const { scope, reported } = scopeFor({ services: { default: { image: 'x' } }, additionalResources: ['ignored'] });
    const engine: TemplateRenderer = {
      begin: () => () => ({ text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  on: yes\n---\n# only a comment\n' }),
      toYaml: () => '',
    };
    const docs = renderAdditionalResources(scope, engine);
    expect(reported).toEqual([]);
    // The comment-only document is empty, and Helm still prints it, as it is.
    expect(docs.map((d) => d.object)).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { true: true } }, {}]);
    expect(docs.map((d) => d.layout)).toEqual([
      { verbatim: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  on: yes' },
      { verbatim: '# only a comment' },
    ]);
  });

  test("the chart's separator follows each entry: an entry's own trailing --- leaves the next document starting with ---", () => {
    expect(splitManifests('a: 1\n---\n\n---b: 2\n---')).toEqual([
      { text: 'a: 1', end: 4 },
      { text: '---b: 2', end: 17 },
    ]);
    expect(splitManifests('\n---\n  x: 1  \n--- # c\ny: 2\n')).toEqual([
      { text: 'x: 1', end: 11 },
      { text: '# c\ny: 2', end: 26 },
    ]);
    const { scope, reported } = scopeFor({
      services: { default: { image: 'x' } },
      additionalResources: ['apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n---\n', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n'],
    });
    const docs = renderAdditionalResources(scope, goTemplateEngine);
    // As under Helm, the second document's first key is `---apiVersion`.
    expect(docs.map((d) => d.object)).toEqual([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' } },
      { '---apiVersion': 'v1', kind: 'Secret', metadata: { name: 'b' } },
    ]);
    expect(reported.map((r) => [r.code, r.path])).toEqual([['C2A115', ['additionalResources', 1]]]);
  });

  test('with the Go-template engine, expressions in objects and template strings render', () => {
    const { scope, reported } = scopeFor({
      labels: { team: 'a' },
      services: { default: { image: 'x' } },
      additionalResources: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '{{ template "agentEnv.fullname" $ }}-cfg' }, data: { ns: '{{ .Release.Namespace }}' } },
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-s\n  labels:\n    {{- toYaml .Values.labels | nindent 4 }}\n',
        '{{ fail "no" }}',
        'a: [',
      ],
    }, 'r1', 'ns1');
    const docs = renderAdditionalResources(scope, goTemplateEngine);
    expect(docs.map((d) => d.object)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent-env-r1-cfg' }, data: { ns: 'ns1' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'r1-s', labels: { team: 'a' } } },
    ]);
    expect(reported.map((r) => [r.code, r.path])).toEqual([
      ['C2A117', ['additionalResources', 2]],
      ['C2A117', ['additionalResources', 3]],
    ]);
  });

  test('an entry that is not a Kubernetes object is warned about, and still rendered as Helm does', () => {
    const { scope, reported } = scopeFor({ services: { default: { image: 'x' } }, additionalResources: [{ foo: 1 }] });
    expect(renderAdditionalResources(scope, goTemplateEngine).map((d) => d.object)).toEqual([{ foo: 1 }]);
    expect(reported.map((r) => r.code)).toEqual(['C2A115']);
  });
});
