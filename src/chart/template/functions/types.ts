// How template functions are declared: their Go parameter types (checked exactly as Go's
// reflection-based call checks them) and an implementation over Go values.

import type { ParamType, Val } from '../../../go/values.js';

/** An error a function returns (or a panic it raises); the engine reports "error calling NAME: …". */
export class FuncError {
  constructor(readonly message: string) {}
}

/** What functions that render templates (include, tpl) need from the engine. */
export interface CallContext {
  include(name: string, data: Val): string;
  tpl(text: string, data: Val): string;
  /** Refuses, before it is built, a string of `length` characters the render's output budget cannot hold. */
  reserve(length: number): void;
  /** Refuses, before it is built, a list of `count` items the render's work budget cannot hold (one step each). */
  reserveItems(count: number): void;
}

export interface FuncDef {
  /** Fixed parameters. */
  params: ParamType[];
  /** Element type of a trailing variadic parameter. */
  variadic?: ParamType;
  call(args: Val[], ctx: CallContext): Val;
}

export type FuncTable = Record<string, FuncDef>;

/** Shorthand for declaring a function. */
export function fn(params: ParamType[], call: (args: Val[], ctx: CallContext) => Val, variadic?: ParamType): FuncDef {
  return variadic ? { params, variadic, call } : { params, call };
}

/** The Go spelling of a parameter type, for error messages. */
export function paramTypeName(t: ParamType): string {
  switch (t) {
    case 'any':
      return 'interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'value':
      return 'reflect.Value';
    case 'list':
      return '[]interface {}';
    case 'time':
      return 'time.Time';
    case 'certificate':
      return 'sprig.certificate';
    default:
      return t;
  }
}
