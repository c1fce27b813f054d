// How much YAML a reader builds: a file under the size cap can still hold a million flow-list
// items (2 MB of `1,`), and a small file can expand through aliases to a billion nodes. Both
// are bounded by node counts, as go-yaml bounds alias expansion by the nodes it decodes.

import { CST, Lexer } from 'yaml';

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
  return lex(text, limit, []);
}

/**
 * Counts the nodes `text` is written with, stopping once the count passes `limit` (so the
 * count of a hostile text costs no more than lexing `limit` nodes). Returns the count, which
 * is over `limit` exactly when the text holds too many.
 */
export function countWrittenNodes(text: string, limit = WRITTEN_NODE_LIMIT): number {
  return lex(text, limit, undefined).written;
}

function lex(text: string, limit: number, tokens: string[] | undefined): LexedText {
  let written = 0;
  let hasAliases = false;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === 'alias') hasAliases = true;
    if (type && NODE_TOKENS.has(type) && ++written > limit) break;
    tokens?.push(token);
  }
  return { tokens: tokens ?? [], written, hasAliases };
}
