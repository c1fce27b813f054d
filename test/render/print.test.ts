import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { indentedList, printManifests, printYaml } from '../../src/render/print.js';
import { isPlainSafe, readInterpolated } from '../../src/render/yaml-text.js';
import { installOrder } from '../../src/render/order.js';

describe('printYaml', () => {
  test('strings YAML 1.1 or 1.2 readers would retype are quoted; the rest stay plain', () => {
    const tricky = ['yes', 'on', 'y', 'true', 'null', '~', '0123', '08', '0o17', '0x1f', '1e3', '1.10', '1:20', '2001-12-14', '', ' x', '- a', '@h', '*', 'a: b', 'x #y', '{a}', '<<', '-1'];
    for (const s of tricky) expect(isPlainSafe(s), s).toBe(false);
    for (const s of ['nginx:1.27', '-f', '/dev/null', 'echo preparing && sleep 1', 'agent-env-r', 'a#b']) {
      expect(isPlainSafe(s), s).toBe(true);
    }
    const value = { list: tricky, nested: { a: [] as unknown[], b: {}, n: null, t: true, f: 1.5, big: 1e21 } };
    const text = printYaml(value);
    expect(parse(text, { version: '1.1' })).toEqual(value);
    expect(parse(text)).toEqual(value);
  });

  test('multi-line strings become literal blocks', () => {
    expect(printYaml({ a: 'x\ny\n', b: 'x\ny' })).toBe('a: |\n  x\n  y\nb: |-\n  x\n  y\n');
    expect(parse(printYaml({ a: ' lead\nx', b: 'x\n\n' }))).toEqual({ a: ' lead\nx', b: 'x\n\n' });
  });

  test('lists are compact unless marked as the templates indent them', () => {
    expect(printYaml({ a: [1], b: indentedList([{ c: 1, d: [2] }]) })).toBe('a:\n- 1\nb:\n  - c: 1\n    d:\n    - 2\n');
  });

  test('each document is preceded by --- and its Source comment', () => {
    expect(printManifests([{ template: 'pvc.yaml', object: { kind: 'X' } }])).toBe('---\n# Source: agent-env/templates/pvc.yaml\nkind: X\n');
  });
});

describe('readInterpolated (text the chart writes unquoted)', () => {
  test('reads as YAML 1.1 would, and refuses text that changes the structure', () => {
    expect(readInterpolated('nginx:1.27')).toEqual({ value: 'nginx:1.27' });
    expect(readInterpolated('8080')).toEqual({ value: 8080 });
    expect(readInterpolated('yes')).toEqual({ value: true });
    expect(readInterpolated('a # b')).toEqual({ value: 'a' });
    expect(readInterpolated("'quoted'")).toEqual({ value: 'quoted' });
    expect(readInterpolated('')).toEqual({ value: null });
    for (const text of ['a\nb: c', 'a: b', '[1]', '{a: 1}', '&x y', '*x', '|', '!!str x']) {
      expect('problem' in readInterpolated(text), text).toBe(true);
    }
  });
});

describe('installOrder', () => {
  const doc = (template: string, kind: string, name: string, hook = false) => ({
    template,
    object: { kind, metadata: { name, ...(hook ? { annotations: { 'helm.sh/hook': 'pre-install' } } : {}) } },
  });
  test('by kind, then template file, then position; unknown kinds by name; hooks last', () => {
    const docs = [
      doc('services.yaml', 'StatefulSet', 's'),
      doc('services.yaml', 'Service', 'svc'),
      doc('network-policy.yaml', 'CiliumNetworkPolicy', 'p'),
      doc('coredns.yaml', 'ConfigMap', 'c'),
      doc('additional-resources.yaml', 'ConfigMap', 'a'),
      doc('additional-resources.yaml', 'Secret', 'hook', true),
      doc('additional-resources.yaml', 'Backup', 'b'),
      doc('service_account.yaml', 'ServiceAccount', 'sa'),
    ];
    expect(installOrder(docs).map((d) => d.object.metadata.name)).toEqual(['sa', 'a', 'c', 'svc', 's', 'b', 'p', 'hook']);
  });
});
