// Projects of several Compose files in `check`: what `docker compose` would run, not each file
// alone. A repository config file names them under `projects:` (the files `-f` takes, in
// order: auto-pen-bench's base file with one of its per-challenge files); a compose file with
// the override file Compose merges beside it (compose.override.yaml) is one too. Each project
// becomes one job, named by its first file, and its other files are not checked alone: an
// override file alone has no image for its services, and judging it so fails a gate that can
// never pass. Pure over the jobs discovery found and the config files that apply to them.

import { relative, sep } from 'node:path';
import { overriddenFile, projectOf } from '../../../passes/front/project.js';
import type { ConversionOptions } from '../../../passes/options.js';
import { optionsForProject, type RepositoryConfig } from '../config.js';
import { displayPath } from './discover.js';
import type { CheckJob } from './types.js';

export interface ProjectSettings {
  cwd: string;
  /** The absolute paths `check` was asked to check: a project is checked when one of its files is under one of them. */
  roots: readonly string[];
  /** The valid config files that apply to the checked files and roots. */
  configs: readonly RepositoryConfig[];
  cli: ConversionOptions;
  nameFile: (absolute: string) => string;
  /** Whether a file exists: the override file Compose merges is found whether or not discovery listed it. */
  exists: (path: string) => boolean;
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function under(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/') && !/^[a-zA-Z]:/.test(rel));
}

/**
 * The jobs with every project made one job: the `projects:` of the config files (those with
 * a file under a checked path), then each compose file whose automatic override file was
 * found too. Member files of a project leave the list; the result is sorted by display name.
 */
export function groupProjects(jobs: readonly CheckJob[], settings: ProjectSettings): CheckJob[] {
  const byPath = new Map(jobs.map((job) => [job.path, job]));
  const members = new Set<string>();
  const projectJobs: CheckJob[] = [];
  const display = (path: string) => displayPath(settings.cwd, path);
  const checked = settings.configs.flatMap((config) =>
    config.projects.filter((project) => project.files.some((file) => settings.roots.some((root) => under(root, file)))).map((project) => ({ config, project })),
  );
  // Values committed beside a first file belong to its project only when no other project starts with that file.
  const starting = new Map<string, number>();
  for (const { project } of checked) starting.set(project.files[0]!, (starting.get(project.files[0]!) ?? 0) + 1);
  for (const { config, project } of checked) {
    for (const file of project.files) members.add(file);
    const first = project.files[0]!;
    const found = starting.get(first) === 1 ? byPath.get(first) : undefined;
    projectJobs.push({
      path: first,
      display: display(first),
      kind: 'compose',
      ...(found?.committedValues ? { committedValues: found.committedValues } : {}),
      conversion: optionsForProject(config, project, settings.cli, settings.nameFile),
      project: {
        name: project.name,
        files: project.files.map((path) => ({ path, display: display(path) })),
        automatic: false,
        ...(project.projectName !== undefined ? { projectName: project.projectName } : {}),
      },
    });
  }
  // A compose file with the override file Compose merges beside it is a project of the two;
  // the override file is not checked alone when its compose file is checked.
  const out: CheckJob[] = [...projectJobs];
  for (const job of jobs) {
    if (members.has(job.path) || job.kind !== 'compose') {
      if (!members.has(job.path)) out.push(job);
      continue;
    }
    const base = overriddenFile(toSlashes(job.path), settings.exists);
    if (base !== undefined && byPath.has(base) && !members.has(base)) continue;
    const automatic = projectOf(toSlashes(job.path), settings.exists).overrideFiles.filter((file) => !members.has(file));
    if (automatic.length === 0) {
      out.push(job);
      continue;
    }
    const files = [job.path, ...automatic].map((path) => ({ path, display: display(path) }));
    out.push({ ...job, project: { files, automatic: true } });
  }
  return out.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : (a.project?.name ?? '') < (b.project?.name ?? '') ? -1 : 1));
}
