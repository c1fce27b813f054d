import { describe, expect, it } from 'vitest';
import { escapedBytes, goBytes, goString } from '../../src/go/bytes.js';

describe('escapedBytes', () => {
  it('keeps UTF-8 as it is, and shows each other byte as \\xNN', () => {
    expect(escapedBytes(Buffer.from('café', 'utf8'))).toBe('café');
    expect(escapedBytes(Buffer.from('café', 'latin1'))).toBe('caf\\xe9');
    expect(escapedBytes(Buffer.of(0xff, 0xfe, 0x61, 0xc3))).toBe('\\xff\\xfea\\xc3');
  });

  it('shows ASCII control characters as \\xNN too, so a name cannot break a line or drive a terminal', () => {
    expect(escapedBytes(Buffer.from('a\nb\u001b[2J\u007f', 'utf8'))).toBe('a\\x0ab\\x1b[2J\\x7f');
  });

  it('tells apart names that U+FFFD would print alike', () => {
    expect(escapedBytes(Buffer.of(0x61, 0xe9))).not.toBe(escapedBytes(Buffer.of(0x61, 0xe8)));
    expect(goBytes(goString(Buffer.of(0x61, 0xe9)))).toEqual(Buffer.of(0x61, 0xe9));
  });
});
