// What the repository asks of `check` beyond the files found: `--exclude` patterns, and for
// each file the repository config file (compose2agent.yaml) that applies to it — its
// excludes, and the conversion options it and its per-path overrides give the file, under
// the command line's, which win.

import { dirname, relative, sep } from 'node:path';
import { entryPathBytes, GitignoreMatcher } from './gitignore.js';
import type { ConversionOptions } from '../../../passes/options.js';
import { configExcludes, configExcludesEntry, optionsForFile, type RepositoryConfig } from '../config.js';
import type { UnreachedEntry } from './discover.js';
import type { CheckJob } from './types.js';

export interface RepositorySettings {
  cwd: string;
  /** `--exclude` patterns (.gitignore patterns), relative to the working directory. */
  exclude: readonly string[];
  /** The conversion options of the command line. */
  cli: ConversionOptions;
  /** The config file that applies to files of a directory, if any. */
  configFor: (dir: string) => RepositoryConfig | undefined;
  /** How a file named by the config (an env file) is named in diagnostics. */
  nameFile: (absolute: string) => string;
}

export interface ConfiguredJobs {
  jobs: CheckJob[];
  /** The display paths of the files left out by --exclude or a config file's `exclude`. */
  excluded: string[];
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The jobs that are not excluded, each with the conversion options its config gives it. */
export function configureJobs(jobs: readonly CheckJob[], settings: RepositorySettings): ConfiguredJobs {
  const cliExclude = GitignoreMatcher.of(settings.exclude);
  const out: CheckJob[] = [];
  const excluded: string[] = [];
  for (const job of jobs) {
    const rel = toSlashes(relative(settings.cwd, job.path));
    const belowCwd = rel !== '' && !rel.startsWith('../') && rel !== '..' && !rel.startsWith('/');
    const config = settings.configFor(dirname(job.path));
    if ((belowCwd && cliExclude.ignores(rel)) || (config !== undefined && configExcludes(config, job.path))) {
      excluded.push(job.display);
      continue;
    }
    out.push(config !== undefined && job.kind === 'compose' ? { ...job, conversion: optionsForFile(config, job.path, settings.cli, settings.nameFile) } : job);
  }
  return { jobs: out, excluded };
}

/**
 * The entries discovery did not reach (names that are not UTF-8) that neither `--exclude`
 * nor a config file's `exclude` leaves out, matched on their bytes: one the repository
 * excludes (`caf?/`) was not wanted, so not reaching it is nothing to warn about.
 */
export function unexcludedEntries(entries: readonly UnreachedEntry[], settings: Pick<RepositorySettings, 'cwd' | 'exclude' | 'configFor'>): UnreachedEntry[] {
  const cliExclude = GitignoreMatcher.of(settings.exclude);
  return entries.filter((entry) => {
    const belowCwd = entryPathBytes(toSlashes(settings.cwd), toSlashes(entry.dir), entry.rawName);
    if (belowCwd !== undefined && cliExclude.ignores(belowCwd, entry.directory)) return false;
    const config = settings.configFor(entry.dir);
    return config === undefined || !configExcludesEntry(config, entry.dir, entry.rawName, entry.directory);
  });
}
