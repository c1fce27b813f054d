// Executes parsed templates with text/template's semantics as Helm configures them
// (missingkey=zero, "<no value>" removed from tpl output, include/tpl bound to the current set).

import { type Arg, type ChainNode, type CommandNode, type FieldNode, type ListNode, type Node, type PipeNode, type Tree, argString } from './ast.js';
import { printForTemplate } from '../../go/fmt.js';
import {
  GoInt,
  GoStruct,
  type GoValue,
  type ParamType,
  type Val,
  containerTag,
  isGoMap,
  isTrue,
  mapGet,
  methodsOf,
  sortedKeys,
  typeName,
  zeroOf,
} from '../../go/values.js';
import { type CallContext, type FuncDef, FuncError, type FuncTable, paramTypeName } from './functions/types.js';
import { ParseError, parseTemplate, type ParseResult } from './parser.js';
import { OutputBudgetExceeded, RenderBudget, WorkBudgetExceeded } from './budget.js';

/** reflect.Value's String(): a string's text, else the value's type in angle brackets. */
function reflectValueString(v: Val): string {
  if (typeof v === 'string') return v;
  return v === undefined ? '<invalid Value>' : `<${typeName(v)} Value>`;
}

/** Where an offset of a template text is as Go's errors say it: the line, and the byte column from 0. */
function goPosition(text: string, offset: number): { line: number; col: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: Buffer.byteLength(text.slice(lineStart, offset), 'utf8') };
}

/** A failure while executing, at an offset of the template text it occurred in. */
export class ExecError {
  constructor(
    readonly message: string,
    readonly offset: number,
    /** The text the offset refers to. */
    readonly text: string,
  ) {}
}

/**
 * A render passed its output budget or its work budget (budget.ts): located like any error,
 * at the node that passed it, and told apart by the budget and its limit.
 */
export class BudgetError extends ExecError {
  constructor(
    message: string,
    offset: number,
    text: string,
    readonly budget: 'output' | 'work',
    readonly limit: number,
  ) {
    super(message, offset, text);
  }
}

/** JavaScript's own refusal of a string or list too long to build: past any budget. */
function isLengthError(e: unknown): boolean {
  // No regular expression here: this runs where the stack may be all but used up.
  return e instanceof RangeError && (e.message === 'Invalid string length' || e.message === 'Invalid array length' || e.message === 'Invalid typed array length');
}

/** A named template written in TypeScript (the chart's helpers), rendered against a dot value. */
export type NativeTemplate = (h: NativeHelpers, dot: Val) => string;

export type TemplateDef = { kind: 'tree'; tree: Tree } | { kind: 'native'; render: NativeTemplate };

/** The operations native templates are written with; each behaves as the template construct it names. */
export interface NativeHelpers {
  /** `.a.b` on a value that came from a map of interface{} (boxed) or from a pipeline. */
  field(receiver: Val, path: string[], boxed?: boolean): Val;
  /** A function call; an argument that is a pipeline's result holds no nil (see `piped`). */
  call(name: string, args: Val[]): Val;
  include(name: string, data: Val): string;
  /** What an action `{{ x }}` prints. */
  print(v: Val): string;
  isTrue(v: Val): boolean;
  /** `range` over a value with one or two variables; `boxed` says the elements are interface{}. */
  range(v: Val, variables: 1 | 2, body: (key: Val, value: Val, boxed: boolean) => void): void;
}

/** Go's maximum template nesting is far deeper than a JS stack allows; this bound stays safe. */
const MAX_TEMPLATE_DEPTH = 1000;
/** Helm refuses an include chain that re-enters one name more than this many times. */
const INCLUDE_RECURSION_LIMIT = 1000;

class BreakSignal {}
class ContinueSignal {}
const breakSignal = new BreakSignal();
const continueSignal = new ContinueSignal();

interface Variable {
  name: string;
  value: Val;
  boxed: boolean;
}

/** One template execution: Go's `state`. */
class Frame {
  out: string[] = [];
  vars: Variable[];
  /** Offset of the node being evaluated, for errors. */
  at = 0;
  /** The expression being evaluated, for "at <…>" in errors. */
  context = '';
  constructor(
    readonly name: string,
    readonly text: string,
    dot: Val,
    dotBoxed: boolean,
  ) {
    this.vars = [{ name: '$', value: dot, boxed: dotBoxed }];
  }
}

interface Dot {
  value: Val;
  boxed: boolean;
}

/** Whether a function name has a special implementation in the evaluator. */
const shortCircuit = new Set(['and', 'or']);

/**
 * Parsed templates by function table, name and text. The same additionalResources template
 * (and the same `tpl` text inside it) is executed once per entry and per file a check walks;
 * lexing and parsing it each time was most of the cost. Trees are never changed by execution,
 * so one parse serves every run. Bounded: a file with thousands of distinct texts must not
 * keep them all.
 */
const parsedTemplates = new WeakMap<FuncTable, Map<string, ParseResult | ParseError>>();
const PARSED_TEMPLATES_KEPT = 512;

/** parseTemplate, once per function table, name and text. */
export function parseTemplateOnce(name: string, text: string, funcs: FuncTable): ParseResult | ParseError {
  let cache = parsedTemplates.get(funcs);
  if (!cache) parsedTemplates.set(funcs, (cache = new Map()));
  const key = `${name}\0${text}`;
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = parseTemplate(name, text, (fn) => Object.prototype.hasOwnProperty.call(funcs, fn));
    if (cache.size >= PARSED_TEMPLATES_KEPT) cache.delete(cache.keys().next().value!);
    cache.set(key, parsed);
  }
  return parsed;
}

export class Execution implements CallContext {
  private depth = 0;
  private readonly includeCounts = new Map<string, number>();
  private current: Frame | undefined;

  constructor(
    private readonly templates: Map<string, TemplateDef>,
    private readonly funcs: FuncTable,
    /** Shared by every template the render runs, tpl's included. */
    private readonly budget: RenderBudget = new RenderBudget(),
  ) {}

  reserve(length: number): void {
    this.budget.reserve(length);
  }

  reserveItems(count: number): void {
    this.budget.reserveSteps(count);
  }

  /** One step of work (budget.ts), refused at the frame's node past the budget. */
  private step(frame: Frame): void {
    try {
      this.budget.step();
    } catch (e) {
      if (e instanceof WorkBudgetExceeded) this.failBudget(frame, 'work', e.limit);
      throw e;
    }
  }

  /** Output of a template: counted against the budget as it is produced. */
  private emit(frame: Frame, text: string): void {
    this.guarded(frame, () => this.budget.charge(text.length));
    frame.out.push(text);
  }

  /** Runs `produce`; a budget refusal (or JavaScript's) becomes an error located at the frame. */
  private guarded<T>(frame: Frame, produce: () => T): T {
    try {
      return produce();
    } catch (e) {
      if (e instanceof OutputBudgetExceeded) this.failBudget(frame, 'output', e.limit);
      if (e instanceof WorkBudgetExceeded) this.failBudget(frame, 'work', e.limit);
      if (isLengthError(e)) this.failBudget(frame, 'output', this.budget.outputLimit);
      throw e;
    }
  }

  private failBudget(frame: Frame, budget: 'output' | 'work', limit: number): never {
    const where = frame.context ? `executing ${JSON.stringify(frame.name)} at <${frame.context}>: ` : `executing ${JSON.stringify(frame.name)}: `;
    const passes = budget === 'output' ? `the render's output passes its budget of ${limit} characters` : `the render passes its work budget of ${limit} steps`;
    throw new BudgetError(where + passes, frame.at, frame.text, budget, limit);
  }

  hasFunction = (name: string): boolean => Object.prototype.hasOwnProperty.call(this.funcs, name);

  /** Run a tree with the given dot and return its output. */
  run(tree: Tree, dot: Val, dotBoxed = false): string {
    const frame = new Frame(tree.name, tree.text, dot, dotBoxed);
    const saved = this.current;
    this.current = frame;
    this.depth++;
    try {
      if (this.depth > MAX_TEMPLATE_DEPTH) this.fail(frame, `exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
      this.walk(frame, { value: dot, boxed: dotBoxed }, tree.root);
    } catch (e) {
      if (isLengthError(e)) this.failBudget(frame, 'output', this.budget.outputLimit);
      if (e instanceof RangeError) this.fail(frame, `exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
      throw e;
    } finally {
      this.depth--;
      this.current = saved;
    }
    return frame.out.join('');
  }

  private fail(frame: Frame, message: string): never {
    const where = frame.context ? `executing ${JSON.stringify(frame.name)} at <${frame.context}>: ` : `executing ${JSON.stringify(frame.name)}: `;
    throw new ExecError(where + message, frame.at, frame.text);
  }

  private at(frame: Frame, pos: number, context: string): void {
    frame.at = pos;
    frame.context = context;
  }

  // ── statements ──────────────────────────────────────────────────────────────────────────
  private walk(frame: Frame, dot: Dot, node: Node): void {
    this.step(frame);
    switch (node.type) {
      case 'list':
        for (const n of node.nodes) this.walk(frame, dot, n);
        return;
      case 'text':
        this.emit(frame, node.text);
        return;
      case 'action': {
        const v = this.evalPipeline(frame, dot, node.pipe);
        if (node.pipe.decl.length === 0) this.emit(frame, this.guarded(frame, () => printForTemplate(v)));
        return;
      }
      case 'if':
      case 'with':
        return this.walkIfOrWith(frame, dot, node.type, node.pipe, node.list, node.elseList);
      case 'range':
        return this.walkRange(frame, dot, node);
      case 'template':
        return this.walkTemplate(frame, dot, node.pos, node.name, node.pipe);
      case 'break':
        throw breakSignal;
      case 'continue':
        throw continueSignal;
    }
  }

  private walkIfOrWith(frame: Frame, dot: Dot, kind: 'if' | 'with', pipe: PipeNode, list: ListNode, elseList?: ListNode): void {
    const mark = frame.vars.length;
    try {
      const v = this.evalPipeline(frame, dot, pipe);
      if (isTrue(v)) {
        this.walk(frame, kind === 'with' ? { value: v, boxed: false } : dot, list);
      } else if (elseList) {
        this.walk(frame, dot, elseList);
      }
    } finally {
      frame.vars.length = mark;
    }
  }

  private walkRange(frame: Frame, dot: Dot, node: Extract<Node, { type: 'range' }>): void {
    const outer = frame.vars.length;
    try {
      const val = this.evalPipeline(frame, dot, node.pipe);
      const mark = frame.vars.length;
      const decl = node.pipe.decl;
      const oneIteration = (index: Val, elem: Val, elemBoxed: boolean): boolean => {
        if (decl.length > 0) {
          if (node.pipe.isAssign) {
            this.setVar(frame, decl[0]!.ident[0]!, decl.length > 1 ? index : elem, decl.length > 1 ? false : elemBoxed);
          } else {
            frame.vars[frame.vars.length - 1] = { name: frame.vars[frame.vars.length - 1]!.name, value: elem, boxed: elemBoxed };
          }
        }
        if (decl.length > 1) {
          if (node.pipe.isAssign) this.setVar(frame, decl[1]!.ident[0]!, elem, elemBoxed);
          else frame.vars[frame.vars.length - 2] = { name: frame.vars[frame.vars.length - 2]!.name, value: index, boxed: false };
        }
        try {
          this.walk(frame, { value: elem, boxed: elemBoxed }, node.list);
        } catch (e) {
          if (e === breakSignal) return false;
          if (e !== continueSignal) throw e;
        } finally {
          frame.vars.length = mark;
        }
        return true;
      };
      let ran = false;
      if (Array.isArray(val)) {
        const boxed = containerTag(val).elem === 'interface {}';
        for (let i = 0; i < val.length; i++) {
          ran = true;
          if (!oneIteration(new GoInt(i), val[i] as Val, boxed)) break;
        }
      } else if (isGoMap(val)) {
        const boxed = containerTag(val).elem === 'interface {}';
        for (const k of sortedKeys(val)) {
          ran = true;
          if (!oneIteration(k, val[k] as Val, boxed)) break;
        }
      } else if (val instanceof GoInt) {
        this.at(frame, node.pipe.pos, argString(node.pipe));
        if (decl.length > 1) this.fail(frame, `can't use ${val.value} to iterate over more than one variable`);
        for (let i = 0; i < val.value; i++) {
          ran = true;
          if (!oneIteration(undefined, new GoInt(i, val.type), false)) break;
        }
      } else if (val !== undefined && val !== null) {
        this.at(frame, node.pipe.pos, argString(node.pipe));
        this.fail(frame, `range can't iterate over ${printForTemplate(val)}`);
      }
      if (!ran && node.elseList) this.walk(frame, dot, node.elseList);
    } finally {
      frame.vars.length = outer;
    }
  }

  private walkTemplate(frame: Frame, dot: Dot, pos: number, name: string, pipe: PipeNode | undefined): void {
    this.at(frame, pos, `template ${JSON.stringify(name)}`);
    const def = this.templates.get(name);
    if (!def) this.fail(frame, `template ${JSON.stringify(name)} not defined`);
    const value = pipe ? this.evalPipeline(frame, dot, pipe) : undefined;
    this.at(frame, pos, `template ${JSON.stringify(name)}`);
    const output = this.runDef(frame, name, def, value);
    // A tree's output was counted as it ran; a native template's is counted here.
    if (def.kind === 'native') this.emit(frame, output);
    else frame.out.push(output);
  }

  /** Run a named template; errors in native templates are placed at the caller. */
  private runDef(caller: Frame, name: string, def: TemplateDef, dot: Val): string {
    if (def.kind === 'tree') return this.run({ ...def.tree, name }, dot, false);
    this.depth++;
    try {
      if (this.depth > MAX_TEMPLATE_DEPTH) this.fail(caller, `exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
      return def.render(this.nativeHelpers(caller, name), dot);
    } finally {
      this.depth--;
    }
  }

  // ── pipelines and commands ──────────────────────────────────────────────────────────────
  private evalPipeline(frame: Frame, dot: Dot, pipe: PipeNode): Val {
    this.at(frame, pipe.pos, argString(pipe));
    let value: Val | typeof MISSING = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(frame, dot, cmd, value);
      // A nil interface{} result is "no value" once it leaves the command.
      if (value === null) value = undefined;
    }
    const result = value === MISSING ? undefined : value;
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(frame, v.ident[0]!, result, false);
      else frame.vars.push({ name: v.ident[0]!, value: result, boxed: false });
    }
    return result;
  }

  private setVar(frame: Frame, name: string, value: Val, boxed: boolean): void {
    for (let i = frame.vars.length - 1; i >= 0; i--) {
      if (frame.vars[i]!.name === name) {
        frame.vars[i] = { name, value, boxed };
        return;
      }
    }
    this.fail(frame, `undefined variable: ${name}`);
  }

  private varValue(frame: Frame, name: string): Variable {
    for (let i = frame.vars.length - 1; i >= 0; i--) if (frame.vars[i]!.name === name) return frame.vars[i]!;
    this.fail(frame, `undefined variable: ${name}`);
  }

  private evalCommand(frame: Frame, dot: Dot, cmd: CommandNode, final: Val | typeof MISSING): Val {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldChain(frame, dot, dot.value, dot.boxed, first, first.ident, cmd.args, final).value;
      case 'chain':
        return this.evalChain(frame, dot, first, cmd.args, final).value;
      case 'identifier':
        return this.evalFunction(frame, dot, first.name, first.pos, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(frame, cmd.args, final);
        return this.evalPipeline(frame, dot, first);
      case 'variable': {
        const v = this.varValue(frame, first.ident[0]!);
        if (first.ident.length === 1) {
          this.at(frame, first.pos, argString(first));
          this.notAFunction(frame, cmd.args, final);
          return v.value;
        }
        return this.evalFieldChain(frame, dot, v.value, v.boxed, first, first.ident.slice(1), cmd.args, final).value;
      }
    }
    this.at(frame, first.pos, argString(first));
    this.notAFunction(frame, cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot.value;
      case 'nil':
        this.fail(frame, 'nil is not a command');
      case 'number':
        return this.idealConstant(frame, first);
      case 'string':
        return first.text;
    }
  }

  private notAFunction(frame: Frame, args: Arg[], final: Val | typeof MISSING): void {
    if (args.length > 1 || final !== MISSING) this.fail(frame, `can't give argument to non-function ${argString(args[0]!)}`);
  }

  private idealConstant(frame: Frame, n: Extract<Arg, { type: 'number' }>): Val {
    const hexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return new GoInt(n.int);
    this.fail(frame, `${n.text} overflows int`);
  }

  private evalChain(frame: Frame, dot: Dot, chain: ChainNode, args: Arg[], final: Val | typeof MISSING): Dot {
    if (chain.node.type === 'nil') {
      this.at(frame, chain.pos, argString(chain));
      this.fail(frame, `indirection through explicit nil in ${argString(chain)}`);
    }
    const receiver = this.evalArg(frame, dot, undefined, chain.node);
    return this.evalFieldChain(frame, dot, receiver, false, chain, chain.field, args, final);
  }

  private evalFieldChain(
    frame: Frame,
    dot: Dot,
    receiver: Val,
    boxed: boolean,
    node: FieldNode | ChainNode | Extract<Arg, { type: 'variable' }>,
    ident: string[],
    args: Arg[],
    final: Val | typeof MISSING,
  ): Dot {
    this.at(frame, node.pos, argString(node));
    let cur: Dot = { value: receiver, boxed };
    for (let i = 0; i < ident.length - 1; i++) cur = this.evalField(frame, dot, ident[i]!, [], MISSING, cur);
    return this.evalField(frame, dot, ident[ident.length - 1]!, args, final, cur);
  }

  /** `.name` on a receiver: a method call, a struct field or a map entry. */
  private evalField(frame: Frame, dot: Dot, name: string, args: Arg[], final: Val | typeof MISSING, receiver: Dot): Dot {
    const r = receiver.value;
    if (r === undefined) return { value: undefined, boxed: false };
    const typ = receiver.boxed ? 'interface {}' : typeName(r);
    if (r === null) this.fail(frame, `nil pointer evaluating ${typ}.${name}`);
    const method = methodsOf(r)?.[name];
    if (method) {
      const def: FuncDef = { params: method.params, call: (a) => method.call(a as GoValue[]) };
      return { value: this.evalCall(frame, dot, def, name, args, final), boxed: false };
    }
    const hasArgs = args.length > 1 || final !== MISSING;
    if (r instanceof GoStruct) {
      if (r.fields.has(name)) {
        if (hasArgs) this.fail(frame, `${name} has arguments but cannot be invoked as function`);
        return { value: r.fields.get(name), boxed: false };
      }
    } else if (isGoMap(r)) {
      if (hasArgs) this.fail(frame, `${name} is not a method but has arguments`);
      const tag = containerTag(r);
      const v = mapGet(r, name);
      return { value: v === undefined ? zeroOf(tag.elem) : v, boxed: tag.elem === 'interface {}' };
    }
    this.fail(frame, `can't evaluate field ${name} in type ${typ}`);
  }

  private evalFunction(frame: Frame, dot: Dot, name: string, pos: number, cmd: CommandNode, args: Arg[], final: Val | typeof MISSING): Val {
    this.at(frame, pos, name);
    const def = this.funcs[name];
    if (!def) this.fail(frame, `${JSON.stringify(name)} is not a defined function`);
    if (shortCircuit.has(name)) return this.evalAndOr(frame, dot, name, args, final);
    return this.evalCall(frame, dot, def, name, args, final, { pos: cmd.pos, context: argString(cmd) });
  }

  private evalAndOr(frame: Frame, dot: Dot, name: string, args: Arg[], final: Val | typeof MISSING): Val {
    const operands = args.slice(1);
    const count = operands.length + (final !== MISSING ? 1 : 0);
    if (count < 1) this.fail(frame, `wrong number of args for ${name}: want at least 1 got ${operands.length}`);
    let v: Val;
    for (const a of operands) {
      v = this.evalArg(frame, dot, 'value', a);
      if (isTrue(v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = final;
    return v;
  }

  /** Call a function or method; `cmd` is where a failing call is reported (Go reports the whole command). */
  private evalCall(
    frame: Frame,
    dot: Dot,
    def: FuncDef,
    name: string,
    args: Arg[],
    final: Val | typeof MISSING,
    cmd: { pos: number; context: string } = { pos: frame.at, context: frame.context },
  ): Val {
    const operands = args.slice(1);
    const numIn = operands.length + (final !== MISSING ? 1 : 0);
    const numFixed = def.variadic ? def.params.length : operands.length;
    if (def.variadic) {
      if (numIn < numFixed) this.fail(frame, `wrong number of args for ${name}: want at least ${def.params.length} got ${operands.length}`);
    } else if (numIn !== def.params.length) {
      this.fail(frame, `wrong number of args for ${name}: want ${def.params.length} got ${numIn}`);
    }
    const argv: Val[] = [];
    let i = 0;
    for (; i < numFixed && i < operands.length; i++) argv.push(this.evalArg(frame, dot, def.params[i]!, operands[i]!));
    if (def.variadic) for (; i < operands.length; i++) argv.push(this.evalArg(frame, dot, def.variadic, operands[i]!));
    if (final !== MISSING) {
      const t = numIn - 1 < def.params.length ? def.params[numIn - 1]! : def.variadic!;
      argv.push(this.validateType(frame, final, t));
    }
    // Go's call builtin gets the callee's text first, to name it when it is no function.
    if (name === 'call') argv.unshift(operands.length > 0 ? argString(operands[0]!) : reflectValueString(final as Val));
    // A template called from here (include) reports its errors at this command.
    this.at(frame, cmd.pos, cmd.context);
    // A function's work grows with what it reads and what it returns.
    this.guarded(frame, () => {
      this.budget.step();
      for (const arg of argv) this.budget.handled(arg);
    });
    try {
      const result = this.guarded(frame, () => def.call(argv, this));
      // Whatever a function built must fit what is left, even before it is printed.
      this.guarded(frame, () => {
        if (typeof result === 'string') this.budget.reserve(result.length);
        this.budget.handled(result);
      });
      return result;
    } catch (e) {
      if (e instanceof FuncError) {
        this.fail(frame, `error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  /** Evaluate an argument for a parameter of type `typ` (undefined: no conversion). */
  private evalArg(frame: Frame, dot: Dot, typ: ParamType | undefined, n: Arg): Val {
    this.at(frame, n.pos, n.type === 'pipe' ? argString(n) : argString(n));
    switch (n.type) {
      case 'dot':
        return this.validateType(frame, dot.value, typ);
      case 'nil':
        // For a reflect.Value parameter Go passes the zero Value, which is "no value", not a nil interface.
        if (typ === 'value') return undefined;
        if (typ === undefined || typ === 'any' || typ === 'map' || typ === 'list') return null;
        this.fail(frame, `cannot assign nil to ${paramTypeName(typ)}`);
      case 'field': {
        const r = this.evalFieldChain(frame, dot, dot.value, dot.boxed, n, n.ident, [n], MISSING);
        return this.validateType(frame, r.value, typ);
      }
      case 'variable': {
        const v = this.varValue(frame, n.ident[0]!);
        const r = n.ident.length === 1 ? v : this.evalFieldChain(frame, dot, v.value, v.boxed, n, n.ident.slice(1), [n], MISSING);
        return this.validateType(frame, r.value, typ);
      }
      case 'pipe':
        return this.validateType(frame, this.evalPipeline(frame, dot, n), typ);
      case 'identifier': {
        const v = this.evalFunction(frame, dot, n.name, n.pos, { type: 'command', pos: n.pos, args: [n] }, [n], MISSING);
        return this.validateType(frame, v, typ);
      }
      case 'chain': {
        const r = this.evalChain(frame, dot, n, [n], MISSING);
        return this.validateType(frame, r.value, typ);
      }
    }
    const literal = argString(n);
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.fail(frame, `expected bool; found ${literal}`);
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float;
        this.fail(frame, `expected float; found ${literal}`);
      case 'int':
      case 'int64':
        if (n.type === 'number' && n.isInt) return new GoInt(n.int, typ);
        this.fail(frame, `expected integer; found ${literal}`);
      case 'uint32':
        // reflect's SetUint keeps the low 32 bits of a larger constant.
        if (n.type === 'number' && ((n.isInt && n.int >= 0) || n.uint !== undefined)) return new GoInt(BigInt(n.uint ?? n.int), 'uint32');
        this.fail(frame, `expected unsigned integer; found ${literal}`);
      case 'string':
        if (n.type === 'string') return n.text;
        this.fail(frame, `expected string; found ${literal}`);
      case 'map':
      case 'list':
      case 'time':
      case 'certificate':
        this.fail(frame, `can't handle ${literal} for arg of type ${paramTypeName(typ)}`);
      default:
        // interface{} (and reflect.Value): the literal's own type.
        if (n.type === 'bool') return n.value;
        if (n.type === 'string') return n.text;
        return this.idealConstant(frame, n);
    }
  }

  /** Go's validateType: is a computed value assignable to the parameter? */
  private validateType(frame: Frame, value: Val, typ: ParamType | undefined): Val {
    if (typ === undefined || typ === 'any' || typ === 'value') return value === undefined && typ !== 'value' ? null : value;
    if (value === undefined) {
      if (typ === 'map' || typ === 'list') return null;
      this.fail(frame, `invalid value; expected ${paramTypeName(typ)}`);
    }
    if (value === null) this.fail(frame, `wrong type for value; expected ${paramTypeName(typ)}; got interface {}`);
    let ok: boolean;
    switch (typ) {
      case 'string':
        ok = typeof value === 'string';
        break;
      case 'bool':
        ok = typeof value === 'boolean';
        break;
      case 'float64':
        ok = typeof value === 'number';
        break;
      case 'int':
      case 'int64':
      case 'uint32':
        ok = value instanceof GoInt && value.type === typ;
        break;
      case 'list':
        ok = Array.isArray(value) && containerTag(value).name === '[]interface {}';
        break;
      case 'certificate':
        ok = value instanceof GoStruct && value.typeName === 'sprig.certificate';
        break;
      case 'time':
        ok = value instanceof GoStruct && value.typeName === 'time.Time';
        break;
      case 'map':
        ok = isGoMap(value) && containerTag(value).elem === 'interface {}' && containerTag(value).name !== 'map[string]string';
        break;
    }
    if (!ok) this.fail(frame, `wrong type for value; expected ${paramTypeName(typ)}; got ${typeName(value)}`);
    return value;
  }

  // ── include / tpl (CallContext) ─────────────────────────────────────────────────────────
  include(name: string, data: Val): string {
    const frame = this.current!;
    const count = this.includeCounts.get(name) ?? 0;
    if (count > INCLUDE_RECURSION_LIMIT) throw new FuncError(`rendering template has a nested reference name: ${name}: unable to execute template`);
    const def = this.templates.get(name);
    if (!def) throw new FuncError(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(frame.name)}`);
    this.includeCounts.set(name, count + 1);
    try {
      return this.runDef(frame, name, def, data);
    } catch (e) {
      if (e instanceof BudgetError) throw e;
      // An error inside a template of another text cannot point into this one: report it here.
      if (e instanceof ExecError) {
        if (e.text !== frame.text) throw new FuncError(e.message);
        // A recursive include fails once, deep down; one prefix says so.
        const message = e.message.startsWith('error calling include: ') ? e.message : `error calling include: ${e.message}`;
        throw new ExecError(message, e.offset, e.text);
      }
      throw e;
    } finally {
      this.includeCounts.set(name, count);
    }
  }

  tpl(text: string, data: Val): string {
    const frame = this.current!;
    const templates = new Map(this.templates);
    const parsed = parseTemplateOnce(frame.name, text, this.funcs);
    if (parsed instanceof ParseError) {
      throw new FuncError(`cannot parse template ${JSON.stringify(text)}: template: ${frame.name}:${goPosition(text, parsed.offset).line}: ${parsed.message}`);
    }
    for (const t of parsed.defined) templates.set(t.name, { kind: 'tree', tree: t });
    const inner = new Execution(templates, this.funcs, this.budget);
    try {
      return inner.run(parsed.main, data).replaceAll('<no value>', '');
    } catch (e) {
      if (e instanceof BudgetError) throw e;
      if (e instanceof ExecError) {
        // Go's ExecError names the template and the position of the failing action in it.
        const at = e.text === text ? goPosition(text, e.offset) : undefined;
        const where = at ? `template: ${frame.name}:${at.line}:${at.col}: ` : '';
        throw new FuncError(`error during tpl function execution for ${JSON.stringify(text)}: ${where}${e.message}`);
      }
      throw e;
    }
  }

  // ── native templates ────────────────────────────────────────────────────────────────────
  private nativeHelpers(caller: Frame, name: string): NativeHelpers {
    // Errors in a native template point at the template call in the caller's text.
    const frame = new Frame(name, caller.text, undefined, false);
    const dot: Dot = { value: undefined, boxed: false };
    const reset = (context: string) => {
      frame.at = caller.at;
      frame.context = context;
    };
    return {
      field: (receiver, path, boxed = false) => {
        reset(path.map((p) => '.' + p).join(''));
        let cur: Dot = { value: receiver, boxed };
        for (const p of path) cur = this.evalField(frame, dot, p, [], MISSING, cur);
        return cur.value;
      },
      call: (fname, args) => {
        reset(fname);
        const def = this.funcs[fname]!;
        const argv = args.map((a, i) => this.validateType(frame, a, i < def.params.length ? def.params[i]! : def.variadic!));
        try {
          return this.guarded(frame, () => def.call(argv, this));
        } catch (e) {
          if (e instanceof FuncError) this.fail(frame, `error calling ${fname}: ${e.message}`);
          throw e;
        }
      },
      include: (tname, data) => {
        try {
          return this.include(tname, data);
        } catch (e) {
          if (e instanceof FuncError) {
            reset(`include ${JSON.stringify(tname)}`);
            this.fail(frame, `error calling include: ${e.message}`);
          }
          throw e;
        }
      },
      print: (v) => printForTemplate(v),
      isTrue,
      range: (v, variables, body) => {
        reset('range');
        if (Array.isArray(v)) {
          const elemBoxed = containerTag(v).elem === 'interface {}';
          v.forEach((x, i) => body(new GoInt(i), x, elemBoxed));
        } else if (isGoMap(v)) {
          const elemBoxed = containerTag(v).elem === 'interface {}';
          for (const k of sortedKeys(v)) body(k, v[k], elemBoxed);
        } else if (v instanceof GoInt) {
          if (variables > 1) this.fail(frame, `can't use ${v.value} to iterate over more than one variable`);
          for (let i = 0; i < v.value; i++) body(undefined, new GoInt(i, v.type), false);
        } else if (v !== undefined && v !== null) {
          this.fail(frame, `range can't iterate over ${printForTemplate(v)}`);
        }
      },
    };
  }
}

/** Marks "no final argument" in a pipeline. */
const MISSING: unique symbol = Symbol('missing');
