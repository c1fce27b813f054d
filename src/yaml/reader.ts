// Pass 1 — parse: text → plain JSON tree + source map.
//
// YAML is read as Docker Compose reads it (go-yaml v3: YAML 1.2 core schema with Go's number
// syntax, so `user: 1000:10` and `yes` are strings and `0755` is octal; see
// src/yaml/compose-scalar.ts), with `<<` merge keys and aliases resolved. Every node's position is
// recorded by path, and aliased content is recorded under every path it appears at, so a
// diagnostic about a merged key points at the anchor that supplied it.
//
// Compose's two merge tags are read, not refused: `!reset` removes what earlier files set
// at its path (and the node itself, as compose-go removes it from the file), `!override`
// replaces it instead of merging; both are returned by path for the compose pass, which
// merges the files of a project.

import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, visit, type Document, type Node, type Pair } from 'yaml';
import type { Context } from '../base/diagnostics.js';
import type { ArgsOf } from '../base/messages.js';
import { SourceMap, type Loc, type NodeLoc, type SourceFile, type YamlPath } from '../base/source.js';
import { EXPANDED_NODE_LIMIT, lexCounted, NESTING_LIMIT, overNested, WRITTEN_NODE_LIMIT } from './budget.js';
import { resolveComposeScalar, resolveTaggedComposeScalar, type ComposeScalar } from './compose-scalar.js';
import {
  UnrepresentableNumber,
  helmKeyString,
  resolveHelmScalar,
  resolveTaggedHelmScalar,
} from './helm-scalar.js';

export interface ParseOptions {
  /** The most alias expansions a document may make (billion-laughs guard). */
  maxAliases?: number;
  /** The largest input accepted, in bytes. */
  maxBytes?: number;
  /**
   * How scalars are typed. 'yaml-1.2' (the default) is how Docker Compose reads YAML;
   * 'helm' is how Helm reads a values file (YAML 1.1 booleans, Go integer syntax,
   * numbers as float64, timestamps as text; ±Inf and NaN refused).
   */
  scalars?: 'yaml-1.2' | 'helm';
  /**
   * 'error' (the default) refuses a repeated mapping key; 'last-wins' keeps the later
   * value, as Helm does, and tells onDuplicateKey.
   */
  duplicateKeys?: 'error' | 'last-wins';
  onDuplicateKey?: (path: YamlPath, key: string, loc: Loc) => void;
}

export interface ParsedDocument {
  data: unknown;
  map: SourceMap;
  /** The nodes tagged `!reset` or `!override` (Compose dialect), in document order. */
  mergeTags?: MergeTag[];
}

/** A Compose merge tag: what earlier files set at `path` is removed (`!reset`) or replaced. */
export interface MergeTag {
  path: YamlPath;
  tag: '!reset' | '!override';
}

const MERGE_TAGS: ReadonlySet<string> = new Set(['!reset', '!override']);

const DEFAULT_MAX_ALIASES = 1000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

export function parse(file: SourceFile, ctx: Context, options: ParseOptions = {}): ParsedDocument | undefined {
  const docs = parseDocuments(file, ctx, options, false);
  return docs?.[0];
}

/**
 * Every document of a multi-document file (a Helm values file may hold several), in
 * order; empty documents are skipped. Each document has its own source map.
 */
export function parseAll(file: SourceFile, ctx: Context, options: ParseOptions = {}): ParsedDocument[] | undefined {
  return parseDocuments(file, ctx, options, true);
}

function parseDocuments(
  file: SourceFile,
  ctx: Context,
  options: ParseOptions,
  several: boolean,
): ParsedDocument[] | undefined {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxAliases = options.maxAliases ?? DEFAULT_MAX_ALIASES;
  const map = new SourceMap(file);
  if (Buffer.byteLength(file.text) > maxBytes) {
    ctx.report('C2A003', { loc: file.loc(0) }, { size: Buffer.byteLength(file.text), limit: maxBytes });
    return undefined;
  }
  const lexed = lexCounted(file.text);
  if (lexed.written > WRITTEN_NODE_LIMIT) {
    ctx.report('C2A352', { loc: file.loc(0) }, { limit: WRITTEN_NODE_LIMIT });
    return undefined;
  }
  const tooDeep = overNested(file.text, NESTING_LIMIT, lexed.tokens);
  if (tooDeep !== undefined) {
    ctx.report('C2A360', { loc: file.loc(tooDeep) }, { limit: NESTING_LIMIT });
    return undefined;
  }
  const helm = options.scalars === 'helm';
  const lastWins = options.duplicateKeys === 'last-wins';
  // The library's parseAllDocuments, from the tokens counted above rather than a second lexing.
  const composer = new Composer({
    version: helm ? '1.1' : '1.2',
    // Scalars are typed from the text as written, by resolveHelmScalar or resolveComposeScalar.
    schema: 'failsafe' as const,
    merge: true,
    uniqueKeys: !lastWins,
    prettyErrors: false,
    strict: true,
    // Tags the reader does not know (Compose's !reset and !override among them) are handled
    // below, as diagnostics or merge tags: no process warning is printed for them.
    logLevel: 'error',
  });
  const list: Document.Parsed[] = Array.from(composer.compose(parseTokens(lexed.tokens)));
  let failed = false;
  for (const doc of list) {
    for (const err of doc.errors) {
      failed = true;
      const [start, end] = err.pos;
      const loc = file.loc(start, end);
      const dup = /^Map keys must be unique/.test(err.message);
      if (dup) {
        // The parser's range covers the key's first character only: the key is read from there.
        const key = keyTextAt(file.text, start) ?? (file.text.slice(start, end).trim() || '?');
        ctx.report('C2A006', { loc: file.loc(start, start + Math.max(1, key.length)) }, { key });
      } else {
        ctx.report('C2A001', { loc }, syntaxProblem(err.code, firstLine(err.message)));
      }
    }
  }
  if (failed) return undefined;
  const walk: Walk = {
    helm,
    onDuplicateKey: lastWins ? (options.onDuplicateKey ?? (() => {})) : undefined,
    mergeTags: [],
  };
  const tagged = (): Pick<ParsedDocument, 'mergeTags'> => {
    const mergeTags = walk.mergeTags.splice(0);
    return mergeTags.length > 0 ? { mergeTags } : {};
  };
  // One budget for every document of the file: many small documents expand no further than one.
  const expanded = { nodes: 0 };
  if (several) {
    const out: ParsedDocument[] = [];
    for (const doc of list) {
      if (doc.contents === null) continue;
      const docMap = new SourceMap(file);
      const counter = aliasCounter(doc, maxAliases, expanded, lexed.hasAliases);
      const data = toPlain(doc, doc.contents as Node, [], docMap, file, ctx, counter, walk);
      if (reportAliasProblem(counter, file, ctx)) return undefined;
      // A document holding only `---`, a comment or `~` adds nothing.
      const tags = tagged();
      if (data !== null) out.push({ data, map: docMap, ...tags });
    }
    return out;
  }
  const real = list.filter((d) => d.contents !== null || list.length === 1);
  if (real.length > 1) {
    const second = real[1]!;
    const start = second.range?.[0] ?? 0;
    ctx.report('C2A004', { loc: file.loc(start) }, { count: real.length });
    return undefined;
  }
  const doc = real[0];
  if (!doc || doc.contents === null) {
    map.set([], { value: file.loc(0) });
    return [{ data: null, map }];
  }
  const counter = aliasCounter(doc, maxAliases, expanded, lexed.hasAliases);
  const data = toPlain(doc, doc.contents as Node, [], map, file, ctx, counter, walk);
  if (reportAliasProblem(counter, file, ctx)) {
    return undefined;
  }
  return [{ data, map, ...tagged() }];
}

/** How the tree walk types scalars and treats repeated keys. */
interface Walk {
  helm: boolean;
  onDuplicateKey: ((path: YamlPath, key: string, loc: Loc) => void) | undefined;
  /** Where the merge tags were met (Compose dialect only). */
  mergeTags: MergeTag[];
}

/** The mapping key written at `start` (quoted, or plain up to its `: `), as written. */
function keyTextAt(text: string, start: number): string | undefined {
  const m = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\n#]*?(?=\s*:(?:[ \t\n]|$)))/.exec(text.slice(start, start + 1024));
  return m && m[0] !== '' ? m[0] : undefined;
}

/** A variant of C2A001 (the catalogue's `problem`): an error of the yaml library, by code. */
export type SyntaxProblem = ArgsOf<'C2A001'>;

/**
 * The library's errors C2A001 names, by code and the first line of the library's text (one
 * code covers several errors). The pattern's groups are the variant's arguments, in order.
 */
const KNOWN_SYNTAX_ERRORS: readonly { code: string; text: RegExp; variant: (m: RegExpExecArray) => SyntaxProblem }[] = [
  { code: 'TAB_AS_INDENT', text: /^Tabs are not allowed as indentation$/, variant: () => ({ problem: 'tab-indent' }) },
  { code: 'MULTILINE_IMPLICIT_KEY', text: /^Implicit keys need to be on a single line$/, variant: () => ({ problem: 'multiline-implicit-key' }) },
  { code: 'BLOCK_AS_IMPLICIT_KEY', text: /^Nested mappings are not allowed in compact mappings$/, variant: () => ({ problem: 'nested-compact-mapping' }) },
  { code: 'BLOCK_AS_IMPLICIT_KEY', text: /^A block sequence may not be used as an implicit map key$/, variant: () => ({ problem: 'block-sequence-as-key' }) },
  { code: 'BAD_INDENT', text: /^All sequence items must start at the same column$/, variant: () => ({ problem: 'sequence-items-misaligned' }) },
  { code: 'MISSING_CHAR', text: /^Missing closing "quote$/, variant: () => ({ problem: 'unclosed-double-quote' }) },
  { code: 'MISSING_CHAR', text: /^Missing closing 'quote$/, variant: () => ({ problem: 'unclosed-single-quote' }) },
  { code: 'MISSING_CHAR', text: /^Comments must be separated from other tokens by white space characters$/, variant: () => ({ problem: 'comment-not-separated' }) },
  { code: 'MISSING_CHAR', text: /^Implicit map keys need to be followed by map values$/, variant: () => ({ problem: 'implicit-key-without-value' }) },
  { code: 'MISSING_CHAR', text: /^Sequence item without - indicator$/, variant: () => ({ problem: 'sequence-item-without-dash' }) },
  { code: 'MULTIPLE_ANCHORS', text: /^A node can have at most one anchor$/, variant: () => ({ problem: 'several-anchors' }) },
  { code: 'MULTIPLE_TAGS', text: /^A node can have at most one tag$/, variant: () => ({ problem: 'several-tags' }) },
  { code: 'ALIAS_PROPS', text: /^An alias node must not specify any properties$/, variant: () => ({ problem: 'alias-with-properties' }) },
  { code: 'UNEXPECTED_TOKEN', text: /^Unexpected (.+) at node end$/, variant: (m) => ({ problem: 'unexpected-at-node-end', token: m[1]! }) },
  { code: 'BAD_DQ_ESCAPE', text: /^Invalid escape sequence (.*)$/, variant: (m) => ({ problem: 'invalid-escape', sequence: m[1]! }) },
  { code: 'BAD_SCALAR_START', text: /^Plain value cannot start with (.+)$/, variant: (m) => ({ problem: 'bad-plain-start', character: m[1]! }) },
];

/** The variant of C2A001 for a library error; the library's own first line for one it does not name. */
export function syntaxProblem(code: string, text: string): SyntaxProblem {
  for (const known of KNOWN_SYNTAX_ERRORS) {
    if (known.code !== code) continue;
    const m = known.text.exec(text);
    if (m) return known.variant(m);
  }
  return { problem: 'yaml-library', libraryMessage: text };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

interface AliasCounter {
  aliases: number;
  /** The nodes built so far (aliased content counted every time it is expanded), shared by the file's documents. */
  expanded: { nodes: number };
  /** Set when the nodes built passed EXPANDED_NODE_LIMIT. */
  overNodes: boolean;
  limit: number;
  exceeded: boolean;
  /** Each alias's anchored node, found in one walk of the document (not one per alias). */
  targets: Map<Node, Node | undefined>;
  /** The anchored nodes being expanded now: meeting one again means the alias contains itself. */
  expanding: Set<Node>;
  /** The first alias found inside its own anchor. */
  cycle?: Node;
}

/** The parser's CST of a text's tokens, as Parser.parse gives it from the text. */
function* parseTokens(tokens: readonly string[]) {
  const parser = new Parser();
  for (const token of tokens) yield* parser.next(token);
  yield* parser.end();
}

function aliasCounter(doc: Document.Parsed, limit: number, expanded: { nodes: number }, hasAliases: boolean): AliasCounter {
  const targets = new Map<Node, Node | undefined>();
  const anchors = new Map<string, Node>();
  // Document order: an alias refers to the closest anchor of that name before it. A text
  // without aliases has nothing to look up, and most have none: the walk is skipped.
  if (hasAliases) visit(doc, (_key, node) => {
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if (node && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string') {
      anchors.set(node.anchor, node as Node);
    }
  });
  return { aliases: 0, expanded, overNodes: false, limit, exceeded: false, targets, expanding: new Set() };
}

/** Reports an alias bomb or a self-containing alias; true when there was one. */
function reportAliasProblem(counter: AliasCounter, file: SourceFile, ctx: Context): boolean {
  if (counter.cycle) {
    ctx.report('C2A000', { loc: nodeLoc(file, counter.cycle) }, { alias: (counter.cycle as { source?: string }).source ?? '?' });
    return true;
  }
  if (counter.overNodes) {
    ctx.report('C2A351', { loc: file.loc(0) }, { limit: EXPANDED_NODE_LIMIT, aliases: counter.aliases });
    return true;
  }
  if (counter.exceeded) {
    ctx.report('C2A002', { loc: file.loc(0) }, { count: counter.aliases, limit: counter.limit });
    return true;
  }
  return false;
}

function nodeLoc(file: SourceFile, node: Node | null | undefined) {
  const r = node?.range;
  return r ? file.loc(r[0], r[1]) : file.loc(0);
}

function toPlain(
  doc: Document.Parsed,
  node: Node | null,
  path: YamlPath,
  map: SourceMap,
  file: SourceFile,
  ctx: Context,
  counter: AliasCounter,
  walk: Walk,
  keyNode?: Node | null,
): unknown {
  if (counter.exceeded) return null;
  if (++counter.expanded.nodes > EXPANDED_NODE_LIMIT) {
    counter.overNodes = true;
    counter.exceeded = true;
    return null;
  }
  const recordedKey = keyNode ? nodeLoc(file, keyNode) : undefined;
  if (node && isAlias(node)) {
    counter.aliases++;
    if (counter.aliases > counter.limit) {
      counter.exceeded = true;
      return null;
    }
    const target = counter.targets.get(node);
    if (target && counter.expanding.has(target)) {
      counter.cycle ??= node;
      counter.exceeded = true;
      return null;
    }
    // The alias itself is where the value appears; its content is described by the anchor.
    if (target) counter.expanding.add(target);
    const value = toPlain(doc, (target ?? null) as Node | null, path, map, file, ctx, counter, walk);
    if (target) counter.expanding.delete(target);
    const aliasLoc: NodeLoc = { ...(recordedKey ? { key: recordedKey } : {}), value: nodeLoc(file, node) };
    // An aliased number keeps the string Compose makes of it.
    const sprint = map.get(path)?.sprint;
    map.set(path, sprint !== undefined ? { ...aliasLoc, sprint } : aliasLoc);
    return value;
  }
  const here: NodeLoc = { ...(recordedKey ? { key: recordedKey } : {}), value: nodeLoc(file, node) };
  map.set(path, here);
  if (node === null || node === undefined) return null;
  // Positions are reported directly: the context has no source map until parsing is done.
  if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
    if (!walk.helm && MERGE_TAGS.has(node.tag)) walk.mergeTags.push({ path, tag: node.tag as MergeTag['tag'] });
    else ctx.report('C2A007', { loc: nodeLoc(file, node), path }, { tag: node.tag });
  }
  if (isScalar(node)) {
    if (walk.helm) return helmScalar(node, path, ctx, file);
    const scalar = composeScalar(node);
    if (scalar.sprint !== undefined) here.sprint = scalar.sprint;
    return scalar.value;
  }
  if (isSeq(node)) {
    return node.items.map((item, i) => toPlain(doc, item as Node, [...path, i], map, file, ctx, counter, walk));
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const explicit: Pair[] = [];
    const merges: Node[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as Node | null;
      // With merge keys enabled the parser gives a plain `<<` key a symbol value; a quoted
      // '<<' stays an ordinary string key.
      if (k && isScalar(k) && typeof k.value === 'symbol') {
        merges.push(pair.value as Node);
      } else {
        explicit.push(pair);
      }
    }
    // Merged mappings first, in order, earlier sources winning over later ones; then the
    // explicit keys, which win over every merged one (YAML merge-key semantics).
    const merged: Record<string, unknown> = {};
    for (const m of merges) {
      const sources = m && isSeq(m) ? (m.items as Node[]) : [m];
      for (const src of sources) {
        const value = toPlain(doc, src, path, map, file, ctx, counter, walk);
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [k, v] of Object.entries(value)) if (!(k in merged)) merged[k] = v;
        }
      }
    }
    Object.assign(out, merged);
    map.set(path, { ...(recordedKey ? { key: recordedKey } : {}), value: nodeLoc(file, node) });
    const seen = new Set<string>();
    for (const pair of explicit) {
      const k = pair.key as Node | null;
      let name: string;
      if (walk.helm) {
        const key = helmMapKey(k, path, ctx, file);
        if (key === undefined) continue;
        name = key;
      } else {
        // compose-go decodes mapping keys into strings, which go-yaml fills with the text as
        // written (`0755:` is the key '0755'); only a null key is empty.
        const keyValue =
          k && isScalar(k) ? composeScalar(k).value : k === null ? null : toPlain(doc, k, path, map, file, ctx, counter, walk);
        name = keyValue === null || keyValue === undefined ? '' : k && isScalar(k) ? String(k.value) : String(keyValue);
      }
      if (walk.onDuplicateKey && seen.has(name)) walk.onDuplicateKey([...path, name], name, nodeLoc(file, k));
      seen.add(name);
      out[name] = toPlain(doc, pair.value as Node | null, [...path, name], map, file, ctx, counter, walk, k ?? node);
      if (pair.value === null) map.set([...path, name], { key: nodeLoc(file, k), value: nodeLoc(file, k) });
      // compose-go drops a `!reset` entry from its file (a `!reset` list item stays).
      if (!walk.helm && (pair.value as Node | null)?.tag === '!reset') delete out[name];
    }
    return out;
  }
  return null;
}

/** A scalar typed as Compose types it (see src/yaml/compose-scalar.ts). */
function composeScalar(node: Node): ComposeScalar {
  const scalar = node as unknown as { value: unknown; type?: string; tag?: string };
  const text = String(scalar.value ?? '');
  // A merge tag says how to merge the value, not how to type it.
  if (scalar.tag && !MERGE_TAGS.has(scalar.tag)) return resolveTaggedComposeScalar(scalar.tag, text);
  if (scalar.type === 'PLAIN') return resolveComposeScalar(text);
  return { value: text };
}

/** A scalar typed as Helm types values (see src/yaml/helm-scalar.ts). */
function helmScalar(node: Node, path: YamlPath, ctx: Context, file: SourceFile): unknown {
  const scalar = node as unknown as { value: unknown; type?: string; tag?: string; source?: string };
  const text = String(scalar.value ?? '');
  let value;
  if (scalar.tag) value = resolveTaggedHelmScalar(scalar.tag, text);
  else if (scalar.type === 'PLAIN') value = resolveHelmScalar(text);
  else value = text;
  if (value instanceof UnrepresentableNumber) {
    ctx.report('C2A112', { loc: nodeLoc(file, node), path }, { value: value.text });
    return null;
  }
  return value;
}

/** A mapping key as Helm reads it: typed, then converted back to a string. */
function helmMapKey(k: Node | null, path: YamlPath, ctx: Context, file: SourceFile): string | undefined {
  if (k === null) return '';
  if (!isScalar(k)) {
    ctx.report('C2A114', { loc: nodeLoc(file, k), path }, { detail: 'not-scalar' });
    return undefined;
  }
  const text = String(k.value ?? '');
  const typed = k.tag
    ? resolveTaggedHelmScalar(k.tag, text)
    : k.type === 'PLAIN'
      ? resolveHelmScalar(text)
      : text;
  const name = helmKeyString(typed);
  if (name === undefined) {
    ctx.report('C2A114', { loc: nodeLoc(file, k), path }, typed === null ? { detail: 'read-as-null', text } : { detail: 'read-as-infinity', text });
  }
  return name;
}
