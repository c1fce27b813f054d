import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFileName, discover, displayPath } from '../../src/tools/check/discover.js';
import { nodeDiscoveryHost } from '../../src/cli/commands/check.js';
import { makeFixtureRepo, type FixtureRepo } from './fixture-repo.js';
import { tempDir } from '../support/temp-dir.js';

describe('classifyFileName', () => {
  it.each([
    ['compose.yaml', 'compose'],
    ['compose.yml', 'compose'],
    ['docker-compose.yaml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['test_compose.yaml', 'compose'],
    ['challenge-docker-compose.yml', 'compose'],
    ['compose.override.yaml', 'compose'],
    ['docker-compose.dist.yml', 'compose'],
    ['compose-target.yml', 'compose'],
    ['compose_privileged.yaml', 'compose'],
    ['test_sandbox_compose_alpine.yaml', 'compose'],
    ['helm-values.yaml', 'values'],
    ['values.yaml', 'values'],
  ])('%s is a %s file', (name, kind) => {
    expect(classifyFileName(name)).toBe(kind);
  });

  it.each(['composer.yaml', 'recompose.json', 'compose.json', 'my-values.yaml', 'config.yaml', 'composed.yml', 'Chart.yaml'])(
    '%s is not a sandbox file',
    (name) => {
      expect(classifyFileName(name)).toBeUndefined();
    },
  );
});

describe('displayPath', () => {
  it('is relative to the working directory, with .. when outside it', () => {
    expect(displayPath('/w/repo', '/w/repo/a/compose.yaml')).toBe('a/compose.yaml');
    expect(displayPath('/w/repo', '/w/corpus/compose.yaml')).toBe('../corpus/compose.yaml');
  });
});

describe('discover on a fixture repository', () => {
  let repo: FixtureRepo;
  beforeAll(() => {
    repo = makeFixtureRepo();
  });
  afterAll(() => repo.remove());

  it('finds compose and values files, skipping .git, node_modules, ignored files and chart defaults', () => {
    const { jobs, missing } = discover([repo.root], repo.root, nodeDiscoveryHost);
    expect(missing).toEqual([]);
    expect(jobs.map((j) => [j.display, j.kind])).toEqual([
      ['sandboxes/fresh/compose.yaml', 'compose'],
      ['sandboxes/hand-written/helm-values.yaml', 'values'],
      ['sandboxes/kept/compose.local.yaml', 'compose'],
      ['sandboxes/missing/compose.yaml', 'compose'],
      ['sandboxes/rejected/compose.yaml', 'compose'],
      ['sandboxes/stale/compose.yaml', 'compose'],
      ['sandboxes/stale/helm-values.yaml', 'values'],
      ['sandboxes/twin/compose.yaml', 'compose'],
      ['sandboxes/twin/docker-compose.yml', 'compose'],
      ['sandboxes/twin/values.yaml', 'values'],
      ['sandboxes/warned/compose.yaml', 'compose'],
    ]);
  });

  it('pairs a values file with the only compose file beside it', () => {
    const { jobs } = discover([repo.root], repo.root, nodeDiscoveryHost);
    const stale = jobs.find((j) => j.display === 'sandboxes/stale/compose.yaml')!;
    expect(stale.committedValues).toEqual([{ path: join(repo.root, 'sandboxes/stale/helm-values.yaml'), display: 'sandboxes/stale/helm-values.yaml' }]);
    expect(jobs.find((j) => j.display === 'sandboxes/missing/compose.yaml')!.committedValues).toBeUndefined();
  });

  it('does not pair a values file beside several canonical compose files', () => {
    const { jobs } = discover([repo.root], repo.root, nodeDiscoveryHost);
    const values = jobs.find((j) => j.display === 'sandboxes/twin/values.yaml')!;
    expect(values.besideComposeFiles).toEqual(['sandboxes/twin/compose.yaml', 'sandboxes/twin/docker-compose.yml']);
    expect(jobs.find((j) => j.display === 'sandboxes/twin/compose.yaml')!.committedValues).toBeUndefined();
  });

  it('applies the repository root .gitignore when starting below it', () => {
    const { jobs } = discover([join(repo.root, 'sandboxes', 'extra')], repo.root, nodeDiscoveryHost);
    expect(jobs).toEqual([]);
    const kept = discover([join(repo.root, 'sandboxes', 'kept')], repo.root, nodeDiscoveryHost);
    expect(kept.jobs.map((j) => j.display)).toEqual(['sandboxes/kept/compose.local.yaml']);
  });

  it('walks a directory named explicitly even when it is ignored, as a file named explicitly is checked', () => {
    const { jobs } = discover([join(repo.root, 'ignored')], repo.root, nodeDiscoveryHost);
    expect(jobs.map((j) => j.display)).toEqual(['ignored/compose.yaml']);
    // Walked from above, the ignored directory stays out.
    expect(discover([repo.root], repo.root, nodeDiscoveryHost).jobs.map((j) => j.display)).not.toContain('ignored/compose.yaml');
  });

  it('checks a file named explicitly whatever its name and ignore rules, and finds its committed values', () => {
    const explicit = [join(repo.root, 'ignored', 'compose.yaml'), join(repo.root, 'docs', 'notes.yaml'), join(repo.root, 'sandboxes', 'stale', 'compose.yaml')];
    const { jobs } = discover(explicit, repo.root, nodeDiscoveryHost);
    expect(jobs.map((j) => [j.display, j.kind])).toEqual([
      ['docs/notes.yaml', 'compose'],
      ['ignored/compose.yaml', 'compose'],
      ['sandboxes/stale/compose.yaml', 'compose'],
    ]);
    expect(jobs[2]!.committedValues?.map((v) => v.display)).toEqual(['sandboxes/stale/helm-values.yaml']);
  });

  it('lists each file once when paths overlap, and reports paths that do not exist', () => {
    const { jobs, missing } = discover(
      [join(repo.root, 'sandboxes', 'stale'), join(repo.root, 'sandboxes', 'stale', 'compose.yaml'), join(repo.root, 'nope')],
      repo.root,
      nodeDiscoveryHost,
    );
    expect(jobs.map((j) => j.display)).toEqual(['sandboxes/stale/compose.yaml', 'sandboxes/stale/helm-values.yaml']);
    expect(missing).toEqual([join(repo.root, 'nope')]);
  });
});

describe('discover on other trees', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir('discover');
  });

  it('honours .git/info/exclude of the repository', () => {
    const repoDir = join(root, 'excluded');
    mkdirSync(join(repoDir, '.git', 'info'), { recursive: true });
    mkdirSync(join(repoDir, 'a'));
    mkdirSync(join(repoDir, 'b'));
    writeFileSync(join(repoDir, '.git', 'info', 'exclude'), 'a/\n');
    writeFileSync(join(repoDir, 'a', 'compose.yaml'), 'services: {}\n');
    writeFileSync(join(repoDir, 'b', 'compose.yaml'), 'services: {}\n');
    expect(discover([repoDir], repoDir, nodeDiscoveryHost).jobs.map((j) => j.display)).toEqual(['b/compose.yaml']);
  });

  it('follows symbolic links to files but not to directories', () => {
    const dir = join(root, 'links');
    mkdirSync(join(dir, 'real'), { recursive: true });
    writeFileSync(join(dir, 'real', 'compose.yaml'), 'services: {}\n');
    symlinkSync(join(dir, 'real', 'compose.yaml'), join(dir, 'docker-compose.yml'));
    symlinkSync(dir, join(dir, 'real', 'loop'));
    symlinkSync(join(dir, 'absent'), join(dir, 'dangling-compose.yaml'));
    expect(discover([dir], dir, nodeDiscoveryHost).jobs.map((j) => j.display)).toEqual(['docker-compose.yml', 'real/compose.yaml']);
  });

  it('lists directories and sandbox-named files whose names are not UTF-8 as not reached, unless ignored by their bytes', () => {
    const dir = join(root, 'latin1');
    const at = (relative: string) => Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(relative, 'latin1')]);
    mkdirSync(join(dir, '.git', 'info'), { recursive: true });
    writeFileSync(join(dir, '.git', 'info', 'exclude'), Buffer.from('/exclu\xe9/\n', 'latin1'));
    writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
    mkdirSync(at('café/deeper'), { recursive: true });
    writeFileSync(at('café/deeper/compose.yaml'), 'services: {}\n');
    mkdirSync(at('exclué'));
    writeFileSync(at('exclué/compose.yaml'), 'services: {}\n');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(at('sub/ignoré.txt'), 'not a sandbox file by its name\n');
    writeFileSync(at('sub/thé-compose.yml'), 'services: {}\n');
    symlinkSync('../compose.yaml', at('sub/lié.compose.yaml'));
    writeFileSync(at('sub/values\xff.yaml'), 'not a sandbox file by its name\n');
    const found = discover([dir, join(dir, 'sub')], dir, nodeDiscoveryHost);
    expect(found.jobs.map((j) => j.display)).toEqual(['compose.yaml']);
    const latin1 = (name: string) => new Uint8Array(Buffer.from(name, 'latin1'));
    expect(found.unreachedEntries).toEqual([
      { dir, shown: 'caf\\xe9', rawName: latin1('café'), directory: true },
      { dir: join(dir, 'sub'), shown: 'li\\xe9.compose.yaml', rawName: latin1('lié.compose.yaml'), directory: false },
      { dir: join(dir, 'sub'), shown: 'th\\xe9-compose.yml', rawName: latin1('thé-compose.yml'), directory: false },
    ]);
  });
});
