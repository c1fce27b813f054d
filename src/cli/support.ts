// What the commands of the CLI share: the I/O they are given, exit codes, the conversion
// options every command that reads compose files accepts, and how diagnostics are printed.
// Command modules (cli.ts, commands/check.ts, explain/command.ts) build on this.

import { CommanderError, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConversionOptions, ConvertOptions } from '../../passes/compile.js';
import { CONVERSION_OPTIONS } from '../../passes/options.js';
import { composeFileVariable, DEFAULT_COMPOSE_NAMES, projectOf, type ProjectFiles } from '../../passes/front/project.js';
import { withoutOutsideFrames, type Diagnostic } from '../base/diagnostics.js';
import { formatDiagnostics, summaryLine, type OutputFormat } from '../base/format.js';
import { findConfigFile, optionsForFile, readConfig } from '../tools/config.js';
import { isDirectory, nodeConfigHost, readHostEntry, readStdin, readText, readTextFile, unreadableReason } from '../tools/io.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (colour of diagnostics, progress line). */
  isTTY: boolean;
  /** Whether stdout is a terminal (colour of reports printed there). */
  stdoutIsTTY?: boolean;
  cwd: string;
}

/**
 * The version in the package.json above this module: looked for upwards, since the module
 * runs from dist/ (a few folders down), from the sources, or bundled into bin/.
 */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'compose2agent' && pkg.version) return pkg.version;
    } catch {
      // not here; look further up
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_FAULT = 2;

/** A mistake on the command line (or an unreadable input file): exit 2, no stack trace. */
export class UsageError extends Error {}

/**
 * The exit code for commander's way of stopping (help and version shown: 0; a usage error,
 * which commander has printed: 2), or undefined for any other error.
 */
export function commanderExit(err: unknown): number | undefined {
  if (!(err instanceof CommanderError)) return undefined;
  return err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version' ? EXIT_OK : EXIT_FAULT;
}

/** Parses a subcommand's arguments and runs it: its exit code from `code()`, or commander's. */
export async function runSubcommand(command: Command, args: string[], code: () => number): Promise<number> {
  try {
    await command.parseAsync(args, { from: 'user' });
    return code();
  } catch (err) {
    const exit = commanderExit(err);
    if (exit === undefined) throw err;
    return exit;
  }
}

/** Commander's collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** How diagnostics name a file: relative to the working directory when it is below it. */
export function displayName(io: CliIO, absolute: string): string {
  return absolute.startsWith(io.cwd + '/') ? absolute.slice(io.cwd.length + 1) : absolute;
}

export interface DiagnosticOutputOptions {
  format: OutputFormat;
  quiet?: boolean;
  /** --color (true) or --no-color (false); undefined when neither is given. */
  color?: boolean;
}

/** `--color` and `--no-color`: given together on one command, commander leaves the value unset unless one is given. */
export function addColourOptions(command: Command): Command {
  return command
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output');
}

/**
 * Whether an output stream gets colour, decided as Node's own tools decide it: the --color or
 * --no-color flag wins; then FORCE_COLOR (0 or false: off; empty, 1, 2, 3 or true: on, even
 * without a terminal; any other value: off); then NO_COLOR (any non-empty value: off) and a
 * dumb terminal; else whether the stream is a terminal.
 */
export function useColour(io: CliIO, stream: 'stdout' | 'stderr', flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (io.env.NO_COLOR) return false;
  if (io.env.TERM === 'dumb') return false;
  return stream === 'stdout' ? Boolean(io.stdoutIsTTY) : io.isTTY;
}

/** Diagnostics go to stderr, in the chosen format; text ends with a count. */
export function reportDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[], opts: DiagnosticOutputOptions): void {
  const shown = withoutOutsideFrames(opts.quiet ? diagnostics.filter((d) => d.severity !== 'info') : diagnostics);
  if (opts.format === 'text') {
    if (shown.length) io.stderr(formatDiagnostics(shown, 'text', useColour(io, 'stderr', opts.color)) + '\n' + summaryLine(diagnostics) + '\n');
  } else {
    io.stderr(formatDiagnostics(shown, opts.format));
  }
}

/** The exit code for a run's diagnostics: 1 when any is an error. */
export function exitFor(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.severity === 'error') ? EXIT_REJECTED : EXIT_OK;
}

/** Reads an input file, or stdin for `-`. */
export function readInput(io: CliIO, file: string): { path: string; text: string } {
  if (file === '-') return { path: '<stdin>', text: readStdin() };
  const path = resolve(io.cwd, file);
  const read = readText(path);
  if ('reason' in read) throw new UsageError(`cannot read ${file}: ${read.reason}`);
  return { path, text: read.text };
}

/** The conversion options as commander parses the flags of every command that reads compose files. */
export type ConversionCliOptions = Omit<ConversionOptions, 'envFiles' | 'profiles'> & { envFile: string[]; profile: string[] };

/** The attribute commander stores a flag under: `--image-registry <prefix>` → imageRegistry. */
function attributeOf(flag: string): string {
  return flag
    .split(' ')[0]!
    .replace(/^--/, '')
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The conversion flags, built from the one declaration of the options (passes/options.ts). */
export function addConversionOptions(command: Command): Command {
  for (const spec of CONVERSION_OPTIONS) {
    if (spec.kind === 'strings') command.option(spec.flag, spec.description, collect, []);
    else command.option(spec.flag, spec.description);
  }
  return command;
}

/**
 * The conversion options the flags set (only those given: unset flags leave the defaults, or
 * what the config file says); `nameFile` names a file option (--env-file) as the command's
 * diagnostics name files.
 */
export function conversionFromCli(opts: ConversionCliOptions, nameFile: (file: string) => string): ConversionOptions {
  const out: Record<string, unknown> = {};
  const given = opts as unknown as Record<string, unknown>;
  for (const spec of CONVERSION_OPTIONS) {
    const value = given[attributeOf(spec.flag)];
    if (spec.kind === 'strings') {
      const list = Array.isArray(value) ? (value as string[]) : [];
      if (list.length > 0) out[spec.key] = spec.paths ? list.map(nameFile) : list;
    } else if (spec.kind === 'boolean') {
      if (value === true) out[spec.key] = true;
    } else if (typeof value === 'string') {
      out[spec.key] = value;
    }
  }
  return out as ConversionOptions;
}

/** A repository config file that is invalid: its diagnostics, located in it. */
export class ConfigError extends UsageError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('the repository config file is invalid');
  }
}

/**
 * The conversion options for a compose file at `absolutePath`: the repository config file's
 * (compose2agent.yaml at or above its directory), its overrides for the file, then the flags.
 */
export function effectiveOptions(io: CliIO, absolutePath: string, opts: ConversionCliOptions): ConversionOptions {
  const nameFile = (f: string) => displayName(io, resolve(io.cwd, f));
  const cli = conversionFromCli(opts, nameFile);
  const configPath = findConfigFile(dirname(absolutePath), nodeConfigHost);
  if (configPath === undefined) return cli;
  const loaded = readConfig(configPath, nodeConfigHost, displayName(io, configPath));
  if (!loaded.config) throw new ConfigError(loaded.diagnostics);
  return optionsForFile(loaded.config, absolutePath, cli, nameFile);
}

/** ConvertOptions for a compose file at `absolutePath`, reading files relative to the working directory. */
export function conversionOptions(io: CliIO, absolutePath: string, opts: ConversionCliOptions): ConvertOptions {
  return {
    ...effectiveOptions(io, absolutePath, opts),
    filename: displayName(io, absolutePath),
    projectDirectory: dirname(absolutePath),
    // Files of the working directory may be delivered when no repository holds the file.
    filesRootFallback: '.',
    host: {
      env: io.env,
      readFile: (p) => readTextFile(resolve(io.cwd, p)),
      readEntry: (p) => readHostEntry(resolve(io.cwd, p)),
      unreadable: (p) => unreadableReason(resolve(io.cwd, p)),
    },
  };
}

/** `-f, --file`: the Compose files of the project, as `docker compose -f` takes them. */
export interface ComposeFileCliOptions {
  file: string[];
}

export function addComposeFileOption(command: Command): Command {
  return command.option('-f, --file <compose-file>', 'Compose file of the project, merged over the ones before it as docker compose merges them (repeatable)', collect, []);
}

const readable = (path: string) => readTextFile(path) !== undefined;

/**
 * The Compose files to convert, chosen as `docker compose` chooses them: the files `-f`
 * names; else the project of the named file (with the override file beside it); else the
 * files COMPOSE_FILE names; else the project's compose file in the working directory or the
 * nearest directory above it. Paths are absolute (or '-' for stdin).
 */
export function projectFiles(io: CliIO, named: string | undefined, given: readonly string[]): ProjectFiles {
  if (given.length > 0 && named !== undefined) {
    throw new UsageError(`-f names Compose files, as in docker compose: name ${named} with -f too, or pass values files with --values`);
  }
  const absolute = (f: string) => (f === '-' ? f : resolve(io.cwd, f));
  const listed = given.length > 0 ? given : named === undefined ? composeFileVariable(io.env) : [];
  if (listed.length > 0) {
    const [file, ...rest] = listed.map(absolute);
    for (const override of rest) if (!readable(override)) throw new UsageError(`cannot read ${displayName(io, override)}: no such file or not readable`);
    return { file: file!, overrideFiles: rest, automaticOverride: false };
  }
  if (named === '-') return { file: '-', overrideFiles: [], automaticOverride: false };
  if (named !== undefined) return projectOf(composeFileOf(io, absolute(named)), readable);
  for (let dir = io.cwd; ; dir = resolve(dir, '..')) {
    const found = DEFAULT_COMPOSE_NAMES.map((name) => resolve(dir, name)).find(readable);
    if (found) return projectOf(found, readable);
    if (resolve(dir, '..') === dir) break;
  }
  throw new UsageError(`no Compose file: name one, or run where ${DEFAULT_COMPOSE_NAMES.join(', ')} or COMPOSE_FILE names one`);
}

/**
 * A named path as a compose file: a directory stands for the compose file in it, found as
 * `docker compose` finds it there (the first of its default names); a directory without one
 * is a usage error naming them. Any other path is the file itself.
 */
export function composeFileOf(io: CliIO, absolute: string): string {
  if (!isDirectory(absolute)) return absolute;
  const found = DEFAULT_COMPOSE_NAMES.map((name) => resolve(absolute, name)).find(readable);
  if (found === undefined) {
    throw new UsageError(`no Compose file in ${displayName(io, absolute)}: looked for ${DEFAULT_COMPOSE_NAMES.join(', ')}`);
  }
  return found;
}

/**
 * Reads a project's compose file (or stdin, named compose.yaml in the working directory) and
 * its options, with the files merged over it.
 */
export function conversionInput(io: CliIO, project: ProjectFiles, opts: ConversionCliOptions): { text: string; options: ConvertOptions } {
  const input = readInput(io, project.file === '-' ? '-' : displayName(io, project.file));
  const path = input.path === '<stdin>' ? resolve(io.cwd, 'compose.yaml') : input.path;
  const overrides = project.overrideFiles.map((f) => displayName(io, f));
  return {
    text: input.text,
    options: {
      ...conversionOptions(io, path, opts),
      ...(overrides.length > 0 ? { overrideFiles: overrides, ...(project.automaticOverride ? { automaticOverride: true } : {}) } : {}),
    },
  };
}
