// The repository config file, `compose2agent.yaml`: the conversion options a repository
// wants for its sandboxes (the same ones the command line takes, declared once in
// passes/options.ts), the files `check` skips, and per-path overrides. It lets a repository
// adopt the CI gate without a wrapper script that repeats flags.
//
// Which file: the nearest compose2agent.yaml (or .yml) at or above the Compose file's
// directory, looking no higher than the repository root (the directory holding `.git`), so a
// file of another checkout above it never applies. Paths in it (env files) and patterns
// (exclude, overrides) are relative to its own directory; patterns are .gitignore patterns,
// as the rest of `check` uses. The command line wins over it.
//
// Pure over a reader: src/tools/io.ts and the CLI supply the file system.

import { dirname, join, relative, sep } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { entryPathBytes, GitignoreMatcher } from './check/gitignore.js';
import { validateRepositoryConfig } from '../../schemas/generated/config-validator.js';
import { CONVERSION_OPTIONS, overlayOptions, type ConversionOptions } from '../../passes/options.js';
import { Context, type Diagnostic } from '../base/diagnostics.js';
import type { ArgsOf } from '../base/messages.js';
import { pointerToPath } from '../base/json-pointer.js';
import { SourceFile, type YamlPath } from '../base/source.js';
import { closest } from '../base/suggest.js';
import { parse } from '../yaml/reader.js';

export const CONFIG_FILE_NAMES: readonly string[] = ['compose2agent.yaml', 'compose2agent.yml'];

/** What finding and reading the config file may touch. Paths are absolute. */
export interface ConfigHost {
  readFile(path: string): string | undefined;
  /** Whether something (a file or a directory) is at the path. */
  exists(path: string): boolean;
}

export interface RepositoryConfig {
  /** Absolute path of the file. */
  path: string;
  /** How diagnostics name it. */
  display: string;
  /** Its options, with env files as absolute paths. */
  options: ConversionOptions;
  exclude: GitignoreMatcher;
  overrides: { pattern: string; matcher: GitignoreMatcher; options: ConversionOptions }[];
  /** The projects of several Compose files it names, in the file's order. */
  projects: ConfiguredProject[];
}

/**
 * A `projects:` entry: Compose files merged in order, as `docker compose -f a -f b` merges
 * them, checked as one sandbox under the entry's name.
 */
export interface ConfiguredProject {
  name: string;
  /** Absolute paths, the first one first (relative ones in the file are relative to its directory). */
  files: string[];
  /** `project-name`: the Compose project name, as `docker compose -p` gives it. */
  projectName?: string;
  /** The options the entry sets, over the config's own and its overrides' for the first file. */
  options: ConversionOptions;
}

export interface LoadedConfig {
  /** Absent when the file is invalid. */
  config?: RepositoryConfig;
  diagnostics: Diagnostic[];
}

/** The config file that applies to files of `dir`, or undefined when there is none. */
export function findConfigFile(dir: string, host: ConfigHost): string | undefined {
  for (let current = dir; ; ) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(current, name);
      if (host.exists(candidate)) return candidate;
    }
    // The repository root is as far as a config file may be: above it is another project.
    if (host.exists(join(current, '.git'))) return undefined;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** The path of `file` relative to the config's directory, or undefined when it is not below it. */
function below(config: { path: string }, file: string): string | undefined {
  const rel = toSlashes(relative(dirname(config.path), file));
  return rel === '' || rel.startsWith('../') || rel === '..' || rel.startsWith('/') ? undefined : rel;
}

const TOP_KEYS = ['exclude', 'overrides', 'projects', ...CONVERSION_OPTIONS.map((s) => s.configKey)];
const OPTION_KEYS = CONVERSION_OPTIONS.map((s) => s.configKey);
const PROJECT_KEYS = ['files', 'project-name', ...OPTION_KEYS];

/** The keys a mapping at `path` of the file may have, for the closest-name hint. */
function keysAt(path: YamlPath): string[] {
  if (path.length === 0) return TOP_KEYS;
  return path[0] === 'projects' ? PROJECT_KEYS : OPTION_KEYS;
}

/** Where a schema error is, and which variant of C2A258 says what is wrong there. */
function describeError(error: ErrorObject, data: unknown): { path: YamlPath; atKey: boolean; args: ArgsOf<'C2A258'> } {
  const path = pointerToPath(error.instancePath, data);
  const where = path.length ? { where: path.map(String).join('.') } : {};
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = keysAt(path);
      const suggestion = closest(key, known);
      return { path: [...path, key], atKey: true, args: { ...where, problem: 'unknown-key', key, known, ...(suggestion ? { suggestion } : {}) } };
    }
    case 'type': {
      const type = (error.params as { type: string }).type;
      return { path, atKey: false, args: type === 'array' ? { ...where, problem: 'not-a-list' } : { ...where, problem: 'wrong-type', type } };
    }
    case 'minLength':
    case 'minItems':
      return { path, atKey: false, args: { ...where, problem: 'empty' } };
    default:
      return { path, atKey: false, args: { ...where, problem: 'validator-message', ...(error.message ? { validatorMessage: error.message } : {}) } };
  }
}

/** The options a mapping of the file sets, as ConversionOptions (env files made absolute). */
function optionsOf(node: Record<string, unknown>, dir: string): ConversionOptions {
  const out: Record<string, unknown> = {};
  for (const spec of CONVERSION_OPTIONS) {
    const value = node[spec.configKey];
    if (value === undefined) continue;
    out[spec.key] = spec.paths && Array.isArray(value) ? value.map((p: string) => join(dir, p)) : value;
  }
  return out as ConversionOptions;
}

/** Reads and validates a config file; errors are located at their line and column. */
export function loadConfig(text: string, path: string, display: string): LoadedConfig {
  const file = new SourceFile(display, text);
  const ctx = new Context(undefined, file);
  const parsed = parse(file, ctx);
  if (!parsed || ctx.hasErrors) return { diagnostics: ctx.finish() };
  ctx.map = parsed.map;
  // An empty file is a config that sets nothing.
  const data = parsed.data ?? {};
  const validate = validateRepositoryConfig as unknown as ValidateFunction;
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const problem = describeError(error, data);
      const at = problem.atKey ? { path: problem.path, key: true as const } : problem.path;
      ctx.report('C2A258', at, problem.args);
    }
    return { diagnostics: ctx.finish() };
  }
  const node = data as Record<string, unknown>;
  const dir = dirname(path);
  const overrides = Object.entries((node.overrides ?? {}) as Record<string, Record<string, unknown>>).map(([pattern, options]) => ({
    pattern,
    matcher: GitignoreMatcher.of([pattern]),
    options: optionsOf(options, dir),
  }));
  const projects = Object.entries((node.projects ?? {}) as Record<string, Record<string, unknown>>).map(
    ([name, entry]): ConfiguredProject => ({
      name,
      files: (entry.files as string[]).map((f) => join(dir, f)),
      ...(typeof entry['project-name'] === 'string' ? { projectName: entry['project-name'] } : {}),
      options: optionsOf(entry, dir),
    }),
  );
  return {
    config: { path, display, options: optionsOf(node, dir), exclude: GitignoreMatcher.of((node.exclude ?? []) as string[]), overrides, projects },
    diagnostics: ctx.finish(),
  };
}

/** Reads a config file found by findConfigFile. */
export function readConfig(path: string, host: ConfigHost, display: string): LoadedConfig {
  const text = host.readFile(path);
  if (text !== undefined) return loadConfig(text, path, display);
  const ctx = new Context(undefined, new SourceFile(display, ''));
  ctx.report('C2A008', { loc: ctx.file.loc(0) }, { path: display, reason: 'not-a-readable-file' });
  return { diagnostics: ctx.finish() };
}

/** Whether the config excludes a file from `check`. */
export function configExcludes(config: RepositoryConfig, file: string): boolean {
  const rel = below(config, file);
  return rel !== undefined && config.exclude.ignores(rel);
}

/** Whether the config excludes the entry named by `name`'s bytes (a name that is not UTF-8) in the directory `dir`. */
export function configExcludesEntry(config: RepositoryConfig, dir: string, name: Uint8Array, isDirectory: boolean): boolean {
  const rel = entryPathBytes(toSlashes(dirname(config.path)), toSlashes(dir), name);
  return rel !== undefined && config.exclude.ignores(rel, isDirectory);
}

/**
 * The options a file converts with: the config's, then each override whose pattern matches
 * it (in order), then the command line's, which win. `nameFile` names the config's env files
 * as the command's diagnostics name files.
 */
export function optionsForFile(
  config: RepositoryConfig | undefined,
  file: string,
  cli: ConversionOptions,
  nameFile: (absolute: string) => string,
): ConversionOptions {
  if (config === undefined) return cli;
  return withCommandLine(configOptionsFor(config, file), cli, nameFile);
}

/** The config's options for a file: its own, then each override whose pattern matches the file, in order. */
function configOptionsFor(config: RepositoryConfig, file: string): ConversionOptions {
  let options = config.options;
  const rel = below(config, file);
  for (const override of config.overrides) {
    if (rel !== undefined && override.matcher.ignores(rel)) options = overlayOptions(options, override.options);
  }
  return options;
}

function withCommandLine(options: ConversionOptions, cli: ConversionOptions, nameFile: (absolute: string) => string): ConversionOptions {
  const named = options.envFiles ? { ...options, envFiles: options.envFiles.map(nameFile) } : options;
  return overlayOptions(named, cli);
}

/**
 * The options a `projects:` entry converts with: the config's for its first file (with the
 * overrides that match it), then the entry's own, then the command line's, which win.
 */
export function optionsForProject(
  config: RepositoryConfig,
  project: ConfiguredProject,
  cli: ConversionOptions,
  nameFile: (absolute: string) => string,
): ConversionOptions {
  return withCommandLine(overlayOptions(configOptionsFor(config, project.files[0]!), project.options), cli, nameFile);
}

/**
 * The config files of many directories, each read once: `check` asks for every file it
 * checks, and most share one.
 */
export class ConfigCache {
  private readonly byDir = new Map<string, string | undefined>();
  private readonly byFile = new Map<string, LoadedConfig>();

  constructor(
    private readonly host: ConfigHost,
    private readonly display: (absolute: string) => string,
  ) {}

  /** The config that applies to files of `dir` (undefined: none, or it is invalid). */
  forDirectory(dir: string): RepositoryConfig | undefined {
    let path = this.byDir.get(dir);
    if (!this.byDir.has(dir)) {
      path = findConfigFile(dir, this.host);
      this.byDir.set(dir, path);
    }
    return path === undefined ? undefined : this.load(path).config;
  }

  private load(path: string): LoadedConfig {
    let loaded = this.byFile.get(path);
    if (loaded === undefined) {
      loaded = readConfig(path, this.host, this.display(path));
      this.byFile.set(path, loaded);
    }
    return loaded;
  }

  /** Every valid config file read so far, in the order they were first read. */
  configs(): RepositoryConfig[] {
    return [...this.byFile.values()].flatMap((l) => (l.config ? [l.config] : []));
  }

  /** The diagnostics of every config file read so far. */
  diagnostics(): Diagnostic[] {
    return [...this.byFile.values()].flatMap((l) => l.diagnostics);
  }
}
