// Syntax tree of a Go text/template. Every node keeps `pos`, its offset in the template text.

export interface ListNode {
  type: 'list';
  pos: number;
  nodes: Node[];
}
export interface TextNode {
  type: 'text';
  pos: number;
  text: string;
}
export interface ActionNode {
  type: 'action';
  pos: number;
  pipe: PipeNode;
}
export interface IfNode {
  type: 'if' | 'with';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface RangeNode {
  type: 'range';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface TemplateNode {
  type: 'template';
  pos: number;
  name: string;
  pipe?: PipeNode;
}
export interface BreakNode {
  type: 'break' | 'continue';
  pos: number;
}
export type Node = ListNode | TextNode | ActionNode | IfNode | RangeNode | TemplateNode | BreakNode;

export interface PipeNode {
  type: 'pipe';
  pos: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  type: 'command';
  pos: number;
  args: Arg[];
}
/** `.A.B` — fields on dot. */
export interface FieldNode {
  type: 'field';
  pos: number;
  ident: string[];
}
/** `$x.A.B` — a variable and fields on it; ident[0] is the variable name with its `$`. */
export interface VariableNode {
  type: 'variable';
  pos: number;
  ident: string[];
}
/** `(pipeline).A.B` — fields on the result of a term. */
export interface ChainNode {
  type: 'chain';
  pos: number;
  node: Arg;
  field: string[];
}
export interface IdentifierNode {
  type: 'identifier';
  pos: number;
  name: string;
}
export interface DotNode {
  type: 'dot';
  pos: number;
}
export interface NilNode {
  type: 'nil';
  pos: number;
}
export interface BoolNode {
  type: 'bool';
  pos: number;
  value: boolean;
}
export interface NumberNode {
  type: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  /** The int64 value (a bigint past 2^53, as GoInt holds it). */
  int: number | bigint;
  /** The value of an unsigned literal past int64's range (Go's IsUint without IsInt). */
  uint?: bigint;
  float: number;
}
export interface StringNode {
  type: 'string';
  pos: number;
  /** The literal as written, quotes included. */
  quoted: string;
  text: string;
}
export type Arg =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** A parsed template: its body and the text it came from (for positions). */
export interface Tree {
  name: string;
  root: ListNode;
  text: string;
}

/** The source form of an expression, as Go prints it in "at <...>" error context. */
export function argString(n: Arg | CommandNode): string {
  switch (n.type) {
    case 'field':
      return '.' + n.ident.join('.');
    case 'variable':
      return n.ident.join('.');
    case 'chain': {
      const inner = n.node.type === 'pipe' ? `(${argString(n.node)})` : argString(n.node);
      return inner + '.' + n.field.join('.');
    }
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.value);
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${argString(a)})` : argString(a))).join(' ');
    case 'pipe': {
      const decl = n.decl.length > 0 ? n.decl.map((d) => d.ident.join('.')).join(', ') + (n.isAssign ? ' = ' : ' := ') : '';
      return decl + n.cmds.map((c) => argString(c)).join(' | ');
    }
  }
}
