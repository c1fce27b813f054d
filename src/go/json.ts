// encoding/json as Helm's toJson uses it: sorted map keys, Go's float formatting, and HTML
// characters escaped. Also the number rule sigs.k8s.io/yaml inherits from it.

import { goBytes } from './bytes.js';
import { formatFloat, goQuote } from './fmt.js';
import { GoInt, GoStruct, type Val, compareStrings, containerTag, isGoMap } from './values.js';

/** Text encoding/json writes for a float64, or undefined for NaN and infinities (an error in Go). */
export function jsonFloat(f: number): string | undefined {
  if (!Number.isFinite(f)) return undefined;
  const abs = Math.abs(f);
  const exp = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  let s = formatFloat(f, exp ? 'e' : 'f', -1);
  // encoding/json writes e-07 as e-7.
  if (exp) s = s.replace(/e([+-])0(\d)$/, 'e$1$2');
  return s;
}

function jsonString(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20) out += '\\u00' + cp.toString(16).padStart(2, '0');
    else if (escapeHtml && (ch === '<' || ch === '>' || ch === '&')) out += '\\u00' + cp.toString(16);
    else if (cp === 0x2028 || cp === 0x2029) out += '\\u' + cp.toString(16);
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

export interface JsonOptions {
  escapeHtml?: boolean;
  /** Indentation per level (json.MarshalIndent); none for compact output. */
  indent?: string;
}

/** json.Marshal of a Go value; undefined where Go returns an error (NaN or ±Inf). */
export function marshalJson(v: Val, options: JsonOptions = {}): string | undefined {
  const escapeHtml = options.escapeHtml ?? true;
  const indent = options.indent;
  const enc = (x: Val, depth: number): string | undefined => {
    if (x === undefined || x === null) return 'null';
    if (typeof x === 'boolean') return String(x);
    if (typeof x === 'string') return jsonString(x, escapeHtml);
    if (typeof x === 'number') return jsonFloat(x);
    if (x instanceof GoInt) return String(x.value);
    const nl = indent !== undefined ? '\n' + indent.repeat(depth + 1) : '';
    const close = indent !== undefined ? '\n' + indent.repeat(depth) : '';
    const colon = indent !== undefined ? ': ' : ':';
    if (Array.isArray(x)) {
      if (containerTag(x).nil) return 'null';
      if (x.length === 0) return '[]';
      const parts: string[] = [];
      for (const item of x) {
        const e = enc(item, depth + 1);
        if (e === undefined) return undefined;
        parts.push(nl + e);
      }
      return '[' + parts.join(',') + close + ']';
    }
    let entries: [string, Val][];
    if (x instanceof GoStruct && x.options.json) return enc(x.options.json(), depth);
    if (x instanceof GoStruct) {
      entries = [...x.fields.entries()].map(([k, val]) => [x.options.jsonNames?.[k] ?? k, val]);
    } else if (isGoMap(x)) {
      entries = Object.keys(x)
        .sort(compareStrings)
        .map((k) => [k, x[k]]);
    } else {
      return 'null';
    }
    if (entries.length === 0) return '{}';
    const parts: string[] = [];
    for (const [k, val] of entries) {
      const e = enc(val, depth + 1);
      if (e === undefined) return undefined;
      parts.push(nl + jsonString(k, escapeHtml) + colon + e);
    }
    return '{' + parts.join(',') + close + '}';
  };
  return enc(v, 0);
}

// ── encoding/json's syntax check ─────────────────────────────────────────────────────────────

/** A syntax error found by jsonSyntaxError's descent, carrying Go's message. */
class JsonSyntaxStop {
  constructor(readonly message: string) {}
}

/** encoding/json's quoteChar: a byte as a quoted character, read as the rune of that value. */
function quoteJsonChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  return "'" + goQuote(String.fromCharCode(c)).slice(1, -1) + "'";
}

const isJsonSpace = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number | undefined) => c !== undefined && (isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));

/**
 * The message json.Unmarshal gives for text that is not JSON, or undefined for JSON. Go checks
 * the whole text with its scanner before decoding anything, and names the first byte it cannot
 * take with what it was looking for there ("invalid character 'x' looking for beginning of
 * value"), or says the input ended early.
 */
export function jsonSyntaxError(text: string): string | undefined {
  const b = goBytes(text);
  let i = 0;
  const fail = (context: string): never => {
    throw new JsonSyntaxStop(i >= b.length ? 'unexpected end of JSON input' : `invalid character ${quoteJsonChar(b[i]!)} ${context}`);
  };
  const skipSpace = () => {
    while (isJsonSpace(b[i])) i++;
  };
  const expect = (ok: boolean, context: string) => {
    if (!ok) fail(context);
    i++;
  };
  const literal = (word: string) => {
    for (const ch of word.slice(1)) expect(b[i] === ch.charCodeAt(0), `in literal ${word} (expecting ${quoteJsonChar(ch.charCodeAt(0))})`);
  };
  const digits = () => {
    while (isDigit(b[i])) i++;
  };
  const number = () => {
    if (b[i] === 0x2d) {
      i++;
      if (!isDigit(b[i])) fail('in numeric literal');
    }
    if (b[i++] !== 0x30) digits();
    if (b[i] === 0x2e) {
      i++;
      expect(isDigit(b[i]), 'after decimal point in numeric literal');
      digits();
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      expect(isDigit(b[i]), 'in exponent of numeric literal');
      digits();
    }
  };
  const string = () => {
    i++;
    for (;;) {
      const c = b[i];
      if (c === undefined) fail('in string literal');
      if (c === 0x22) return void i++;
      if (c === 0x5c) {
        i++;
        if (b[i] === 0x75) {
          i++;
          for (let k = 0; k < 4; k++) expect(isHexDigit(b[i]), 'in \\u hexadecimal character escape');
        } else {
          expect(b[i] !== undefined && '"\\/bfnrt'.includes(String.fromCharCode(b[i]!)), 'in string escape code');
        }
        continue;
      }
      if (c < 0x20) fail('in string literal');
      i++;
    }
  };
  const value = (): void => {
    skipSpace();
    const c = b[i];
    if (c === 0x7b) {
      i++;
      skipSpace();
      if (b[i] === 0x7d) return void i++;
      for (;;) {
        if (b[i] !== 0x22) fail('looking for beginning of object key string');
        string();
        skipSpace();
        expect(b[i] === 0x3a, 'after object key');
        value();
        skipSpace();
        if (b[i] === 0x7d) return void i++;
        expect(b[i] === 0x2c, 'after object key:value pair');
        skipSpace();
      }
    }
    if (c === 0x5b) {
      i++;
      skipSpace();
      if (b[i] === 0x5d) return void i++;
      for (;;) {
        value();
        skipSpace();
        if (b[i] === 0x5d) return void i++;
        expect(b[i] === 0x2c, 'after array element');
      }
    }
    if (c === 0x22) return string();
    if (c === 0x2d || isDigit(c)) return number();
    const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : undefined;
    if (word === undefined) fail('looking for beginning of value');
    i++;
    literal(word!);
  };
  try {
    value();
    skipSpace();
    if (i < b.length) fail('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof JsonSyntaxStop) return e.message;
    throw e;
  }
}
