import { describe, expect, test } from 'vitest';
import { convert, planImages } from '../../passes/compile.js';
import { buildPlan, builtImageName, decideProjectName, UNNAMED_PROJECT, namesRegistry, normalizeProjectName } from '../../passes/support/images.js';
import { memoryHost, run } from './helpers.js';

describe('project name', () => {
  test.each([
    ['My App', 'myapp'],
    ['__demo-1', 'demo-1'],
    ['-x_Y.z', 'x_yz'],
    ['cve-2024-2624', 'cve-2024-2624'],
  ])('%s → %s', (name, expected) => {
    expect(normalizeProjectName(name)).toBe(expected);
  });

  test('a given name wins, then the top-level name, else the directory of the file', () => {
    expect(decideProjectName('Demo', 'x/compose.yaml', { explicit: 'Given' })).toBe('given');
    expect(decideProjectName('Demo', 'x/compose.yaml')).toBe('demo');
    expect(decideProjectName(undefined, 'evals/My_Task/compose.yaml')).toBe('my_task');
    expect(decideProjectName(undefined, 'compose.yaml', { directory: '/home/u/Agent Env' })).toBe('agentenv');
    expect(decideProjectName(undefined, 'compose.yaml', { directory: 'C:\\work\\Task-1' })).toBe('task-1');
    expect(decideProjectName('!!', '/srv/proj/compose.yaml')).toBe('proj');
  });

  test('no name from a directory without usable characters; a file with no directory at all is the unnamed project', () => {
    expect(decideProjectName(undefined, 'compose.yaml', { directory: '/srv/___' })).toBeUndefined();
    expect(decideProjectName(undefined, '/compose.yaml', { directory: '/' })).toBeUndefined();
    expect(decideProjectName(undefined, 'compose.yaml')).toBe(UNNAMED_PROJECT);
  });
});

describe('build plan', () => {
  const compose = `services:
  agent:
    build: ./agent
  web:
    build:
      context: web
      dockerfile: Dockerfile.prod
      target: runtime
      args:
        VERSION: 3
        EMPTY:
    image: registry.local/web:1
  tool:
    build:
      dockerfile_inline: FROM alpine
      args: [A=1, FROM_ENV]
  db:
    image: postgres
`;

  test('one entry per service with build, images named as Compose names them', () => {
    const r = run(compose);
    expect(r.errors).toEqual([]);
    expect(buildPlan(r.doc!, { projectName: 'task', imageRegistry: 'registry.example.com/evals/', imageTag: 'v1' })).toEqual([
      { service: 'agent', context: './agent', dockerfile: 'Dockerfile', args: {}, image: 'registry.example.com/evals/task-agent:v1', derived: true },
      {
        service: 'web',
        context: 'web',
        dockerfile: 'Dockerfile.prod',
        target: 'runtime',
        args: { VERSION: '3' },
        image: 'registry.local/web:1',
        derived: false,
      },
      { service: 'tool', context: '.', dockerfileInline: 'FROM alpine', args: { A: '1' }, image: 'registry.example.com/evals/task-tool:v1', derived: true },
    ]);
  });

  test('without registry and tag the name is <project>-<service>', () => {
    expect(builtImageName('task', 'Agent')).toBe('task-agent');
    const r = run(compose);
    expect(buildPlan(r.doc!, { projectName: 'p' }).map((e) => e.image)).toEqual(['p-agent', 'registry.local/web:1', 'p-tool']);
  });

  test('contexts of included services are relative to the including file', () => {
    const host = memoryHost({ 'sub/compose.yaml': 'services:\n  api:\n    build: ./app\n' });
    const r = run('include: [sub/compose.yaml]\n', { host });
    expect(buildPlan(r.doc!, { projectName: 'p' })).toMatchObject([{ service: 'api', context: './sub/app', image: 'p-api' }]);
  });

  test('a document without services has no plan', () => {
    expect(buildPlan({ data: null, map: run('{}').doc!.map }, { projectName: 'p' })).toEqual([]);
  });
});

describe('image and build with a local name', () => {
  const compose = (image: string) => `services:\n  default:\n    image: ${image}\n    build: .\n`;
  const codes = (r: ReturnType<typeof convert>) => r.diagnostics.map((d) => [d.code, d.severity]);

  test.each(['myapp', 'myapp:1.0', 'myorg/myapp', 'localhostx/app'])('%s names no registry', (image) => {
    expect(namesRegistry(image)).toBe(false);
  });
  test.each(['ghcr.io/org/app', 'localhost/app', 'localhost:5000/app', 'registry:5000/app'])('%s names a registry', (image) => {
    expect(namesRegistry(image)).toBe(true);
  });

  test('is refused without --image-registry, as a build-only service is', () => {
    const r = convert(compose('myapp'), { filename: 'p/compose.yaml' });
    expect(r.values).toBeUndefined();
    expect(codes(r)).toContainEqual(['C2A214', 'error']);
    expect(r.diagnostics.find((d) => d.code === 'C2A214')).toMatchObject({ line: 4, path: 'services.default.build' });
  });

  test('is moved under --image-registry (with --image-tag when it has no tag), and the build plan names it alike', () => {
    const r = convert(compose('myapp'), { filename: 'p/compose.yaml', imageRegistry: 'ghcr.io/org/', imageTag: 'v2' });
    expect(r.values?.services.default?.image).toBe('ghcr.io/org/myapp:v2');
    expect(codes(r)).toContainEqual(['C2A215', 'warning']);
    const tagged = convert(compose('team/myapp:1.0'), { filename: 'p/compose.yaml', imageRegistry: 'ghcr.io/org', imageTag: 'v2' });
    expect(tagged.values?.services.default?.image).toBe('ghcr.io/org/team/myapp:1.0');
    const plan = planImages(compose('myapp'), { filename: 'p/compose.yaml', imageRegistry: 'ghcr.io/org', imageTag: 'v2' });
    expect(plan.plan?.[0]).toMatchObject({ image: 'ghcr.io/org/myapp:v2', derived: false });
  });

  test('an image on a registry is pulled from there, with the warning that it must have been pushed', () => {
    const r = convert(compose('ghcr.io/org/app:1'), { filename: 'p/compose.yaml' });
    expect(r.values?.services.default?.image).toBe('ghcr.io/org/app:1');
    expect(codes(r)).toContainEqual(['C2A043', 'warning']);
  });
});
