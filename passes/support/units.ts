// Compose's scalar syntaxes that need parsing: command lines (shell words), durations and
// byte sizes. Each parser returns a result or the reason the text is not valid, never
// throws, so the caller can report a located diagnostic.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Why a line is not shell words: a variant of C2A037 (the column counts from 1). */
export type ShellWordsProblem = { problem: 'single-quote-unclosed' | 'double-quote-unclosed'; column: number } | { problem: 'lone-backslash' };

/**
 * Splits a command line into words as a POSIX shell does (and as Python's shlex.split,
 * which Docker Compose's behaviour matches for these inputs): whitespace separates words;
 * single quotes keep everything literally; double quotes keep everything but let a
 * backslash escape `"` and `\`; outside quotes a backslash escapes any character; quotes
 * are removed, and `""` is an empty word.
 */
export function splitShellWords(line: string): { ok: true; value: string[] } | { ok: false; problem: ShellWordsProblem } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, problem: { problem: 'single-quote-unclosed', column: i + 1 } };
      word += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= line.length) return { ok: false, problem: { problem: 'double-quote-unclosed', column: i + 1 } };
        const d = line[j]!;
        if (d === '"') break;
        if (d === '\\' && j + 1 < line.length && (line[j + 1] === '"' || line[j + 1] === '\\')) {
          word += line[j + 1];
          j += 2;
          continue;
        }
        word += d;
        j++;
      }
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { ok: false, problem: { problem: 'lone-backslash' } };
      // A backslash-newline joins lines, as in a shell.
      if (line[i + 1] !== '\n') word += line[i + 1];
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, value: words };
}

/** The reference converter's split: runs of whitespace, quotes kept (Python's str.split()). */
export function splitWhitespace(line: string): string[] {
  return line.split(/[\s\u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u).filter((w) => w !== '');
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  'µs': 1e-6,
  'μs': 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/**
 * A Compose duration (Go's time.ParseDuration syntax: `1m30s`, `1.5h`, `500ms`, `0`) in
 * seconds, possibly fractional. There is no day unit. Negative durations are refused
 * (no Compose duration field accepts one).
 */
export function parseDuration(text: string): Parsed<number> {
  const s = text.trim();
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return { ok: false, reason: 'empty' };
  if (s.startsWith('-')) return { ok: false, reason: 'negative' };
  const body = s.startsWith('+') ? s.slice(1) : s;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/uy;
  let total = 0;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const m = part.exec(body);
    if (!m) return { ok: false, reason: 'expected a number followed by h, m, s, ms, us or ns' };
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    at = part.lastIndex;
  }
  if (at === 0) return { ok: false, reason: 'no unit' };
  return { ok: true, value: total };
}

/** The reference converter's durations: whole hours, minutes and seconds, in that order. */
export function parseDurationStrict(text: string): Parsed<number> {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m) return { ok: false, reason: 'only h, m and s are supported' };
  return { ok: true, value: Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) };
}

const BINARY_UNITS: Record<string, string> = { '': '', b: '', k: 'Ki', m: 'Mi', g: 'Gi', t: 'Ti', p: 'Pi' };

/**
 * A Compose byte value (`512m`, `1.5gb`, `2GiB`, `1073741824`) as a Kubernetes quantity.
 * Compose's units are binary (k = 1024), so they become Ki/Mi/Gi…; the digits are kept as
 * written. `strict` accepts only what the reference converter accepts (a unit is required,
 * b/k/m/g with an optional b).
 */
export function parseByteSize(value: string | number, strict: boolean): Parsed<string> {
  if (typeof value === 'number') {
    if (strict || !Number.isFinite(value) || value < 0 || !Number.isInteger(value)) {
      return { ok: false, reason: 'not a byte value' };
    }
    return { ok: true, value: String(value) };
  }
  const m = strict
    ? /^(\d+(?:\.\d+)?)(gb?|mb?|kb?|b)$/i.exec(value)
    : /^(\d+(?:\.\d+)?) ?(?:([kmgtp])i?b?|(b))?$/i.exec(value);
  if (!m) return { ok: false, reason: 'not a byte value' };
  const unit = strict ? m[2]!.toLowerCase().replace(/b$/, '') : (m[2] ?? m[3] ?? '').toLowerCase().replace(/^b$/, '');
  return { ok: true, value: `${m[1]}${BINARY_UNITS[unit]}` };
}

/**
 * A Kubernetes quantity as the API server parses it: a non-negative decimal number with an
 * optional binary (Ki … Ei), decimal (n, u, m, k, M … E) or exponent (e3, E-2) suffix.
 * Resource amounts must not be negative.
 */
const QUANTITY = /^\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** Whether a value of a resources section is a quantity Kubernetes accepts. */
export function isResourceQuantity(value: string | number): boolean {
  return typeof value === 'number' ? Number.isFinite(value) && value >= 0 : QUANTITY.test(value);
}

/** A resource name: a name with an optional DNS-subdomain prefix (`cpu`, `nvidia.com/gpu`). */
export const RESOURCE_NAME = /^(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
