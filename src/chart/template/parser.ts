// Parser for Go's text/template, following Go's grammar and its parse-time checks: functions
// must exist (even in branches that never run), variables must be declared, break/continue
// must be inside range, and only the first command of a pipeline may be a plain operand.

import type { Arg, CommandNode, ListNode, Node, NumberNode, PipeNode, Tree, VariableNode } from './ast.js';
import { type Item, type ItemType, isKeyword, lex } from './lexer.js';
import { exactInt } from '../../go/values.js';
import { goString } from '../../go/bytes.js';

export class ParseError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

export interface ParseResult {
  /** The template's own body (everything outside define blocks). */
  main: Tree;
  /** Templates defined with define/block, in definition order. */
  defined: Tree[];
}

/** The deepest nesting of control structures and parentheses a template may have. */
export const MAX_TEMPLATE_NESTING = 200;

/** End markers returned by itemList(). */
type EndMark = { type: 'endMark'; pos: number } | { type: 'elseMark'; pos: number };

/** Parse a template; `hasFunction` decides which identifiers are functions. */
export function parseTemplate(name: string, text: string, hasFunction: (name: string) => boolean): ParseResult | ParseError {
  try {
    return new Parser(name, text, hasFunction).parse();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
}

function itemString(it: Item): string {
  if (it.typ === 'eof') return 'EOF';
  if (it.typ === 'error') return it.val;
  if (isKeyword(it.typ)) return `<${it.val}>`;
  const chars = [...it.val];
  if (chars.length > 10) return JSON.stringify(chars.slice(0, 10).join('')) + '...';
  return JSON.stringify(it.val);
}

class Parser {
  private readonly items: Item[];
  private index = 0;
  private last: Item;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  /** How many {{if}}/{{range}}/{{with}} and parentheses are open, one inside the other. */
  private nesting = 0;
  private readonly defined: Tree[] = [];

  constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.items = lex(text);
    this.last = this.items[0]!;
  }

  // ── token stream ────────────────────────────────────────────────────────────────────────
  private next(): Item {
    const it = this.items[Math.min(this.index, this.items.length - 1)]!;
    this.index++;
    this.last = it;
    return it;
  }
  private backup(n = 1): void {
    this.index -= n;
  }
  private peek(): Item {
    return this.items[Math.min(this.index, this.items.length - 1)]!;
  }
  private nextNonSpace(): Item {
    let it: Item;
    do it = this.next();
    while (it.typ === 'space');
    return it;
  }
  private peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.backup();
    return it;
  }

  private errorAt(offset: number, message: string): never {
    throw new ParseError(message, offset);
  }
  private error(message: string): never {
    this.errorAt(this.last.pos, message);
  }
  private unexpected(it: Item, context: string): never {
    if (it.typ === 'error') this.errorAt(it.pos, it.val);
    this.errorAt(it.pos, `unexpected ${itemString(it)} in ${context}`);
  }
  private expect(typ: ItemType, context: string): Item {
    const it = this.nextNonSpace();
    if (it.typ !== typ) this.unexpected(it, context);
    return it;
  }

  // ── structure ───────────────────────────────────────────────────────────────────────────
  parse(): ParseResult {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'error') this.unexpected(this.next(), 'input');
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        const after = this.nextNonSpace();
        if (after.typ === 'define') {
          this.parseDefinition(delim.pos);
          continue;
        }
        // Put back everything after the delimiter.
        this.index = this.items.indexOf(delim);
        this.last = delim;
      }
      const n = this.textOrAction();
      if (n.type === 'endMark' || n.type === 'elseMark') this.errorAt(n.pos, `unexpected {{${n.type === 'endMark' ? 'end' : 'else'}}}`);
      root.nodes.push(n);
    }
    return { main: { name: this.name, root, text: this.text }, defined: this.defined };
  }

  private addTree(tree: Tree, at: number): void {
    const existing = this.defined.find((t) => t.name === tree.name);
    if (existing && !isEmptyTree(existing.root)) {
      if (!isEmptyTree(tree.root)) this.errorAt(at, `template: multiple definition of template ${JSON.stringify(tree.name)}`);
      return;
    }
    if (existing) this.defined.splice(this.defined.indexOf(existing), 1);
    this.defined.push(tree);
  }

  private parseDefinition(at: number): void {
    const context = 'define clause';
    const nameItem = this.nextNonSpace();
    if (nameItem.typ !== 'string' && nameItem.typ !== 'rawString') this.unexpected(nameItem, context);
    const name = this.unquote(nameItem);
    this.expect('rightDelim', context);
    const list = this.definitionBody(context);
    this.addTree({ name, root: list, text: this.text }, at);
  }

  /** The body of a `define` or `block`, up to its `{{end}}`: a template of its own, with only `$` in scope. */
  private definitionBody(context: string) {
    const savedVars = this.vars;
    const savedRange = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    if (end.type !== 'endMark') this.errorAt(end.pos, `unexpected {{else}} in ${context}`);
    this.vars = savedVars;
    this.rangeDepth = savedRange;
    return list;
  }

  private itemList(): [ListNode, EndMark] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'endMark' || n.type === 'elseMark') return [list, n];
      list.nodes.push(n);
    }
    this.errorAt(this.peekNonSpace().pos, 'unexpected EOF');
  }

  private textOrAction(): Node | EndMark {
    const it = this.nextNonSpace();
    switch (it.typ) {
      case 'text':
        return { type: 'text', pos: it.pos, text: it.val };
      case 'leftDelim':
        return this.action();
      default:
        this.unexpected(it, 'input');
    }
  }

  private action(): Node | EndMark {
    const it = this.nextNonSpace();
    switch (it.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const close = this.nextNonSpace();
        if (close.typ !== 'rightDelim') this.unexpected(close, `{{${it.typ}}}`);
        if (this.rangeDepth === 0) this.errorAt(it.pos, `{{${it.typ}}} outside {{range}}`);
        return { type: it.typ, pos: it.pos };
      }
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'endMark', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
        return this.control('if');
      case 'range':
        return this.control('range');
      case 'with':
        return this.control('with');
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const pos = this.peek().pos;
    return { type: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private elseControl(): EndMark {
    const peek = this.peekNonSpace();
    // {{else if ...}} and {{else with ...}} leave the keyword pending for control().
    if (peek.typ === 'if' || peek.typ === 'with') return { type: 'elseMark', pos: peek.pos };
    return { type: 'elseMark', pos: this.expect('rightDelim', 'else').pos };
  }

  /**
   * Go parses any depth (its stacks grow; it stops parentheses at 10 000); here each level is
   * several calls, and thousands would overflow the stack. A located parse error instead.
   */
  private enter(pos: number): void {
    if (++this.nesting > MAX_TEMPLATE_NESTING) {
      this.errorAt(pos, `max nesting depth exceeded: more than ${MAX_TEMPLATE_NESTING} {{if}}, {{range}}, {{with}} or parentheses inside one another`);
    }
  }

  private control(context: 'if' | 'range' | 'with'): Node {
    this.enter(this.last.pos);
    try {
      return this.controlBody(context);
    } finally {
      this.nesting--;
    }
  }

  private controlBody(context: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.type === 'elseMark') {
      const peek = this.peekNonSpace();
      if ((context === 'if' && peek.typ === 'if') || (context === 'with' && peek.typ === 'with')) {
        this.nextNonSpace();
        // An {{else if}} chain recurses here, so its links count toward the nesting too.
        elseList = { type: 'list', pos: next.pos, nodes: [this.control(context)] };
      } else {
        [elseList, next] = this.itemList();
        if (next.type !== 'endMark') this.errorAt(next.pos, 'expected end; found {{else}}');
      }
    }
    this.vars.length = mark;
    if (context === 'range') return { type: 'range', pos: pipe.pos, pipe, list, ...(elseList ? { elseList } : {}) };
    return { type: context, pos: pipe.pos, pipe, list, ...(elseList ? { elseList } : {}) };
  }

  private templateName(it: Item, context: string): string {
    if (it.typ !== 'string' && it.typ !== 'rawString') this.unexpected(it, context);
    return this.unquote(it);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const it = this.nextNonSpace();
    const name = this.templateName(it, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: it.pos, name, ...(pipe ? { pipe } : {}) };
  }

  private blockControl(): Node {
    const context = 'block clause';
    const it = this.nextNonSpace();
    const name = this.templateName(it, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const list = this.definitionBody(context);
    this.addTree({ name, root: list, text: this.text }, it.pos);
    return { type: 'template', pos: it.pos, name, pipe };
  }

  // ── pipelines ───────────────────────────────────────────────────────────────────────────
  private pipeline(context: string, end: ItemType): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: start.pos, isAssign: false, decl: [], cmds: [] };
    // Declarations or assignments: $x := …, $x = …, and in range $i, $v := …
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      const vIndex = this.index;
      // skip spaces to v
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        break;
      }
      if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().typ;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.error('range can only initialize variables');
        }
        this.error(`too many declarations in ${context}`);
      }
      // Not a declaration: the variable is an operand; put it back.
      this.index = vIndex;
      break;
    }
    for (;;) {
      const it = this.nextNonSpace();
      if (it.typ === end) {
        this.checkPipeline(pipe, context, it);
        return pipe;
      }
      switch (it.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(it, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string, at: Item): void {
    if (pipe.cmds.length === 0) this.errorAt(at.pos, `missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]!.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorAt(c.pos, `non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const it = this.next();
      if (it.typ === 'space') continue;
      if (it.typ === 'rightDelim' || it.typ === 'rightParen') this.backup();
      else if (it.typ !== 'pipe') this.unexpected(it, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.error('empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().typ !== 'field') return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos: chainPos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorAt(node.pos, `unexpected . after term ${JSON.stringify(termString(node))}`);
      default:
        return { type: 'chain', pos: chainPos, node, field: fields };
    }
  }

  private term(): Arg | undefined {
    const it = this.nextNonSpace();
    switch (it.typ) {
      case 'identifier':
        if (!this.hasFunction(it.val)) this.errorAt(it.pos, `function ${JSON.stringify(it.val)} not defined`);
        return { type: 'identifier', pos: it.pos, name: it.val };
      case 'dot':
        return { type: 'dot', pos: it.pos };
      case 'nil':
        return { type: 'nil', pos: it.pos };
      case 'variable':
        return this.useVar(it.pos, it.val);
      case 'field':
        return { type: 'field', pos: it.pos, ident: [it.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: it.pos, value: it.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.newNumber(it);
      case 'leftParen':
        this.enter(it.pos);
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.nesting--;
        }
      case 'string':
      case 'rawString':
        return { type: 'string', pos: it.pos, quoted: it.val, text: this.unquote(it) };
    }
    this.backup();
    return undefined;
  }

  private newVariable(pos: number, name: string): VariableNode {
    return { type: 'variable', pos, ident: name.split('.') };
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorAt(pos, `undefined variable ${JSON.stringify(v.ident[0])}`);
    return v;
  }

  private unquote(it: Item): string {
    const s = goUnquote(it.val);
    if (s === undefined) this.errorAt(it.pos, 'invalid syntax');
    return s;
  }

  private newNumber(it: Item): NumberNode {
    const text = it.val;
    const n: NumberNode = { type: 'number', pos: it.pos, text, isInt: false, isFloat: false, int: 0, float: 0 };
    if (it.typ === 'charConstant') {
      const cp = unquoteChar(text);
      if (cp === undefined) this.errorAt(it.pos, `malformed character constant: ${text}`);
      return { ...n, isInt: true, isFloat: true, int: cp, float: cp };
    }
    if (it.typ === 'complex' || text.endsWith('i')) {
      this.errorAt(it.pos, `complex number ${text} is not supported`);
    }
    const asInt = parseGoInt(text);
    if (asInt !== undefined) return { ...n, isInt: true, isFloat: true, int: asInt, float: Number(asInt) };
    // An unsigned integer past int64 is a number still; evaluating it as an int fails ("overflows int").
    const asUint = parseGoUint(text);
    if (asUint !== undefined) return { ...n, isFloat: true, float: Number(asUint), uint: asUint };
    const f = parseGoFloat(text);
    if (f === undefined) this.errorAt(it.pos, `illegal number syntax: ${JSON.stringify(text)}`);
    if (!/[.eEpP]/.test(text)) this.errorAt(it.pos, `integer overflow: ${JSON.stringify(text)}`);
    const integral = Number.isFinite(f) && Math.trunc(f) === f && Math.abs(f) < 2 ** 63;
    return { ...n, isFloat: true, float: f, isInt: integral, int: integral ? exactInt(BigInt(f)) : 0 };
  }
}

function termString(n: Arg): string {
  switch (n.type) {
    case 'bool':
      return String(n.value);
    case 'string':
      return n.quoted;
    case 'number':
      return n.text;
    case 'nil':
      return 'nil';
    default:
      return '.';
  }
}

/** A tree with nothing but whitespace text: a define with it does not replace an existing one. */
export function isEmptyTree(list: ListNode): boolean {
  return list.nodes.every((n) => n.type === 'text' && n.text.trim() === '');
}

// ── Go literals ───────────────────────────────────────────────────────────────────────────

/** strconv.ParseInt(text, 0, 64): decimal, 0x, 0o, 0b, leading-0 octal, underscores; a bigint past 2^53 (see GoInt). */
export function parseGoInt(text: string): number | bigint | undefined {
  const v = parseIntegerText(text);
  if (v === undefined || v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return exactInt(v);
}

/** strconv.ParseUint(text, 0, 64): the same forms without a sign. */
function parseGoUint(text: string): bigint | undefined {
  if (text[0] === '+' || text[0] === '-') return undefined;
  const v = parseIntegerText(text);
  return v !== undefined && v <= 18446744073709551615n ? v : undefined;
}

/** The integer a Go literal with an optional sign and base prefix spells, of any size. */
function parseIntegerText(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  let body = s;
  let prefixed = false;
  if (/^0[xX]/.test(s)) [base, body, prefixed] = [16, s.slice(2), true];
  else if (/^0[oO]/.test(s)) [base, body, prefixed] = [8, s.slice(2), true];
  else if (/^0[bB]/.test(s)) [base, body, prefixed] = [2, s.slice(2), true];
  else if (/^0./.test(s)) [base, body, prefixed] = [8, s.slice(1), true];
  if (body.includes('_')) {
    // Underscores only between digits or after a base prefix.
    const check = (prefixed ? '_' : '') + body;
    if (!prefixed && body.startsWith('_')) return undefined;
    if (/__|_$/.test(check) || (!prefixed && /^_/.test(check))) return undefined;
    body = body.replace(/_/g, '');
  }
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!digits.test(body)) return undefined;
  const v = BigInt((base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '') + body);
  return neg ? -v : v;
}

/** strconv.ParseFloat(text, 64) for the forms the lexer lets through. */
export function parseGoFloat(text: string): number | undefined {
  const s = text.replace(/_/g, '');
  if (/^[+-]?0[xX]/.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
    if (!m || (m[2] === '' && !m[3])) return undefined;
    const mant = parseInt((m[2] || '0') + (m[3] ?? ''), 16) / 16 ** (m[3]?.length ?? 0);
    const v = mant * 2 ** Number(m[4]);
    return m[1] === '-' ? -v : v;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** strconv.Unquote for "…" and `…` literals; undefined when the literal is malformed. */
export function goUnquote(q: string): string | undefined {
  if (q.length < 2) return undefined;
  if (q[0] === '`') {
    if (q[q.length - 1] !== '`') return undefined;
    return q.slice(1, -1).replace(/\r/g, '');
  }
  if (q[0] !== '"' || q[q.length - 1] !== '"') return undefined;
  const body = q.slice(1, -1);
  const bytes: number[] = [];
  const pushText = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === '"' || c === '\n') return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e !== undefined && e in simple) {
      pushText(simple[e]!);
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      const v = parseInt(hex, 16);
      i += n;
      if (e === 'x') bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
        pushText(String.fromCodePoint(v));
      }
      continue;
    }
    if (e !== undefined && e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const v = parseInt(oct, 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 2;
      continue;
    }
    return undefined;
  }
  return goString(Uint8Array.from(bytes));
}

/** The code point of a Go rune literal 'x', or undefined when malformed. */
function unquoteChar(q: string): number | undefined {
  if (q.length < 3 || q[0] !== "'" || q[q.length - 1] !== "'") return undefined;
  const body = q.slice(1, -1);
  if (body === "\\'") return 39;
  const asString = goUnquote('"' + body.replace(/\\'/g, "'") + '"');
  if (asString === undefined || body === '"') return body === '"' ? 34 : undefined;
  const cps = [...asString];
  if (cps.length !== 1) return undefined;
  return cps[0]!.codePointAt(0);
}
