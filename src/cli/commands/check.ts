// `compose2agent check [PATH...]`: the CI gate over an eval repository. This is the CLI layer
// of the check: it parses the options, reads the file system for discovery, writes
// regenerated values files, and prints the report; src/tools/check/ does the rest. The main CLI
// hands it the arguments after `check`, so that other commands never load this module.

import { Command, InvalidArgumentError, Option } from 'commander';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import {
  addColourOptions,
  addConversionOptions,
  collect,
  conversionFromCli,
  EXIT_FAULT,
  packageVersion,
  reportDiagnostics,
  runSubcommand,
  useColour,
  type CliIO,
  type ConversionCliOptions,
} from '../support.js';
import { ConfigCache } from '../../tools/config.js';
import { configureJobs, unexcludedEntries } from '../../tools/check/configure.js';
import { markFragments } from '../../tools/check/fragments.js';
import { groupProjects } from '../../tools/check/projects.js';
import { withIgnoreFileWarnings } from '../../tools/check/ignore-files.js';
import { unreachedWarnings } from '../../tools/check/unreached.js';
import { discover, displayPath, type DiscoveryHost } from '../../tools/check/discover.js';
import {
  CHECK_FORMATS,
  formatCheckGithub,
  formatCheckJson,
  formatCheckSarif,
  formatCheckText,
  hasProblems,
  type CheckFormat,
  type ReportContext,
} from '../../tools/check/report.js';
import { formatCheckMarkdown } from '../../tools/check/report-markdown.js';
import { runChecks } from '../../tools/check/run.js';
import { summarise } from '../../tools/check/summary.js';
import type { CheckOptions, FailurePolicy } from '../../tools/check/types.js';
import { applyWrites } from '../../tools/check/write.js';
import { appendText, listDirectory, nodeConfigHost, READ_LIMIT, readRegularFile, readTextFile, writeFileAtomic } from '../../tools/io.js';

/** A progress line is shown on a terminal when checking more files than this. */
export const PROGRESS_THRESHOLD = 36;

export const CHECK_DESCRIPTION =
  'check every sandbox (compose and agent-env values files) under the paths: which convert, which are rejected and why, which committed values are stale';

interface CheckCliOptions extends ConversionCliOptions {
  format: CheckFormat;
  diff?: boolean;
  write?: boolean;
  failOn: 'error' | 'warning';
  maxWarnings?: number;
  release: string;
  namespace: string;
  jobs?: number;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  exclude: string[];
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return Number(value);
}

function positiveInteger(value: string): number {
  const n = nonNegativeInteger(value);
  if (n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

/** The file system as discovery sees it. */
export const nodeDiscoveryHost: DiscoveryHost = {
  readdir(dir) {
    try {
      // As bytes: a name that is not UTF-8 comes with its bytes, so the walk can say it did not reach it.
      return listDirectory(dir);
    } catch {
      return undefined;
    }
  },
  readFile: readTextFile,
  readIgnoreFile(path) {
    const read = readRegularFile(path);
    if (!read.ok) return read.kind === 'missing' ? undefined : { problem: read.kind };
    // Cut at the cap, the file's last rules would be lost or cut mid-pattern: none apply.
    return read.bytes.length > READ_LIMIT ? { problem: 'too-large' } : { bytes: read.bytes };
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const s = statSync(path);
      return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch {
      // A dangling symbolic link exists but has no target.
      try {
        lstatSync(path);
        return 'other';
      } catch {
        return undefined;
      }
    }
  },
};

export function buildCommand(io: CliIO, run: (paths: string[], opts: CheckCliOptions) => Promise<void>): Command {
  const command = new Command('compose2agent check')
    .description(CHECK_DESCRIPTION)
    .usage('[options] [paths...]')
    .argument('[paths...]', 'files and directories to check (default: the working directory)')
    .addOption(new Option('--format <format>', 'output format').choices(CHECK_FORMATS as string[]).default('text'))
    .option('--diff', 'compare committed values files beside compose files with the converted values; stale ones fail')
    .option('--write', 'regenerate stale committed values files (atomically); implies --diff')
    .addOption(new Option('--fail-on <severity>', 'fail on errors only, or on warnings too').choices(['error', 'warning']).default('error'))
    .option('--max-warnings <n>', 'fail when there are more than n warnings', nonNegativeInteger)
    .option('--exclude <pattern>', 'skip the files a .gitignore pattern matches, relative to the working directory (repeatable)', collect, []);
  addConversionOptions(command)
    .option('--release <name>', 'Helm release name to render with', 'release-name')
    .option('--namespace <ns>', 'namespace to render with', 'default')
    .option('-j, --jobs <n>', 'worker threads (1: none; default: chosen by the number of files)', positiveInteger)
    .addOption(new Option('-q, --quiet', 'list only files with problems, and no info diagnostics').conflicts('verbose'))
    .option('--verbose', 'json, github and sarif: include info diagnostics (text always does, unless -q)');
  return addColourOptions(command)
    .showHelpAfterError('(run compose2agent check --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .action(run);
}

/** A progress line on stderr, rewritten in place; cleared when done. */
function progressReporter(io: CliIO, total: number): ((done: number) => void) | undefined {
  if (!io.isTTY || total <= PROGRESS_THRESHOLD) return undefined;
  let shownPercent = -1;
  return (done) => {
    const percent = Math.floor((done * 100) / total);
    if (done < total && percent === shownPercent) return;
    shownPercent = percent;
    io.stderr(done < total ? `\rchecking ${done}/${total} files (${percent}%)\x1b[K` : '\r\x1b[K');
  };
}

async function runCheck(io: CliIO, paths: string[], opts: CheckCliOptions): Promise<number> {
  const roots = (paths.length > 0 ? paths : ['.']).map((p) => resolve(io.cwd, p));
  const found = discover(roots, io.cwd, nodeDiscoveryHost);
  if (found.missing.length > 0) {
    for (const missing of found.missing) io.stderr(`compose2agent check: no such file or directory: ${displayPath(io.cwd, missing)}\n`);
    return EXIT_FAULT;
  }
  if (found.jobs.length === 0) io.stderr('compose2agent check: no compose or values files found\n');
  const diff = Boolean(opts.diff || opts.write);
  const cli = conversionFromCli(opts, (f) => displayPath(io.cwd, resolve(io.cwd, f)));
  const display = (absolute: string) => displayPath(io.cwd, absolute);
  const configs = new ConfigCache(nodeConfigHost, display);
  const configured = configureJobs(found.jobs, {
    cwd: io.cwd,
    exclude: opts.exclude,
    cli,
    configFor: (dir) => configs.forDirectory(dir),
    nameFile: display,
  });
  // Before the config files' diagnostics are gathered: the config of a directory only such an entry is in is read here.
  const unreached = unexcludedEntries(found.unreachedEntries, { cwd: io.cwd, exclude: opts.exclude, configFor: (dir) => configs.forDirectory(dir) });
  // The config files of the checked paths themselves too: their `projects:` may name files
  // discovery does not list (a base file named like no compose file).
  for (const root of roots) configs.forDirectory(nodeDiscoveryHost.stat(root) === 'directory' ? root : dirname(root));
  const configDiagnostics = configs.diagnostics();
  if (configDiagnostics.length > 0) {
    // A config file that does not say what the repository wants would check the wrong thing.
    reportDiagnostics(io, configDiagnostics, {
      format: opts.format === 'sarif' ? 'text' : opts.format,
      ...(opts.color !== undefined ? { color: opts.color } : {}),
    });
    return EXIT_FAULT;
  }
  if (configured.excluded.length > 0 && opts.format === 'text' && !opts.quiet) {
    io.stderr(`compose2agent check: ${configured.excluded.length} file(s) excluded (--exclude, compose2agent.yaml)\n`);
  }
  const options: CheckOptions = {
    conversion: cli,
    release: opts.release,
    namespace: opts.namespace,
    diff,
    write: Boolean(opts.write),
  };
  const jobs = groupProjects(configured.jobs, {
    cwd: io.cwd,
    roots,
    configs: configs.configs(),
    cli,
    nameFile: display,
    exists: (path) => nodeDiscoveryHost.stat(path) === 'file',
  });
  const progress = progressReporter(io, jobs.length);
  const checked = await runChecks(jobs, {
    options,
    cwd: io.cwd,
    env: io.env,
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
    ...(progress ? { onProgress: (done: number) => progress(done) } : {}),
  });
  let results = withIgnoreFileWarnings(markFragments(jobs, checked, io.cwd), found.unreadableIgnoreFiles, io.cwd, READ_LIMIT);
  if (options.write) {
    // A values file is updated through a symbolic link only when the link stays inside the
    // checked path that found it: --write never changes files elsewhere.
    const rootOf = (file: string) => roots.find((r) => file === r || file.startsWith(r.endsWith(sep) ? r : r + sep)) ?? dirname(file);
    results = applyWrites(results, (display, text) => {
      const file = resolve(io.cwd, display);
      writeFileAtomic(file, text, { within: rootOf(file) });
    });
  }

  const policy: FailurePolicy = { failOn: opts.failOn, ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}) };
  const summary = summarise(results, policy, diff, unreachedWarnings(unreached, io.cwd));
  const context: ReportContext = { toolVersion: packageVersion(), diff };
  if (opts.format === 'text') {
    io.stdout(formatCheckText(results, summary, { ...context, colour: useColour(io, 'stdout', opts.color), quiet: Boolean(opts.quiet) }));
    return summary.exitCode;
  }
  // What a machine reads: info diagnostics only when asked for; under -q, only the files with
  // problems. The summary still counts everything.
  const withoutInfos = opts.verbose ? results : results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity !== 'info') }));
  const reported = opts.quiet ? withoutInfos.filter(hasProblems) : withoutInfos;
  switch (opts.format) {
    case 'json':
      io.stdout(formatCheckJson(reported, summary, context));
      break;
    case 'github': {
      io.stdout(formatCheckGithub(reported, summary, context));
      // GitHub reads each step's summary file once the step ends: appended to, never replaced.
      const summaryFile = io.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) appendText(summaryFile, formatCheckMarkdown(withoutInfos, summary));
      break;
    }
    case 'sarif':
      io.stdout(formatCheckSarif(reported, summary, context));
      break;
  }
  return summary.exitCode;
}

/** `compose2agent check ARGS...`: the exit code (0 passed, 1 failed, 2 usage error or internal fault). */
export async function runCheckCli(args: string[], io: CliIO): Promise<number> {
  let code = 0;
  const command = buildCommand(io, async (paths, opts) => {
    code = await runCheck(io, paths, opts);
  });
  return runSubcommand(command, args, () => code);
}
