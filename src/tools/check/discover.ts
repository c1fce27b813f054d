// Discovery: which files under the given paths are sandboxes. Pure over a DiscoveryHost, so
// the file system stays in the CLI layer and tests can walk real fixture trees through it.
//
// A compose file is named compose.yaml, compose.yml, docker-compose.yaml or
// docker-compose.yml, or ends in compose.yaml/compose.yml, or is one of Compose's variant
// and override files: `compose` as a word of a .yaml/.yml name (compose.override.yaml,
// docker-compose.dist.yml, compose-target.yml, test_sandbox_compose_alpine.yaml).
// A values file is named helm-values.yaml or values.yaml; a values.yaml beside a Chart.yaml
// is a chart's own defaults, not a sandbox, and is skipped.
// Files named explicitly are checked whatever their name, and even when ignored. A directory
// named explicitly is walked with the rules git applies inside it; when the directory itself is
// ignored (a `build/` the user asks to check), it is walked as if it were the top of a tree:
// asking for it is asking for its files, as for a file named explicitly.

import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { UnreadableKind } from '../io.js';
import { IgnoreStack, parseGitignore } from './gitignore.js';
import type { CheckJob, FileKind } from './types.js';

/** Why an ignore file that is there was not read: what it is, or the read cap it exceeds. */
export type IgnoreFileProblem = Exclude<UnreadableKind, 'missing'> | 'too-large';

/** An ignore file's bytes (git reads no encoding), or why it is there but was not read; undefined when there is none. */
export type IgnoreFileRead = { bytes: Uint8Array } | { problem: IgnoreFileProblem };

export interface DirEntry {
  /** The name; for a name that is not UTF-8, its bytes escaped (`caf\xe9`), which opens nothing. */
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  /** Set when the name is not UTF-8: its bytes, which no path string discovery opens can hold. */
  rawName?: Uint8Array;
}

/** What discovery may read. Paths are absolute. */
export interface DiscoveryHost {
  /** The entries of a directory, or undefined when it cannot be read. */
  readdir(dir: string): DirEntry[] | undefined;
  readFile(path: string): string | undefined;
  /**
   * A .gitignore or info/exclude file, as bytes; a host without it reads them as text through
   * readFile, and says nothing about one it cannot read.
   */
  readIgnoreFile?(path: string): IgnoreFileRead | undefined;
  /** What a path is, following symbolic links; undefined when it does not exist. */
  stat(path: string): 'file' | 'directory' | 'other' | undefined;
  /** The canonical path (symbolic links resolved); undefined when it cannot be resolved. */
  realpath?(path: string): string | undefined;
}

/**
 * The host as a walk of `root` sees it: a symbolic link whose target lies outside the root
 * is not followed (`e/compose.yaml -> /proc/self/environ` would print the CI job's secrets
 * as a code frame). Without realpath every link is taken as it is.
 */
function confinedTo(root: string, host: DiscoveryHost): DiscoveryHost {
  const realRoot = host.realpath?.(root);
  if (realRoot === undefined) return host;
  return {
    ...host,
    stat(path) {
      const real = host.realpath!(path);
      if (real === undefined) return host.stat(path);
      const rel = relative(realRoot, real);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? host.stat(path) : 'other';
    },
  };
}

export interface DiscoveryResult {
  /** Sorted by display name, each file once. */
  jobs: CheckJob[];
  /** Paths given that do not exist. */
  missing: string[];
  /** Ignore files that are there but could not be read, so their rules were not applied; sorted by path. */
  unreadableIgnoreFiles: UnreadableIgnoreFile[];
  /** Entries the walk could not enter or check because their names are not UTF-8; sorted by path. */
  unreachedEntries: UnreachedEntry[];
}

/**
 * A directory, or a file named as a sandbox file, whose name is not UTF-8. Every path the
 * check opens (the file, its includes, env files, bind mounts, the values it writes) is text,
 * so such an entry is reported rather than checked.
 */
export interface UnreachedEntry {
  /** The directory holding it (absolute). */
  dir: string;
  /** Its name, the bytes that are not UTF-8 escaped as `\xNN`. */
  shown: string;
  /** Its name's bytes, which ignore and exclude patterns are matched on. */
  rawName: Uint8Array;
  directory: boolean;
}

export interface UnreadableIgnoreFile {
  /** Absolute path. */
  path: string;
  /** The directory its rules would apply below (absolute). */
  base: string;
  problem: IgnoreFileProblem;
}

export const CANONICAL_COMPOSE_NAMES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
export const VALUES_FILE_NAMES: readonly string[] = ['helm-values.yaml', 'values.yaml'];
/** Never entered: version-control internals and installed packages. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

const COMPOSE_WORD = /(?:^|[._-])compose(?:[._-].*)?\.ya?ml$/;

/** Whether a file name is a sandbox file, and which kind. */
export function classifyFileName(name: string): FileKind | undefined {
  if (VALUES_FILE_NAMES.includes(name)) return 'values';
  if (name.endsWith('compose.yaml') || name.endsWith('compose.yml')) return 'compose';
  if (COMPOSE_WORD.test(name)) return 'compose';
  return undefined;
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** How output names a file: relative to the working directory (with `..` when outside it). */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  if (rel === '') return basename(absolute);
  // A path on another drive cannot be made relative; keep it absolute.
  return toSlashes(rel.includes(':') && !rel.startsWith('..') ? absolute : rel);
}

/** The closest directory at or above `dir` holding `.git`, the root of its repository. */
function repositoryRoot(dir: string, host: DiscoveryHost): string | undefined {
  for (let current = dir; ; ) {
    if (host.stat(join(current, '.git')) !== undefined) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** `stack` with the rules of the ignore file at `path` (relative to `base`), recording it in `unreadable` when it cannot be read. */
function withIgnoreFile(stack: IgnoreStack, path: string, base: string, host: DiscoveryHost, unreadable: UnreadableIgnoreFile[]): IgnoreStack {
  if (!host.readIgnoreFile) {
    const text = host.readFile(path);
    return text === undefined ? stack : stack.with(parseGitignore(text, toSlashes(base)));
  }
  const read = host.readIgnoreFile(path);
  if (read === undefined) return stack;
  if ('problem' in read) {
    if (!unreadable.some((u) => u.path === path)) unreadable.push({ path, base, problem: read.problem });
    return stack;
  }
  return stack.with(parseGitignore(read.bytes, toSlashes(base)));
}

function withGitignoreOf(stack: IgnoreStack, dir: string, host: DiscoveryHost, unreadable: UnreadableIgnoreFile[]): IgnoreStack {
  return withIgnoreFile(stack, join(dir, '.gitignore'), dir, host, unreadable);
}

/**
 * The ignore rules in force in `dir` before its own .gitignore is read: those of the
 * repository's info/exclude and of every directory from the repository root down to
 * `dir`'s parent. Outside a repository only the .gitignore files found by the walk count.
 */
function inheritedIgnores(dir: string, host: DiscoveryHost, unreadable: UnreadableIgnoreFile[]): IgnoreStack {
  const root = repositoryRoot(dir, host);
  if (root === undefined) return IgnoreStack.empty();
  let stack = withIgnoreFile(IgnoreStack.empty(), join(root, '.git', 'info', 'exclude'), root, host, unreadable);
  const ancestors: string[] = [];
  if (dir !== root) {
    for (let current = dirname(dir); ; current = dirname(current)) {
      ancestors.unshift(current);
      if (current === root || dirname(current) === current) break;
    }
  }
  for (const ancestor of ancestors) stack = withGitignoreOf(stack, ancestor, host, unreadable);
  return stack;
}

interface Found {
  path: string;
  kind: FileKind;
}

interface Walk {
  host: DiscoveryHost;
  found: Found[];
  siblings: Map<string, Found[]>;
  unreadable: UnreadableIgnoreFile[];
  unreached: UnreachedEntry[];
}

/**
 * An entry whose name is not UTF-8, when it is something the walk would have looked at: a
 * directory it would enter, or a file (or link, which cannot be followed to see what it
 * leads to) named as a sandbox file. Ignore rules apply to the name's bytes, as git applies them.
 */
function unreached(dir: string, entry: DirEntry & { rawName: Uint8Array }, stack: IgnoreStack): UnreachedEntry | undefined {
  const directory = entry.type === 'directory';
  if (!directory && (entry.type === 'other' || classifyFileName(entry.name) === undefined)) return undefined;
  if (stack.ignoresEntry(toSlashes(dir), entry.rawName, directory)) return undefined;
  return { dir, shown: entry.name, rawName: entry.rawName, directory };
}

function walk(dir: string, inherited: IgnoreStack, w: Walk): void {
  const { host, found, siblings } = w;
  const entries = host.readdir(dir);
  if (!entries) return;
  const stack = entries.some((e) => e.name === '.gitignore') ? withGitignoreOf(inherited, dir, host, w.unreadable) : inherited;
  const names = new Set(entries.map((e) => e.name));
  const here: Found[] = [];
  const subdirectories: string[] = [];
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.rawName !== undefined) {
      const missed = unreached(dir, { ...entry, rawName: entry.rawName }, stack);
      if (missed) w.unreached.push(missed);
      continue;
    }
    const path = join(dir, entry.name);
    let type = entry.type;
    // Symbolic links to files are followed; to directories they are not, so a link cycle
    // cannot make the walk endless.
    if (type === 'symlink') type = host.stat(path) === 'file' ? 'file' : 'other';
    if (type === 'directory') {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (stack.ignores(toSlashes(path), true)) continue;
      subdirectories.push(path);
    } else if (type === 'file') {
      const kind = classifyFileName(entry.name);
      if (!kind) continue;
      if (kind === 'values' && entry.name === 'values.yaml' && names.has('Chart.yaml')) continue;
      if (stack.ignores(toSlashes(path), false)) continue;
      here.push({ path, kind });
    }
  }
  if (here.length) {
    found.push(...here);
    siblings.set(dir, here);
  }
  for (const sub of subdirectories) walk(sub, stack, w);
}

/** The sandbox files of a directory named by an explicit file path, without ignore rules. */
function siblingsOf(dir: string, host: DiscoveryHost): Found[] {
  const entries = host.readdir(dir) ?? [];
  const names = new Set(entries.map((e) => e.name));
  const out: Found[] = [];
  for (const entry of entries) {
    // A name that is not UTF-8 cannot be opened; were it the directory's only other compose
    // file, a walk of the directory would report it.
    if (entry.rawName !== undefined) continue;
    const kind = classifyFileName(entry.name);
    if (!kind) continue;
    if (kind === 'values' && entry.name === 'values.yaml' && names.has('Chart.yaml')) continue;
    const path = join(dir, entry.name);
    if (host.stat(path) === 'file') out.push({ path, kind });
  }
  return out;
}

/**
 * Which compose file the values files of a directory belong to: the only compose file, or
 * else the only one with a canonical name. Undefined when that is ambiguous.
 */
function owningComposeFile(composeFiles: string[]): string | undefined {
  if (composeFiles.length === 1) return composeFiles[0];
  const canonical = composeFiles.filter((p) => CANONICAL_COMPOSE_NAMES.includes(basename(p)));
  return canonical.length === 1 ? canonical[0] : undefined;
}

export function discover(paths: readonly string[], cwd: string, host: DiscoveryHost): DiscoveryResult {
  const found: Found[] = [];
  const siblings = new Map<string, Found[]>();
  const missing: string[] = [];
  const unreadable: UnreadableIgnoreFile[] = [];
  const unreachedEntries: UnreachedEntry[] = [];
  for (const path of paths) {
    const type = host.stat(path);
    if (type === undefined) {
      missing.push(path);
    } else if (type === 'directory') {
      const inherited = inheritedIgnores(path, host, unreadable);
      walk(path, inherited.ignores(toSlashes(path), true) ? IgnoreStack.empty() : inherited, { host: confinedTo(path, host), found, siblings, unreadable, unreached: unreachedEntries });
    } else if (type === 'file') {
      found.push({ path, kind: classifyFileName(basename(path)) ?? 'compose' });
      if (!siblings.has(dirname(path))) siblings.set(dirname(path), siblingsOf(dirname(path), host));
    }
  }

  const byPath = new Map<string, CheckJob>();
  for (const f of found) {
    if (!byPath.has(f.path)) byPath.set(f.path, { path: f.path, display: displayPath(cwd, f.path), kind: f.kind });
  }
  for (const files of siblings.values()) {
    const composeFiles = files.filter((f) => f.kind === 'compose').map((f) => f.path);
    const valuesFiles = files.filter((f) => f.kind === 'values').map((f) => f.path);
    if (valuesFiles.length === 0 || composeFiles.length === 0) continue;
    const owner = owningComposeFile(composeFiles);
    if (owner !== undefined) {
      const job = byPath.get(owner);
      if (job) job.committedValues = valuesFiles.map((p) => ({ path: p, display: displayPath(cwd, p) }));
    } else {
      for (const values of valuesFiles) {
        const job = byPath.get(values);
        if (job) job.besideComposeFiles = composeFiles.map((p) => displayPath(cwd, p));
      }
    }
  }
  const jobs = [...byPath.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  unreadable.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const unreachedPath = (u: UnreachedEntry) => join(u.dir, u.shown);
  const reported = new Set<string>();
  const unreachedOnce = unreachedEntries.filter((u) => !reported.has(unreachedPath(u)) && reported.add(unreachedPath(u)));
  unreachedOnce.sort((a, b) => (unreachedPath(a) < unreachedPath(b) ? -1 : unreachedPath(a) > unreachedPath(b) ? 1 : 0));
  return { jobs, missing, unreadableIgnoreFiles: unreadable, unreachedEntries: unreachedOnce };
}
