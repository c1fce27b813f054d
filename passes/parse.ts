// Pass 1 — parse: text → plain JSON tree + source map.
//
// YAML is read as Docker Compose reads it (YAML 1.2 core schema, so `user: 1000:10` and
// `yes` are strings), with `<<` merge keys and aliases resolved. Every node's position is
// recorded by path, and aliased content is recorded under every path it appears at, so a
// diagnostic about a merged key points at the anchor that supplied it.

import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';
import type { Context } from '../src/diagnostics.js';
import { SourceMap, type SourceFile, type YamlPath } from '../src/source.js';

export interface ParseOptions {
  /** The most alias expansions a document may make (billion-laughs guard). */
  maxAliases?: number;
  /** The largest input accepted, in bytes. */
  maxBytes?: number;
}

export interface ParsedDocument {
  data: unknown;
  map: SourceMap;
}

const DEFAULT_MAX_ALIASES = 1000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

export function parse(file: SourceFile, ctx: Context, options: ParseOptions = {}): ParsedDocument | undefined {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxAliases = options.maxAliases ?? DEFAULT_MAX_ALIASES;
  const map = new SourceMap(file);
  if (Buffer.byteLength(file.text) > maxBytes) {
    ctx.report('C2A003', { loc: file.loc(0) }, { size: Buffer.byteLength(file.text), limit: maxBytes });
    return undefined;
  }
  const docs = parseAllDocuments(file.text, {
    version: '1.2',
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  let failed = false;
  for (const doc of list) {
    for (const err of doc.errors) {
      failed = true;
      const [start, end] = err.pos;
      const loc = file.loc(start, end);
      const dup = /^Map keys must be unique/.test(err.message);
      if (dup) {
        const key = file.text.slice(start, end).trim() || '?';
        ctx.report('C2A006', { loc }, { key });
      } else {
        ctx.report('C2A001', { loc }, { detail: firstLine(err.message) });
      }
    }
  }
  if (failed) return undefined;
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
    return { data: null, map };
  }
  const counter = { aliases: 0, limit: maxAliases, exceeded: false };
  const data = toPlain(doc, doc.contents as Node, [], map, file, ctx, counter);
  if (counter.exceeded) {
    ctx.report('C2A002', { loc: file.loc(0) }, { count: counter.aliases, limit: maxAliases });
    return undefined;
  }
  return { data, map };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

interface AliasCounter {
  aliases: number;
  limit: number;
  exceeded: boolean;
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
  keyNode?: Node | null,
): unknown {
  if (counter.exceeded) return null;
  const recordedKey = keyNode ? nodeLoc(file, keyNode) : undefined;
  if (node && isAlias(node)) {
    counter.aliases++;
    if (counter.aliases > counter.limit) {
      counter.exceeded = true;
      return null;
    }
    const target = node.resolve(doc);
    // The alias itself is where the value appears; its content is described by the anchor.
    const value = toPlain(doc, (target ?? null) as Node | null, path, map, file, ctx, counter);
    map.set(path, { ...(recordedKey ? { key: recordedKey } : {}), value: nodeLoc(file, node) });
    return value;
  }
  map.set(path, { ...(recordedKey ? { key: recordedKey } : {}), value: nodeLoc(file, node) });
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
      ctx.report('C2A007', path, { tag: node.tag });
    }
    const v = node.value;
    // YAML 1.2 integers beyond 2^53 lose precision as numbers; Compose would keep them.
    return typeof v === 'bigint' ? Number(v) : v;
  }
  if (isSeq(node)) {
    return node.items.map((item, i) => toPlain(doc, item as Node, [...path, i], map, file, ctx, counter));
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
        const value = toPlain(doc, src, path, map, file, ctx, counter);
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [k, v] of Object.entries(value)) if (!(k in merged)) merged[k] = v;
        }
      }
    }
    Object.assign(out, merged);
    map.set(path, { ...(recordedKey ? { key: recordedKey } : {}), value: nodeLoc(file, node) });
    for (const pair of explicit) {
      const k = pair.key as Node | null;
      const keyValue = k && isScalar(k) ? k.value : k === null ? null : toPlain(doc, k, path, map, file, ctx, counter);
      const name = keyValue === null || keyValue === undefined ? '' : String(keyValue);
      out[name] = toPlain(doc, pair.value as Node | null, [...path, name], map, file, ctx, counter, k ?? node);
      if (pair.value === null) map.set([...path, name], { key: nodeLoc(file, k), value: nodeLoc(file, k) });
    }
    return out;
  }
  return null;
}
