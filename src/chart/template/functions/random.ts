// Sprig's random generators. Like Sprig's (goutils' CryptoRandom over crypto/rand), the strings
// are drawn from a cryptographic source: node:crypto's randomInt and randomBytes.

import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { asRunes } from '../../../go/bytes.js';
import { GoInt, numberOf } from '../../../go/values.js';
import { type FuncTable, FuncError, fn } from './types.js';

/** goutils' CryptoRandom over the ASCII range [start, end) keeping what `accept` allows; "" for a negative count (Sprig drops the error). */
function cryptoRandom(count: number, start: number, end: number, accept: (ch: string) => boolean): string {
  let out = '';
  while (out.length < count) {
    const ch = String.fromCharCode(randomInt(start, end));
    if (accept(ch)) out += ch;
  }
  return out;
}

const isLetter = (ch: string) => /[A-Za-z]/.test(ch);
const isDigit = (ch: string) => /[0-9]/.test(ch);

/** xstrings.Shuffle: the runes of a string in a random order. */
function shuffle(s: string): string {
  // Go's []rune(s) reads a byte that is not UTF-8 as U+FFFD.
  const runes = [...asRunes(s)];
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [runes[i], runes[j]] = [runes[j]!, runes[i]!];
  }
  return runes.join('');
}

const count = (n: unknown) => numberOf(n as GoInt);

export const randomFunctions: FuncTable = {
  // With no range given, CryptoRandom draws letters and digits from ' ' to 'z'.
  randAlphaNum: fn(['int'], ([n]) => cryptoRandom(count(n), 32, 123, (c) => isLetter(c) || isDigit(c))),
  randAlpha: fn(['int'], ([n]) => cryptoRandom(count(n), 32, 123, isLetter)),
  randNumeric: fn(['int'], ([n]) => cryptoRandom(count(n), 32, 123, isDigit)),
  randAscii: fn(['int'], ([n]) => cryptoRandom(count(n), 32, 127, () => true)),
  randBytes: fn(['int'], ([n]) => {
    if (count(n) < 0) throw new FuncError('runtime error: makeslice: len out of range');
    return randomBytes(count(n)).toString('base64');
  }),
  // math/rand's Intn panics unless its bound is positive.
  randInt: fn(['int', 'int'], ([min, max]) => {
    const span = count(max) - count(min);
    if (span <= 0) throw new FuncError('invalid argument to Intn');
    // randomInt takes spans below 2^48; wider ones draw 64 random bits and reduce them.
    const offset = span < 2 ** 48 ? randomInt(span) : Number(randomBytes(8).readBigUInt64BE() % BigInt(span));
    return new GoInt(count(min) + offset);
  }),
  shuffle: fn(['string'], ([s]) => shuffle(s as string)),
  uuidv4: fn([], () => randomUUID()),
  hello: fn([], () => 'Hello!'),
};
