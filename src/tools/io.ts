// The only module that touches the file system. The CLI uses it; passes never do.
//
// Inputs come from repositories nobody vouches for: every read opens without blocking (a FIFO
// must not hang the run), reads only regular files, and stops at a size cap (a device such as
// /dev/zero must not exhaust memory). Every write goes to a regular file or a new path, never
// replaces a device, FIFO, directory or link, and either lands whole or fails loudly.

import {
  appendFileSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { escapedBytes } from '../go/bytes.js';
import type { ConvertHost, HostEntry } from '../base/host.js';
import type { ConfigHost } from './config.js';

/** No input is read beyond this: the converter refuses larger files anyway (C2A003). */
export const READ_LIMIT = 4 * 1024 * 1024;

/** What kept a file from being read, for callers that name it by a catalogue variant rather than in words. */
export type UnreadableKind = 'missing' | 'fifo' | 'directory' | 'device' | 'socket' | 'not-regular' | 'permission-denied' | 'link-loop' | 'failed';

/** Why a file was not read, in words a diagnostic can quote, and as a kind. */
export type ReadResult = { ok: true; bytes: Buffer; mode: number } | { ok: false; reason: string; kind: UnreadableKind };

/**
 * Reads a regular file, at most READ_LIMIT + 1 bytes (so that callers see it is too large).
 * O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; fstat on the
 * opened descriptor (not the path, which could be swapped in between) then refuses it.
 */
export function readRegularFile(path: string, limit = READ_LIMIT): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { ok: false, ...errnoReason(err) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: `it is ${kindOf(stat)}, not a regular file`, kind: unreadableKindOf(stat) };
    // The size stat reports is a hint, not a bound: files of /proc say 0 and hold more.
    let bytes = Buffer.alloc(Math.min(Math.max(stat.size, 4096), limit) + 1);
    let n = 0;
    for (;;) {
      if (n === bytes.length) {
        if (n > limit) break;
        const grown = Buffer.alloc(Math.min(bytes.length * 2, limit + 1));
        bytes.copy(grown, 0, 0, n);
        bytes = grown;
      }
      const got = readSync(fd, bytes, n, bytes.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return { ok: true, bytes: bytes.subarray(0, n), mode: stat.mode };
  } catch (err) {
    return { ok: false, ...errnoReason(err) };
  } finally {
    closeSync(fd);
  }
}

function errnoReason(err: unknown): { reason: string; kind: UnreadableKind } {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { reason: 'no such file', kind: 'missing' };
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'permission denied', kind: 'permission-denied' };
  if (code === 'EISDIR') return { reason: 'it is a directory, not a regular file', kind: 'directory' };
  if (code === 'ELOOP') return { reason: 'its symbolic links loop', kind: 'link-loop' };
  return { reason: err instanceof Error ? err.message : String(err), kind: 'failed' };
}

function unreadableKindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): UnreadableKind {
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSocket()) return 'socket';
  return 'not-regular';
}

const KIND_WORDS: Partial<Record<UnreadableKind, string>> = {
  directory: 'a directory',
  fifo: 'a FIFO (named pipe)',
  device: 'a device',
  socket: 'a socket',
};

function kindOf(stat: Parameters<typeof unreadableKindOf>[0]): string {
  return KIND_WORDS[unreadableKindOf(stat)] ?? 'not a regular file';
}

/** What a directory entry is, without following a symbolic link. */
export type ListedEntryType = 'file' | 'directory' | 'symlink' | 'other';

/** One entry of a directory listing. */
export interface ListedEntry {
  /** The name; when it is not UTF-8, its bytes escaped (`caf\xe9`), which opens nothing. */
  name: string;
  type: ListedEntryType;
  /** Set when the name is not UTF-8: its bytes, the only way to reach the entry. */
  rawName?: Uint8Array;
}

/**
 * The entries of a directory; throws as readdirSync does. Names are read as bytes: Node's
 * string listing turns a name that is not UTF-8 (a Latin-1 `caf\xe9`) into U+FFFD, a path
 * that then names nothing (or another file), so the entry would be lost without a word.
 */
export function listDirectory(dir: string): ListedEntry[] {
  return readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).map((dirent): ListedEntry => {
    const type: ListedEntryType = dirent.isFile() ? 'file' : dirent.isDirectory() ? 'directory' : dirent.isSymbolicLink() ? 'symlink' : 'other';
    const bytes = dirent.name;
    return isUtf8(bytes) ? { name: bytes.toString('utf8'), type } : { name: escapedBytes(bytes), type, rawName: new Uint8Array(bytes) };
  });
}

/** A directory's entries for delivery: the names a path can hold, and those it cannot (not UTF-8). */
function deliverableListing(dir: string): Pick<Extract<HostEntry, { kind: 'directory' }>, 'entries' | 'unnamable'> {
  const listed = listDirectory(dir);
  const unnamable = listed.filter((e) => e.rawName !== undefined).map((e) => ({ shown: e.name, directory: e.type === 'directory' }));
  return { entries: listed.filter((e) => e.rawName === undefined).map((e) => e.name), ...(unnamable.length > 0 ? { unnamable } : {}) };
}

/** What is at a path (symbolic links followed), for files delivered into the sandbox. */
export function readHostEntry(path: string): HostEntry | undefined {
  let realPath: string;
  let stat;
  try {
    realPath = realpathSync(path);
    stat = statSync(realPath);
  } catch (err) {
    // A dangling or looping link is there but leads nowhere: say so rather than drop it.
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    try {
      if (lstatSync(path).isSymbolicLink()) return { kind: 'other', what: code === 'ELOOP' ? 'a symbolic link that loops' : 'a dangling symbolic link' };
    } catch {
      // nothing at all is there
    }
    return undefined;
  }
  try {
    if (stat.isDirectory()) return { kind: 'directory', ...deliverableListing(realPath), realPath };
    if (!stat.isFile()) return { kind: 'other', realPath, what: kindOf(stat) };
    const read = readRegularFile(realPath);
    if (!read.ok) return { kind: 'other', realPath, what: `unreadable (${read.reason})` };
    return { kind: 'file', bytes: read.bytes, executable: (read.mode & 0o111) !== 0, realPath };
  } catch {
    return undefined;
  }
}

/** Decodes UTF-8 or throws: a decoder without state between calls, so one serves every read. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a regular file (at most READ_LIMIT + 1 bytes of it), or why it cannot be had.
 * Bytes that are not UTF-8 are refused rather than turned into U+FFFD without a word.
 */
export function readText(path: string): { text: string } | { reason: string } {
  const read = readRegularFile(path);
  if (!read.ok) return { reason: read.reason };
  // A file cut at the cap may end inside a character: only the bytes under the cap are judged.
  const cut = read.bytes.length > READ_LIMIT;
  let judged: string;
  try {
    judged = UTF8.decode(cut ? read.bytes.subarray(0, READ_LIMIT - 3) : read.bytes);
  } catch {
    return { reason: 'it is not UTF-8 text' };
  }
  // The judged text is the file's text (a byte order mark kept, as Buffer keeps it), unless cut.
  return { text: cut ? read.bytes.toString('utf8') : judged };
}

/** The text of a regular UTF-8 file (at most READ_LIMIT + 1 bytes of it), or undefined. */
export function readTextFile(path: string): string | undefined {
  const read = readText(path);
  return 'text' in read ? read.text : undefined;
}

/** Why readTextFile returns undefined for a path, or undefined when it reads. */
export function unreadableReason(path: string): string | undefined {
  const read = readText(path);
  return 'reason' in read ? read.reason : undefined;
}

/** Whether a path is a directory (following symbolic links); false when nothing is there. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Appends text to a file, creating it: what GitHub's job-summary file expects of each step. */
export function appendText(path: string, text: string): void {
  appendFileSync(path, text);
}

/** Reads stdin to the end (for `-` as the input file), at most READ_LIMIT + 1 bytes. */
export function readStdin(): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (err) {
      // stdin opened non-blocking by the parent: wait is not possible synchronously, retry.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((err as NodeJS.ErrnoException).code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > READ_LIMIT) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function nodeHost(env: NodeJS.ProcessEnv = process.env): ConvertHost {
  return { readFile: readTextFile, readEntry: readHostEntry, unreadable: unreadableReason, env };
}

/** A write refused before anything was written (the target is no file we may replace); the message is the reason. */
export class WriteRefused extends Error {}

/** The file-system calls a write makes; tests inject failing ones (short writes, a full disk). */
export interface WriteSystem {
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  renameSync(from: string, to: string): void;
}

const NODE_WRITE_SYSTEM: WriteSystem = {
  writeSync: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
  fsyncSync,
  renameSync,
};

export interface WriteOptions {
  /**
   * When given, a symbolic link is followed only to a file inside this directory: `check
   * --write` updates files of the checked repository, never what a link in it points to elsewhere.
   */
  within?: string;
  system?: WriteSystem;
}

/** Our temporary files: `.<name>.c2a-<pid>-<random>.tmp` beside the target. */
const TEMP_PATTERN = /^\.(.+)\.c2a-(\d+)-[0-9a-z]+\.tmp$/;

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.c2a-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files of ours for `target` that a killed run left behind: only names of
 * our pattern, only for this target, only when the process that made them is gone.
 */
export function removeStaleTemporaries(target: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    // A name that is not UTF-8 is none of ours (we name them from the target's text path), and
    // its U+FFFD-decoded form could name another file.
    names = listDirectory(dirname(target)).flatMap((e) => (e.rawName === undefined ? [e.name] : []));
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match || match[1] !== basename(target) || processAlive(Number(match[2]))) continue;
    const path = join(dirname(target), name);
    try {
      if (lstatSync(path).isFile()) {
        unlinkSync(path);
        removed.push(path);
      }
    } catch {
      // another run removed it first
    }
  }
  return removed;
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where a write to `path` lands and with which mode: the path itself when it is a regular
 * file or nothing is there yet (in an existing directory), the target of a symbolic link when
 * that is a regular file. Throws WriteRefused for anything else.
 */
export function writeTarget(path: string, within?: string): { path: string; mode: number } {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new WriteRefused(errnoReason(err).reason);
    let parent;
    try {
      parent = statSync(dirname(path));
    } catch {
      throw new WriteRefused('its directory does not exist');
    }
    if (!parent.isDirectory()) throw new WriteRefused('what should be its directory is not a directory');
    return { path, mode: 0o666 & ~process.umask() };
  }
  if (stat.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (err) {
      throw new WriteRefused(`it is a symbolic link that leads nowhere (${errnoReason(err).reason})`);
    }
    if (within !== undefined && !inside(real, realpathOr(within))) {
      throw new WriteRefused(`it is a symbolic link to a file outside ${within}, which is not updated through a link`);
    }
    let target;
    try {
      target = statSync(real);
    } catch (err) {
      // /dev/stdout on a pipe resolves to /proc/<pid>/fd/pipe:[…], a name stat cannot open.
      throw new WriteRefused(`it is a symbolic link to something that cannot be examined (${errnoReason(err).reason}); write to standard output with -`);
    }
    if (!target.isFile()) throw new WriteRefused(`it is a symbolic link to ${kindOf(target)}; only regular files are replaced`);
    return { path: real, mode: target.mode & 0o7777 };
  }
  if (!stat.isFile()) throw new WriteRefused(`it is ${kindOf(stat)}; only regular files are replaced`);
  return { path, mode: stat.mode & 0o7777 };
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Writes a file so that readers see the old content or the new, never a part: the text goes
 * to a temporary file in the same directory (same file system), every byte checked and synced
 * to disk, which is then renamed over the target. Any failure removes the temporary file and
 * throws; the target is then untouched.
 */
export function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): void {
  const system = options.system ?? NODE_WRITE_SYSTEM;
  const target = writeTarget(path, options.within);
  removeStaleTemporaries(target.path);
  const tmp = tempPathFor(target.path);
  // O_EXCL: never open something another process put at our temporary name.
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  let closed = false;
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      const n = system.writeSync(fd, bytes, written, bytes.length - written);
      // A write that makes no progress would loop for ever: the disk is full.
      if (!(n > 0)) throw new Error(`only ${written} of ${bytes.length} bytes could be written (is the disk full?)`);
      written += n;
    }
    // fchmod, not the open's mode, which the umask narrows: the file keeps the target's mode exactly.
    fchmodSync(fd, target.mode);
    system.fsyncSync(fd);
    closeSync(fd);
    closed = true;
    system.renameSync(tmp, target.path);
  } catch (err) {
    if (!closed) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file is already gone (or was renamed)
    }
    throw err;
  }
}

/** The most characters of file text one check run keeps for reading again (a few thousand Compose files). */
export const KEPT_TEXT_LIMIT = 32 * 1024 * 1024;

/**
 * What conversions read: files relative to the working directory, and the environment. The
 * environment is taken once, frozen: every file of a check run reads the same snapshot, and
 * interpolation reads a frozen environment only once (resolveEnvironment).
 *
 * A check run reads the same paths over and over: every compose file of a directory looks
 * for the same project and override file names and the same `.env` beside it, and the file a
 * job names is read again as its project's compose file. Each text (or why it could not be
 * read) is read once per run and kept; a run sees one snapshot of the repository, as it sees
 * one of the environment. Failed reads are kept without limit (they are one short reason
 * each), texts up to KEPT_TEXT_LIMIT characters in all, beyond which they are read anew.
 */
export function fileHost(cwd: string, env: Readonly<Record<string, string | undefined>>, keptTextLimit = KEPT_TEXT_LIMIT): ConvertHost {
  // One snapshot of the environment per run: interpolation builds its variables once for it.
  const snapshot = Object.freeze({ ...env });
  const kept = new Map<string, { text: string } | { reason: string }>();
  let keptChars = 0;
  const read = (path: string) => {
    const absolute = resolve(cwd, path);
    const known = kept.get(absolute);
    if (known) return known;
    const result = readText(absolute);
    const size = 'text' in result ? result.text.length : 0;
    if (keptChars + size <= keptTextLimit) {
      kept.set(absolute, result);
      keptChars += size;
    }
    return result;
  };
  return {
    readFile: (path) => {
      const result = read(path);
      return 'text' in result ? result.text : undefined;
    },
    readEntry: (path) => readHostEntry(resolve(cwd, path)),
    unreadable: (path) => {
      const result = read(path);
      return 'reason' in result ? result.reason : undefined;
    },
    env: snapshot,
  };
}

/** What finding and reading the repository config file (compose2agent.yaml) touches. */
export const nodeConfigHost: ConfigHost = { readFile: readTextFile, exists: existsSync };

/** Creates a directory and the ones above it that are missing (`--write-dockerfiles DIR`). */
export function makeDirectory(path: string): void {
  mkdirSync(path, { recursive: true });
}
