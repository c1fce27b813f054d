// text/template's own functions: and or not len index print printf println html js urlquery
// call, and the comparisons eq ne lt le gt ge with Go's type rules.

import { formatValue, isPrint, sprint, sprintf, sprintln } from '../../../go/fmt.js';
import { GoInt, type Val, byteLength, containerTag, deepEqual, isGoMap, isTrue, mapGet, typeName, zeroOf } from '../../../go/values.js';
import { type FuncTable, FuncError, fn } from './types.js';
import { goBytes, hasRawBytes } from '../../../go/bytes.js';

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: Val): BasicKind {
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInt) return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  return 'invalid';
}

function isNilValue(v: Val): boolean {
  return v === undefined || v === null;
}

function eq(arg1: Val, rest: Val[]): boolean {
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (!isNilValue(arg1) && !isNilValue(arg)) throw new FuncError(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg)}`);
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
          truth = arg1 === arg;
          break;
        case 'float':
          truth = arg1 === arg;
          break;
        case 'int':
          truth = (arg1 as GoInt).value === (arg as GoInt).value;
          break;
        default:
          if (isNilValue(arg1) || isNilValue(arg)) {
            truth = isNilValue(arg1) === isNilValue(arg);
          } else if (Array.isArray(arg) || isGoMap(arg)) {
            throw new FuncError(`non-comparable type ${formatValue(arg)}: ${typeName(arg)}`);
          } else if (typeName(arg1) !== typeName(arg)) {
            throw new FuncError(`non-comparable types ${formatValue(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${formatValue(arg)}`);
          } else {
            truth = deepEqual(arg1, arg);
          }
      }
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: Val, arg2: Val): boolean {
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new FuncError('invalid type for comparison');
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2) throw new FuncError(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg2)}`);
  switch (k1) {
    case 'bool':
      throw new FuncError('invalid type for comparison');
    case 'int':
      return (arg1 as GoInt).value < (arg2 as GoInt).value;
    case 'float':
      return (arg1 as number) < (arg2 as number);
    default:
      return Buffer.compare(goBytes(arg1 as string), goBytes(arg2 as string)) < 0;
  }
}

function length(item: Val): GoInt {
  // The zero reflect.Value (the literal nil) has no type to ask for; a nil interface is a nil pointer to len.
  if (item === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (item === null) throw new FuncError('len of nil pointer');
  if (typeof item === 'string') return new GoInt(byteLength(item));
  if (Array.isArray(item)) return new GoInt(item.length);
  if (isGoMap(item)) return new GoInt(Object.keys(item).length);
  throw new FuncError(`len of type ${typeName(item)}`);
}

function indexArg(index: Val, cap: number): number {
  if (index === undefined || index === null) throw new FuncError('cannot index slice/array with nil');
  if (!(index instanceof GoInt)) throw new FuncError(`cannot index slice/array with type ${typeName(index)}`);
  const x = index.value;
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return Number(x);
}

function index(item: Val, indexes: Val[]): Val {
  if (item === undefined || item === null) throw new FuncError('index of untyped nil');
  let cur: Val = item;
  for (const ix of indexes) {
    if (cur === undefined || cur === null) throw new FuncError('index of nil pointer');
    if (typeof cur === 'string') {
      const bytes: Buffer = goBytes(cur);
      const x = indexArg(ix, bytes.length);
      if (x === bytes.length) throw new FuncError('reflect: string index out of range');
      cur = new GoInt(bytes[x]!, 'uint8');
    } else if (Array.isArray(cur)) {
      const x = indexArg(ix, cur.length);
      if (x === cur.length) throw new FuncError('reflect: slice index out of range');
      cur = cur[x] as Val;
    } else if (isGoMap(cur)) {
      if (ix === undefined || ix === null) throw new FuncError('value is nil; should be of type string');
      if (typeof ix !== 'string') throw new FuncError(`value has type ${typeName(ix)}; should be string`);
      const v = mapGet(cur, ix);
      cur = v === undefined ? zeroOf(containerTag(cur).elem) : v;
    } else {
      throw new FuncError(`can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}

/** The arguments of html/js/urlquery as one string, as text/template's evalArgs joins them. */
function evalArgs(args: Val[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // printableValue: a nil operand prints as "<no value>", a string operand.
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\ufffd' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
      case '>':
      case '&':
      case '=':
      case '`':
        out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
        continue;
    }
    // A byte that is not UTF-8 decodes as U+FFFD, which is printable: Go writes the byte as it is.
    if (hasRawBytes(ch)) out += ch;
    else if (cp < 0x80 ? cp < 0x20 || cp === 0x7f : !isPrint(ch)) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of goBytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export const builtinFunctions: FuncTable = {
  // and/or short-circuit; the evaluator runs them itself, these entries declare them.
  and: fn(['value'], () => undefined, 'value'),
  or: fn(['value'], () => undefined, 'value'),
  not: fn(['value'], ([v]) => !isTrue(v)),
  len: fn(['value'], ([v]) => length(v)),
  index: fn(['value'], ([item, ...ix]) => index(item, ix), 'value'),
  print: fn([], (args) => sprint(args), 'any'),
  printf: fn(['string'], ([format, ...args], ctx) => sprintf(format as string, args, (length) => ctx.reserve(length)), 'any'),
  println: fn([], (args) => sprintln(args), 'any'),
  html: fn([], (args) => htmlEscape(evalArgs(args)), 'any'),
  js: fn([], (args) => jsEscape(evalArgs(args)), 'any'),
  urlquery: fn([], (args) => queryEscape(evalArgs(args)), 'any'),
  // The evaluator passes the callee's text first, as Go's does; no value here is a function.
  call: fn(
    ['value'],
    ([callee, f]) => {
      if (f === undefined || f === null) throw new FuncError('call of nil');
      throw new FuncError(`non-function ${callee as string} of type ${typeName(f)}`);
    },
    'value',
  ),
  eq: fn(['value'], ([a, ...rest]) => eq(a, rest), 'value'),
  ne: fn(['value', 'value'], ([a, b]) => !eq(a, [b])),
  lt: fn(['value', 'value'], ([a, b]) => lt(a, b)),
  le: fn(['value', 'value'], ([a, b]) => lt(a, b) || eq(a, [b])),
  gt: fn(['value', 'value'], ([a, b]) => !(lt(a, b) || eq(a, [b]))),
  ge: fn(['value', 'value'], ([a, b]) => !lt(a, b)),
};

