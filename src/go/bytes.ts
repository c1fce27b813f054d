// Go strings are bytes, and need not be UTF-8: b64dec of arbitrary data, a "\xff" literal,
// substr or trunc cutting a character in two all make strings that are not. A JS string holds
// UTF-16, so such bytes are kept the way Python's surrogateescape keeps them: a byte that is no
// part of a valid UTF-8 sequence (0x80–0xFF) becomes the lone low surrogate U+DC80–U+DCFF, which
// valid text never contains, and turns back into the byte wherever Go would see bytes (len,
// base64, hashes, quoting, the rendered output). Text that is valid UTF-8 is its usual string.

import { isUtf8 } from 'node:buffer';

/** A lone low surrogate standing for a byte (not one after a high surrogate, which is a pair). */
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const ESCAPED_BYTES = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;
// eslint-disable-next-line no-control-regex -- the control characters are what it finds.
const ASCII_CONTROLS = /[\x00-\x1f\x7f]/g;

/** Whether a string holds bytes that are not UTF-8 (see above). */
export function hasRawBytes(s: string): boolean {
  return ESCAPED_BYTE.test(s);
}

/** The bytes of a Go string. */
export function goBytes(s: string): Buffer {
  if (!hasRawBytes(s)) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (const m of s.matchAll(ESCAPED_BYTES)) {
    parts.push(Buffer.from(s.slice(from, m.index), 'utf8'), Buffer.of(m[0].charCodeAt(0) - 0xdc00));
    from = m.index + 1;
  }
  parts.push(Buffer.from(s.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

/** Go's len of a string: its bytes. */
export function goByteLength(s: string): number {
  return hasRawBytes(s) ? goBytes(s).length : Buffer.byteLength(s, 'utf8');
}

/** The length of the valid UTF-8 sequence starting at b[i], as utf8.DecodeRune accepts it, or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    // No overlong forms (E0 needs A0+), no surrogates (ED needs below A0).
    const ok = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** A Go string of bytes: valid UTF-8 as text, every other byte escaped (see above). */
export function goString(b: Uint8Array): string {
  if (isUtf8(b)) return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  let out = '';
  let from = 0;
  let i = 0;
  while (i < b.length) {
    const n = sequenceLength(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += Buffer.from(b.buffer, b.byteOffset + from, i - from).toString('utf8') + String.fromCharCode(0xdc00 + b[i]!);
    i++;
    from = i;
  }
  return out + Buffer.from(b.buffer, b.byteOffset + from, b.length - from).toString('utf8');
}

/** The string as Go's rune loops see it: each byte that is not UTF-8 read as U+FFFD. */
export function asRunes(s: string): string {
  return hasRawBytes(s) ? s.replace(ESCAPED_BYTES, '\ufffd') : s;
}

/**
 * Bytes as text a person can read and a terminal cannot misread: valid UTF-8 as it is, each
 * other byte, and each ASCII control character, as `\xNN` (as bash's $'…' and Python spell
 * one). For a file name that is not UTF-8: U+FFFD in its place would hide which name it is,
 * and two such names would print alike.
 */
export function escapedBytes(b: Uint8Array): string {
  const hex = (byte: number) => `\\x${byte.toString(16).padStart(2, '0')}`;
  return goString(b)
    .replace(ESCAPED_BYTES, (m) => hex(m.charCodeAt(0) - 0xdc00))
    .replace(ASCII_CONTROLS, (m) => hex(m.charCodeAt(0)));
}
