// groupProjects: which jobs `check` makes of projects of several Compose files, over a fixed
// list of discovered files and config entries (no file system).

import { describe, expect, it } from 'vitest';
import { GitignoreMatcher } from '../../src/tools/check/gitignore.js';
import { groupProjects, type ProjectSettings } from '../../src/tools/check/projects.js';
import type { RepositoryConfig } from '../../src/tools/config.js';
import type { CheckJob } from '../../src/tools/check/types.js';

const job = (path: string): CheckJob => ({ path, display: path.slice('/r/'.length), kind: 'compose' });

function settings(existing: string[], configs: RepositoryConfig[] = [], roots = ['/r']): ProjectSettings {
  return { cwd: '/r', roots, configs, cli: {}, nameFile: (p) => p, exists: (p) => existing.includes(p) };
}

function config(projects: RepositoryConfig['projects']): RepositoryConfig {
  return { path: '/r/compose2agent.yaml', display: 'compose2agent.yaml', options: { imageTag: 'v1' }, exclude: GitignoreMatcher.of([]), overrides: [], projects };
}

describe('groupProjects', () => {
  it('joins a compose file and the override file Compose merges, even when discovery did not list the override', () => {
    const jobs = [job('/r/a/compose.yaml')];
    const out = groupProjects(jobs, settings(['/r/a/compose.yaml', '/r/a/compose.override.yaml']));
    expect(out).toEqual([{ ...jobs[0], project: { files: [{ path: '/r/a/compose.yaml', display: 'a/compose.yaml' }, { path: '/r/a/compose.override.yaml', display: 'a/compose.override.yaml' }], automatic: true } }]);
  });

  it('leaves an override file whose compose file was not found as its own job', () => {
    const jobs = [job('/r/a/compose.override.yaml')];
    expect(groupProjects(jobs, settings(['/r/a/compose.override.yaml']))).toEqual(jobs);
  });

  it('makes a job of each projects: entry with a file under a checked path, and drops its files as jobs', () => {
    const jobs = [job('/r/base.yml'), job('/r/web/compose.yml'), job('/r/other/compose.yml')];
    const projects = [
      { name: 'web', files: ['/r/base.yml', '/r/web/compose.yml'], projectName: 'lab', options: { profiles: ['web'] } },
      { name: 'elsewhere', files: ['/x/base.yml', '/x/y.yml'], options: {} },
    ];
    const out = groupProjects(jobs, settings(jobs.map((j) => j.path), [config(projects)]));
    expect(out.map((j) => [j.display, j.project?.name])).toEqual([
      ['base.yml', 'web'],
      ['other/compose.yml', undefined],
    ]);
    expect(out[0]!.project).toMatchObject({ projectName: 'lab', automatic: false });
    // The config's options for the first file, then the entry's.
    expect(out[0]!.conversion).toEqual({ imageTag: 'v1', profiles: ['web'] });
  });

  it('gives a project the values committed beside its first file only when no other project starts with that file', () => {
    const values = [{ path: '/r/values.yaml', display: 'values.yaml' }];
    const jobs = [{ ...job('/r/base.yml'), committedValues: values }, job('/r/web.yml'), job('/r/db.yml')];
    const one = [{ name: 'web', files: ['/r/base.yml', '/r/web.yml'], options: {} }];
    expect(groupProjects(jobs, settings([], [config(one)]))[0]!.committedValues).toEqual(values);
    const two = [...one, { name: 'db', files: ['/r/base.yml', '/r/db.yml'], options: {} }];
    expect(groupProjects(jobs, settings([], [config(two)])).map((j) => j.committedValues)).toEqual([undefined, undefined]);
  });

  it('checks a project when only one of its files is under the checked path', () => {
    const projects = [{ name: 'web', files: ['/r/base.yml', '/r/web/compose.yml'], options: {} }];
    const out = groupProjects([job('/r/web/compose.yml')], settings([], [config(projects)], ['/r/web']));
    expect(out.map((j) => j.project?.name)).toEqual(['web']);
  });
});
