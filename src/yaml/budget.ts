// How much YAML a reader builds: a file under the size cap can still hold a million flow-list
// items (2 MB of `1,`), and a small file can expand through aliases to a billion nodes. Both
// are bounded by node counts, as go-yaml bounds alias expansion by the nodes it decodes.

import { CST, Lexer, Parser } from 'yaml';

/**
 * The most nodes a document may be written with, counted by the lexer before anything is
 * built (building the document costs far more per node than lexing it). Real Compose and
 * values files hold a few thousand.
 */
export const WRITTEN_NODE_LIMIT = 100_000;

/**
 * The most nodes a document may expand to, aliases and merge keys included: a 10 000-item
 * anchor used 100 times is a million nodes, a gigabyte by the time every one has a position.
 */
export const EXPANDED_NODE_LIMIT = 100_000;

/** The lexer's tokens that begin a node: scalars, aliases, flow collections, list items. */
const NODE_TOKENS = new Set<string>([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'alias',
  'flow-map-start',
  'flow-seq-start',
  'seq-item-ind',
]);

/** The lexer's tokens of a text, and what the reader needs to know of them before building anything. */
export interface LexedText {
  /** The tokens in order; cut short when the text holds more than the limit of nodes. */
  tokens: string[];
  /** The nodes the text is written with, counted up to one past the limit. */
  written: number;
  /** Whether the text holds an alias (`*name`): without one, no anchor needs resolving. */
  hasAliases: boolean;
}

/**
 * Lexes `text` once, counting its nodes and stopping once the count passes `limit`: the
 * reader refuses a text over the limit before building it, and otherwise parses these tokens
 * (lexing the text a second time for the parser cost as much as the count).
 */
export function lexCounted(text: string, limit = WRITTEN_NODE_LIMIT): LexedText {
  const tokens: string[] = [];
  let written = 0;
  let hasAliases = false;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'alias') hasAliases = true;
    if (type && NODE_TOKENS.has(type) && ++written > limit) break;
    tokens.push(token);
  }
  return { tokens, written, hasAliases };
}

/**
 * The deepest a document may nest collections. The YAML library composes a document
 * recursively, and a thousand levels (`[[[…]]]`, `- - - …`, or mappings indented a column
 * deeper on each line) overflow its stack; deeper still, the process aborts. Real Compose
 * and values files nest a dozen levels.
 */
export const NESTING_LIMIT = 256;

/** The lexer's markers that stand for no text of the source (document and flow modes). */
const MARKERS = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR, CST.BOM]);

/**
 * The offset where `text` first nests collections more than `limit` levels deep, or
 * undefined. A lexer pass bounds the depth from above (flow brackets open, indentation and
 * block indicators on a line; a block collection nested in another sits at least a column
 * further in, or on its parent's line, or is a list at its parent key's column); only when
 * that bound passes `limit` does the parser, which keeps its open collections on a stack
 * rather than in recursion, measure the depth itself. `tokens` are the text's lexemes, when a
 * caller has lexed it already.
 */
export function overNested(text: string, limit = NESTING_LIMIT, tokens: Iterable<string> = new Lexer().lex(text)): number | undefined {
  let flow = 0;
  let indent = 0;
  let indicators = 0;
  let atLineStart = true;
  let bound = 0;
  for (const token of tokens) {
    switch (CST.tokenType(token)) {
      case 'flow-map-start':
      case 'flow-seq-start':
        flow++;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flow--;
        break;
      case 'newline':
        atLineStart = true;
        indent = 0;
        indicators = 0;
        continue;
      case 'space':
        if (atLineStart) indent = token.length;
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
        indicators++;
        break;
    }
    atLineStart = false;
    bound = Math.max(bound, flow + 2 * (indent + indicators) + 1);
    if (bound > limit) return measuredOverNesting(text, limit);
  }
  return undefined;
}

function measuredOverNesting(text: string, limit: number): number | undefined {
  const parser = new Parser();
  let offset = 0;
  for (const lexeme of new Lexer().lex(text)) {
    // The documents are not kept: only the depth of what is open matters.
    for (const _document of parser.next(lexeme));
    // The stack holds the document, then each open collection (and the scalar being read).
    if (parser.stack.length > limit + 2) return offset;
    if (!MARKERS.has(lexeme)) offset += lexeme.length;
  }
  return undefined;
}
