// Encodings, hashes and JSON: b64enc/b64dec, b32enc/b32dec, sha1sum/sha256sum/sha512sum,
// adler32sum, toJson (Helm's), toPrettyJson, toRawJson, fromJson, fromJsonArray.

import { createHash } from 'node:crypto';
import { type GoValue, type Val, fromPlain, isGoMap, mapSet, newMap, typeName } from '../../../go/values.js';
import { jsonSyntaxError, marshalJson } from '../../../go/json.js';
import { type FuncTable, FuncError, fn } from './types.js';
import { goBytes, goString } from '../../../go/bytes.js';

const B64 = /^[A-Za-z0-9+/]*$/;

/** base64.StdEncoding.DecodeString, with Go's error text on bad input (newlines are skipped). */
export function b64decode(s: string): Buffer | string {
  const clean = s.replace(/[\r\n]/g, '');
  const body = clean.replace(/=+$/, '');
  const pad = clean.length - body.length;
  for (let i = 0; i < body.length; i++) {
    if (!B64.test(body[i]!)) return `illegal base64 data at input byte ${i}`;
  }
  // Unpadded input ends in an incomplete quantum, reported at its start.
  if (pad === 0 && clean.length % 4 !== 0) return `illegal base64 data at input byte ${clean.length - (clean.length % 4)}`;
  if (clean.length % 4 !== 0 || pad > 2 || (pad > 0 && body.length % 4 === 1)) {
    return `illegal base64 data at input byte ${Math.max(0, body.length - (body.length % 4 === 1 ? 1 : 0))}`;
  }
  return Buffer.from(clean, 'base64');
}

const B32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function b32encode(data: Buffer): string {
  let out = '';
  for (let i = 0; i < data.length; i += 5) {
    const chunk = data.subarray(i, i + 5);
    let bits = 0n;
    for (let j = 0; j < 5; j++) bits = (bits << 8n) | BigInt(chunk[j] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let j = 0; j < 8; j++) {
      out += j < chars ? B32_ALPHABET[Number((bits >> BigInt(35 - j * 5)) & 31n)] : '=';
    }
  }
  return out;
}

function b32decode(s: string): Buffer | string {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 8 !== 0) return `illegal base32 data at input byte ${clean.length - (clean.length % 8)}`;
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 8) {
    const block = clean.slice(i, i + 8);
    const body = block.replace(/=+$/, '');
    let bits = 0n;
    for (let j = 0; j < 8; j++) {
      const c = j < body.length ? B32_ALPHABET.indexOf(body[j]!) : 0;
      if (c < 0) return `illegal base32 data at input byte ${i + j}`;
      bits = (bits << 5n) | BigInt(c);
    }
    const n = Math.floor((body.length * 5) / 8);
    for (let j = 0; j < n; j++) bytes.push(Number((bits >> BigInt(32 - j * 8)) & 255n));
  }
  return Buffer.from(bytes);
}

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const hash = (algorithm: string) => fn(['string'], ([s]) => createHash(algorithm).update(goBytes(s as string)).digest('hex'));

/** Go's json.Unmarshal of text into interface{}; Go's message when the text is not JSON. */
function parseJson(s: string): { value: GoValue } | { error: string } {
  const error = jsonSyntaxError(s);
  return error === undefined ? { value: fromPlain(JSON.parse(s)) } : { error };
}

function fromJson(s: string): GoValue {
  const parsed = parseJson(s);
  let error: string | undefined;
  if ('error' in parsed) error = parsed.error;
  else if (parsed.value === null) return newMap();
  else if (!isGoMap(parsed.value)) error = `json: cannot unmarshal ${jsonKind(parsed.value)} into Go value of type map[string]interface {}`;
  else return parsed.value;
  const m = newMap();
  mapSet(m, 'Error', error);
  return m;
}

function fromJsonArray(s: string): GoValue {
  const parsed = parseJson(s);
  if ('error' in parsed) return [parsed.error];
  if (parsed.value === null) return [];
  if (!Array.isArray(parsed.value)) return [`json: cannot unmarshal ${jsonKind(parsed.value)} into Go value of type []interface {}`];
  return parsed.value;
}

function jsonKind(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (isGoMap(v)) return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

function toJson(v: Val, mustSucceed: boolean): string {
  const text = marshalJson(v);
  if (text === undefined) {
    if (mustSucceed) throw new FuncError(`json: unsupported value: ${typeName(v)}`);
    return '';
  }
  return text;
}

export const encodingFunctions: FuncTable = {
  b64enc: fn(['string'], ([s]) => goBytes(s as string).toString('base64')),
  b64dec: fn(['string'], ([s]) => {
    const r = b64decode(s as string);
    return typeof r === 'string' ? r : goString(r);
  }),
  b32enc: fn(['string'], ([s]) => b32encode(goBytes(s as string))),
  b32dec: fn(['string'], ([s]) => {
    const r = b32decode(s as string);
    return typeof r === 'string' ? r : goString(r);
  }),
  sha1sum: hash('sha1'),
  sha256sum: hash('sha256'),
  sha512sum: hash('sha512'),
  adler32sum: fn(['string'], ([s]) => String(adler32(goBytes(s as string)))),
  toJson: fn(['any'], ([v]) => toJson(v, false)),
  mustToJson: fn(['any'], ([v]) => toJson(v, true)),
  toPrettyJson: fn(['any'], ([v]) => (marshalJson(v, { indent: '  ' }) ?? '').trim()),
  mustToPrettyJson: fn(['any'], ([v]) => (marshalJson(v, { indent: '  ' }) ?? '').trim()),
  toRawJson: fn(['any'], ([v]) => marshalJson(v, { escapeHtml: false }) ?? ''),
  mustToRawJson: fn(['any'], ([v]) => marshalJson(v, { escapeHtml: false }) ?? ''),
  fromJson: fn(['string'], ([s]) => fromJson(s as string)),
  // Sprig's mustFromJson decodes into interface{}: any JSON value, null as nil.
  mustFromJson: fn(['string'], ([s]) => {
    const parsed = parseJson(s as string);
    if ('error' in parsed) throw new FuncError(parsed.error);
    return parsed.value;
  }),
  fromJsonArray: fn(['string'], ([s]) => fromJsonArray(s as string)),
};
