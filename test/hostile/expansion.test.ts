// Class "alias expansion by size" and "huge flow lists": what a document expands to is
// bounded by nodes, for Compose files, values files and fromYaml in templates. Each input
// would, without the bound, take gigabytes and minutes; each runs in a child process under
// LIMITS: the compose files in one `check` of a directory, the values file under `render`,
// the templates in one render child.

import { describe, expect, it } from 'vitest';
import { EXPANDED_NODE_LIMIT, WRITTEN_NODE_LIMIT } from '../../src/yaml/budget.js';
import { checkLimited, LIMITS, renderManyLimited, repo, runLimited } from './support.js';

/** One anchor of `items` list items, used `uses` times: a few KB expanding to items × uses nodes. */
function aliasBomb(items: number, uses: number): string {
  const lines = ['x-big: &big [' + Array(items).fill('a').join(',') + ']', 'services:', '  default:', '    image: alpine:3.20', '    labels:'];
  for (let i = 0; i < uses; i++) lines.push(`      l${i}: *big`);
  return lines.join('\n') + '\n';
}

function mergeBomb(): string {
  const anchor = 'x-big: &big {' + Array.from({ length: 5000 }, (_, i) => `k${i}: v`).join(', ') + '}';
  const lines = [anchor, 'services:'];
  for (let i = 0; i < 100; i++) lines.push(`  s${i}:`, '    image: alpine:3.20', '    environment:', '      <<: *big');
  return lines.join('\n') + '\n';
}

describe(`compose files that expand past the node bound end within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB`, () => {
  it('a 10 000-item anchor used 100 times (well under 1 000 aliases): C2A351 at line 1, exit 1', () => {
    const text = aliasBomb(10_000, 100);
    expect(text.length).toBeLessThan(30_000);
    const r = runLimited(['compose.yaml'], repo({ 'compose.yaml': text }));
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    expect(r.stderr).toContain(`compose.yaml:1:1: error C2A351`);
    expect(r.stderr).toContain(`more than ${EXPANDED_NODE_LIMIT} nodes`);
  });

  it('merge keys count too: a mapping of 5 000 keys merged 100 times', () => {
    const r = runLimited(['compose.yaml'], repo({ 'compose.yaml': mergeBomb() }));
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    expect(r.stderr).toContain(`compose.yaml:1:1: error C2A351`);
  });

  it('a 1 M-item flow list (2 MB, under the size cap) is refused at line 1; ordinary sharing through aliases reads', () => {
    const list = 'services:\n  default:\n    image: alpine:3.20\n    command: [' + Array(1_000_000).fill('1').join(',') + ']\n';
    expect(list.length).toBeLessThan(4 * 1024 * 1024);
    const shared = ['x-env: &env {A: "1", B: "2"}', 'services:', ...Array.from({ length: 50 }, (_, i) => `  s${i}:\n    image: alpine:3.20\n    environment: *env`)].join('\n') + '\n';
    const r = checkLimited(repo({ 'list/compose.yaml': list, 'shared/compose.yaml': shared }));
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    const errors = (path: string) => r.files!.get(path)!.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line]);
    expect(errors('list/compose.yaml')).toEqual([['C2A352', 1]]);
    expect(errors('shared/compose.yaml')).toEqual([]);
  });
});

describe(`values files and fromYaml end within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB`, () => {
  it('a values file under render is bounded over all its documents', () => {
    const doc = 'x: &big [' + Array(10_000).fill('a').join(',') + ']\ny: [' + Array(30).fill('*big').join(', ') + ']\n';
    const dir = repo({ 'values.yaml': `${doc}---\n${doc}` });
    const r = runLimited(['render', 'values.yaml'], dir);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    expect(r.stderr).toContain('C2A351');
  });

  it("fromYaml: an alias bomb is go-yaml's error in .Error; a huge generated text is a template error", () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]';
    const r = renderManyLimited([
      `{{ (fromYaml "${bomb}").Error }}`,
      '{{ $t := printf "[%s1]" (repeat 150000 "1,") }}{{ len (fromYamlArray $t) }}',
    ]);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    expect(r.results![0]).toEqual({ output: 'error converting YAML to JSON: yaml: document contains excessive aliasing' });
    expect(JSON.stringify(r.results![1])).toContain(`more than ${WRITTEN_NODE_LIMIT} nodes`);
  });
});
