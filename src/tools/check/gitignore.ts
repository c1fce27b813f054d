// The .gitignore rules in force during discovery, and the .gitignore patterns of `--exclude`
// and the repository config file, matched as git matches them (gitignore(5), git's dir.c and
// wildmatch.c) in linear time.
//
// Each pattern is translated to RE2's language and matched by re2js, whose automaton never
// backtracks: `*a*a*a*a*a*a*a*a*a*a*a*a*b` against a long name, or eight `**` segments
// against a deep path, cost the length of the path times the length of the pattern, not a
// power of either. git matches bytes, not characters (`?` is one byte of a UTF-8 name), so
// patterns and paths are both matched as strings of bytes, one character per byte (latin1).
//
// A rule belongs to the directory of its .gitignore file and applies only below it. The rules
// of every file on the way down form one list, outermost first, so the last matching rule
// decides (a deeper file's rules come later), and nothing inside an excluded directory can be
// re-included: a path is ignored when one of its directories is.

import { RE2JS } from 're2js';

/** The lines of one .gitignore file and the directory they are relative to. */
export interface GitignoreFile {
  /** Absolute directory of the file, `/`-separated, without a trailing slash. */
  base: string;
  lines: string[];
  /**
   * 'bytes': each line is the file's bytes, one character per byte (read from disk, where
   * git reads no encoding: a Latin-1 line matches the Latin-1 name it spells). 'text': lines
   * are text, matched as their UTF-8 bytes.
   */
  encoding: LineEncoding;
}

export type LineEncoding = 'text' | 'bytes';

/** A .gitignore's lines, from its text or from the bytes of the file. */
export function parseGitignore(content: string | Uint8Array, base: string): GitignoreFile {
  const encoding: LineEncoding = typeof content === 'string' ? 'text' : 'bytes';
  const text = typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  // git skips a UTF-8 byte-order mark at the start of the file, and a CR before each LF.
  const body = text.replace(encoding === 'text' ? /^\uFEFF/ : /^\xEF\xBB\xBF/, '');
  return { base: base.replace(/\/+$/, ''), lines: body.split('\n').map((line) => line.replace(/\r$/, '')), encoding };
}

/**
 * Paths longer than this many bytes exist on no file system this tool walks (Linux stops at
 * 4 096 bytes, Windows' long paths at 32 767 UTF-16 units, at most three bytes each). A
 * pattern that needs more bytes than this to match matches no path; it is compiled as such,
 * which also keeps every compiled pattern far inside re2js's program size limit.
 */
export const LONGEST_PATH_BYTES = 1 << 17;

/** One pattern line, as git reads it. */
interface Rule {
  /** The directory the pattern is relative to, relative to the matcher's root ('' for the root). */
  base: string;
  negated: boolean;
  /** A trailing `/`: the pattern matches directories only. */
  directoryOnly: boolean;
  /** No `/` in the pattern: it matches the last name of a path, at any depth. */
  nameOnly: boolean;
  /** The compiled pattern, matched against a whole byte string; undefined when it matches nothing. */
  regexp: RE2JS | undefined;
}

/** The bytes of a string (a Uint8Array is bytes already), one character per byte. */
function bytesOf(text: string | Uint8Array): string {
  if (typeof text !== 'string') return Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('latin1');
  // eslint-disable-next-line no-control-regex -- ASCII is its own bytes: skip the copy.
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** Removes unescaped trailing spaces, as git's trim_trailing_spaces does (tabs stay). */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (c === '\\') {
      // An escaped character (a space too) ends a run of trailing spaces; a lone backslash
      // at the very end leaves the line as it is.
      if (++i >= line.length) return line;
      lastSpace = -1;
    } else {
      lastSpace = -1;
    }
  }
  return lastSpace < 0 ? line : line.slice(0, lastSpace);
}

/** The characters git's wildmatch treats specially: a pattern's literal prefix ends at the first. */
const GLOB_SPECIAL = /[*?[\\]/;

const hex = (byte: number) => `\\x{${byte.toString(16)}}`;
const ANY_BYTE = '[\\x{0}-\\x{ff}]';

/** The bytes of `[:name:]` in wildmatch (ASCII classes, as git's own ctype defines them). */
function namedClass(name: string): ((byte: number) => boolean) | undefined {
  const alpha = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  const digit = (b: number) => b >= 0x30 && b <= 0x39;
  switch (name) {
    case 'alnum':
      return (b) => alpha(b) || digit(b);
    case 'alpha':
      return alpha;
    case 'blank':
      return (b) => b === 0x20 || b === 0x09;
    case 'cntrl':
      return (b) => b < 0x20 || b === 0x7f;
    case 'digit':
      return digit;
    case 'graph':
      return (b) => b > 0x20 && b < 0x7f;
    case 'lower':
      return (b) => b >= 0x61 && b <= 0x7a;
    case 'print':
      return (b) => b >= 0x20 && b < 0x7f;
    case 'punct':
      return (b) => b > 0x20 && b < 0x7f && !alpha(b) && !digit(b);
    case 'space':
      return (b) => b === 0x20 || (b >= 0x09 && b <= 0x0d);
    case 'upper':
      return (b) => b >= 0x41 && b <= 0x5a;
    case 'xdigit':
      return (b) => digit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    default:
      return undefined;
  }
}

/**
 * A bracket expression starting at `pattern[start]` (the `[`): the set of bytes it matches
 * and the index after its `]`, or undefined where wildmatch gives up on the whole pattern
 * (no closing `]`, a backslash at the end, an unknown `[:class:]`).
 */
function bracket(pattern: string, start: number): { members: boolean[]; end: number } | undefined {
  const members = Array<boolean>(256).fill(false);
  let p = start + 1;
  let negated = false;
  if (pattern[p] === '!' || pattern[p] === '^') {
    negated = true;
    p++;
  }
  // The previous member, the start of a range; -1 after a range or a class, as in wildmatch.
  let previous = -1;
  let first = true;
  for (;;) {
    if (p >= pattern.length) return undefined;
    let c = pattern.charCodeAt(p);
    if (c === 0x5d /* ] */ && !first) break;
    first = false;
    if (c === 0x5c /* \ */) {
      if (++p >= pattern.length) return undefined;
      c = pattern.charCodeAt(p);
      members[c] = true;
      previous = c;
    } else if (c === 0x2d /* - */ && previous >= 0 && p + 1 < pattern.length && pattern[p + 1] !== ']') {
      let last = pattern.charCodeAt(++p);
      if (last === 0x5c) {
        if (++p >= pattern.length) return undefined;
        last = pattern.charCodeAt(p);
      }
      for (let b = previous; b <= last; b++) members[b] = true;
      previous = -1;
    } else if (c === 0x5b /* [ */ && pattern[p + 1] === ':') {
      const close = pattern.indexOf(']', p + 2);
      if (close < 0) return undefined;
      if (close - (p + 2) < 1 || pattern[close - 1] !== ':') {
        // Not `[:name:]`: the `[` is a member like any other.
        members[c] = true;
        previous = c;
      } else {
        const test = namedClass(pattern.slice(p + 2, close - 1));
        if (!test) return undefined;
        for (let b = 0; b < 256; b++) if (test(b)) members[b] = true;
        p = close;
        previous = -1;
      }
    } else {
      members[c] = true;
      previous = c;
    }
    p++;
  }
  const set = members.map((m) => m !== negated);
  // Under WM_PATHNAME (and in a name, which holds none) a bracket never matches a slash.
  set[0x2f] = false;
  return { members: set, end: p + 1 };
}

/** A set of bytes as an RE2 class, or undefined when it is empty. */
function classOf(members: readonly boolean[]): string | undefined {
  let out = '';
  for (let b = 0; b < 256; b++) {
    if (!members[b]) continue;
    let last = b;
    while (last + 1 < 256 && members[last + 1]) last++;
    out += last === b ? hex(b) : `${hex(b)}-${hex(last)}`;
    b = last;
  }
  return out === '' ? undefined : `[${out}]`;
}

/**
 * A wildmatch pattern (bytes) as an RE2 expression matching the same whole strings under
 * WM_PATHNAME, and the fewest bytes it matches; undefined when it matches nothing.
 */
function translate(pattern: string): { source: string; shortest: number } | undefined {
  let source = '';
  let shortest = 0;
  // The last thing emitted matches any run of directories (`**/`): a second in a row adds nothing.
  let afterDirectories = false;
  for (let p = 0; p < pattern.length; ) {
    const c = pattern[p]!;
    if (c === '*') {
      const runStart = p;
      while (pattern[p] === '*') p++;
      const atBoundary = p - runStart >= 2 && (runStart === 0 || pattern[runStart - 1] === '/');
      const next = pattern[p];
      if (atBoundary && next === '/') {
        // `**/`: zero or more whole directories.
        if (!afterDirectories) source += `(?:${ANY_BYTE}*/)?`;
        afterDirectories = true;
        p++;
        continue;
      }
      if (atBoundary && (next === undefined || (next === '\\' && pattern[p + 1] === '/'))) {
        // A trailing `**` matches everything below; so does one before an escaped slash,
        // which wildmatch does not let match zero directories.
        source += `${ANY_BYTE}*`;
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') {
      source += '[^/]';
      shortest++;
      p++;
    } else if (c === '[') {
      const parsed = bracket(pattern, p);
      if (!parsed) return undefined;
      const cls = classOf(parsed.members);
      if (cls === undefined) return undefined;
      source += cls;
      shortest++;
      p = parsed.end;
    } else if (c === '\\') {
      // An escaped byte is itself; a backslash that ends the pattern matches nothing.
      if (p + 1 >= pattern.length) return undefined;
      source += hex(pattern.charCodeAt(p + 1));
      shortest++;
      p += 2;
    } else {
      source += hex(pattern.charCodeAt(p));
      shortest++;
      p++;
    }
    afterDirectories = false;
  }
  return { source, shortest };
}

/** One .gitignore line as a rule relative to `base`, or undefined for a blank line or a comment. */
function ruleOf(line: string, base: string, encoding: LineEncoding): Rule | undefined {
  if (line === '' || line.startsWith('#')) return undefined;
  // Trimming reads only spaces and backslashes, which are single bytes in UTF-8 too.
  const trimmed = trimTrailingSpaces(line);
  let pattern = encoding === 'bytes' ? trimmed : bytesOf(trimmed);
  const negated = pattern.startsWith('!');
  if (negated) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith('/');
  if (directoryOnly) pattern = pattern.slice(0, -1);
  const nameOnly = !pattern.includes('/');
  let prefix = '';
  if (!nameOnly) {
    // A pattern with a slash is relative to its file's directory, whether or not it starts
    // with one. git compares its literal prefix (up to the first special character) apart
    // and runs wildmatch on the rest, so a `**` right after that prefix starts the pattern
    // wildmatch sees: `a**/b` matches `a/x/b`.
    if (pattern.startsWith('/')) pattern = pattern.slice(1);
    const special = pattern.search(GLOB_SPECIAL);
    const split = special < 0 ? pattern.length : special;
    prefix = pattern.slice(0, split);
    pattern = pattern.slice(split);
  }
  const rest = translate(pattern);
  let regexp: RE2JS | undefined;
  if (rest !== undefined && prefix.length + rest.shortest <= LONGEST_PATH_BYTES) {
    const literal = [...prefix].map((ch) => hex(ch.charCodeAt(0))).join('');
    regexp = RE2JS.compile(literal + rest.source);
  }
  return { base, negated, directoryOnly, nameOnly, regexp };
}

/** Whether a rule matches `path` (bytes, relative to the matcher's root); undefined when it does not apply. */
function matches(rule: Rule, path: string, isDirectory: boolean): boolean {
  if (rule.regexp === undefined || (rule.directoryOnly && !isDirectory)) return false;
  let relative = path;
  if (rule.base !== '') {
    if (!path.startsWith(rule.base) || path[rule.base.length] !== '/') return false;
    relative = path.slice(rule.base.length + 1);
  }
  const subject = rule.nameOnly ? relative.slice(relative.lastIndexOf('/') + 1) : relative;
  return rule.regexp.matches(subject);
}

/** .gitignore rules over paths relative to one directory (the matcher's root). */
export class GitignoreMatcher {
  private constructor(private readonly rules: readonly Rule[]) {}

  /** Patterns (lines of a .gitignore) relative to the root. */
  static of(lines: readonly string[]): GitignoreMatcher {
    return GitignoreMatcher.EMPTY.with(lines, '');
  }

  static readonly EMPTY = new GitignoreMatcher([]);

  /** These rules, then `lines` relative to `base` (a directory relative to the root, '' for the root). */
  with(lines: readonly string[], base: string, encoding: LineEncoding = 'text'): GitignoreMatcher {
    const added = lines.flatMap((line) => ruleOf(line, bytesOf(base), encoding) ?? []);
    return added.length === 0 ? this : new GitignoreMatcher([...this.rules, ...added]);
  }

  /**
   * Whether a `/`-separated path relative to the root is ignored, itself or through one of its
   * directories. A path given as bytes is matched as it is: a name that is not UTF-8.
   */
  ignores(path: string | Uint8Array, isDirectory = false): boolean {
    const bytes = bytesOf(path);
    for (let slash = bytes.indexOf('/'); slash > 0; slash = bytes.indexOf('/', slash + 1)) {
      if (this.decides(bytes.slice(0, slash), true)) return true;
    }
    return this.decides(bytes, isDirectory);
  }

  /** The verdict of the last rule matching the path itself: true when it ignores it. */
  private decides(path: string, isDirectory: boolean): boolean {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (matches(rule, path, isDirectory)) return !rule.negated;
    }
    return false;
  }
}

/**
 * The .gitignore files that apply in a directory, outermost first. Immutable: entering a
 * directory with its own .gitignore gives a new stack.
 */
export class IgnoreStack {
  private constructor(
    /** The outermost file's directory, which the matcher's paths are relative to. */
    private readonly root: string | undefined,
    private readonly matcher: GitignoreMatcher,
  ) {}

  static empty(): IgnoreStack {
    return new IgnoreStack(undefined, GitignoreMatcher.EMPTY);
  }

  with(file: GitignoreFile): IgnoreStack {
    const root = this.root ?? file.base;
    const dir = file.base === root ? '' : relativeTo(root, file.base);
    if (dir === undefined) return this;
    return new IgnoreStack(root, this.matcher.with(file.lines, dir, file.encoding));
  }

  /** Whether an absolute `/`-separated path is ignored. */
  ignores(absolute: string, isDirectory: boolean): boolean {
    if (this.root === undefined) return false;
    const relative = relativeTo(this.root, absolute);
    if (!relative) return false;
    return this.matcher.ignores(relative, isDirectory);
  }

  /** Whether the entry named by `name`'s bytes (not UTF-8, say) in the absolute directory `dir` is ignored. */
  ignoresEntry(dir: string, name: Uint8Array, isDirectory: boolean): boolean {
    if (this.root === undefined) return false;
    const path = entryPathBytes(this.root, dir, name);
    return path !== undefined && this.matcher.ignores(path, isDirectory);
  }
}

/**
 * The path of the entry named by `name`'s bytes in the directory `dir`, relative to the
 * directory `base` (both absolute, `/`-separated), as bytes; undefined when `dir` is not
 * `base` or inside it. How a name that is not UTF-8 is matched against patterns.
 */
export function entryPathBytes(base: string, dir: string, name: Uint8Array): Uint8Array | undefined {
  const relative = dir === base ? '' : relativeTo(base, dir);
  if (relative === undefined) return undefined;
  return Buffer.concat([Buffer.from(relative === '' ? '' : `${relative}/`, 'utf8'), name]);
}

/** `path` relative to the directory `base`, or undefined when it is not inside it. */
function relativeTo(base: string, path: string): string | undefined {
  const prefix = base === '' || base === '/' ? '/' : `${base}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}
