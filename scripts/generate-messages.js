#!/usr/bin/env node
// Build step: the message catalogue (src/base/catalogue.md, the source of every diagnostic
// sentence) → src/base/messages.ts, the typed module the compiler imports.
//
// The catalogue's format is described in its own header. Here: each `## CODE name` entry
// becomes one object of `catalogue` whose `message` and `hint` are arrow functions returning
// template literals, with the entry's `args` as their parameter type; each variant group
// (`### group variant`) becomes a discriminated union on the property `group` and one
// function that returns the group's slots for the variant chosen. Formatters and helpers the
// texts name are calls into src/base/message-helpers.ts. The output is committed, so
// reviewers read the code the catalogue gives; test/messages.test.ts fails when it differs
// from what this script writes now.
//
//   node scripts/generate-messages.js          writes src/base/messages.ts
//   node scripts/generate-messages.js --check  exits 1 if the file is not what it would write

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CATALOGUE = join(root, 'src', 'base', 'catalogue.md');
export const MODULE = join(root, 'src', 'base', 'messages.ts');

const SEVERITIES = new Set(['error', 'warning', 'info']);
const CODE = /^C2A\d{3}$/;
const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

class CatalogueError extends Error {
  constructor(line, message) {
    super(`catalogue.md:${line}: ${message}`);
  }
}

// ── reading the Markdown ──────────────────────────────────────────────────────────────────

/**
 * The entries of the catalogue, in file order: { code, name, severity, summary, args, message,
 * hint, groups: Map<group, Map<variant, { args, slots: Map<slot, text> }>> }.
 */
export function parseCatalogue(markdown) {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const entries = [];
  /** Shared variant groups, by name: `## group name`. */
  const shared = new Map();
  const codes = new Set();
  const names = new Set();
  /** The object fields are written into: the entry, or its current variant. */
  let entry;
  let target;
  /** The field the last line set, which indented continuation lines extend. */
  let field;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const at = i + 1;
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (line.startsWith('<!--')) {
      inComment = !line.includes('-->');
      continue;
    }
    if (line.startsWith('## group ')) {
      // A variant group several entries share: its variants follow; entries name it in `groups:`.
      const name = line.slice('## group '.length).trim();
      if (!IDENT.test(name)) throw new CatalogueError(at, 'a shared group heading is `## group name`');
      if (shared.has(name)) throw new CatalogueError(at, `the shared group ${name} is defined twice`);
      entry = { code: `group ${name}`, shared: name, line: at, args: [], groups: new Map() };
      shared.set(name, entry);
      target = entry;
      field = undefined;
      continue;
    }
    if (line.startsWith('#') && !line.startsWith('## C2A') && !line.startsWith('### ')) {
      // A heading of prose (the format, an area): what follows up to the next entry is prose.
      entry = undefined;
      target = undefined;
      field = undefined;
      continue;
    }
    if (line.startsWith('## ')) {
      const [code, name, ...rest] = line.slice(3).trim().split(/\s+/);
      if (!CODE.test(code ?? '') || !NAME.test(name ?? '') || rest.length > 0) throw new CatalogueError(at, 'an entry heading is `## C2Annn kebab-name`');
      if (codes.has(code)) throw new CatalogueError(at, `${code} is defined twice`);
      if (names.has(name)) throw new CatalogueError(at, `the name ${name} is used twice`);
      codes.add(code);
      names.add(name);
      entry = { code, name, line: at, args: [], groups: new Map() };
      entries.push(entry);
      target = entry;
      field = undefined;
      continue;
    }
    if (line.startsWith('### ')) {
      if (!entry) throw new CatalogueError(at, 'a variant outside an entry');
      const [written, variant, ...rest] = line.slice(4).trim().split(/\s+/);
      const optional = written?.endsWith('?') ?? false;
      const group = optional ? written.slice(0, -1) : written;
      if (!IDENT.test(group ?? '') || !NAME.test(variant ?? '') || rest.length > 0) throw new CatalogueError(at, 'a variant heading is `### group kebab-name` (`### group? kebab-name` for a group the caller may leave out)');
      if (!entry.groups.has(group)) entry.groups.set(group, new Map());
      if (optional) (entry.optionalGroups ??= new Set()).add(group);
      const variants = entry.groups.get(group);
      if (variants.has(variant)) throw new CatalogueError(at, `${entry.code} has two variants ${group} ${variant}`);
      target = { line: at, args: [], slots: new Map() };
      variants.set(variant, target);
      field = undefined;
      continue;
    }
    if (!entry) continue; // the header: prose about the format
    if (line.trim() === '') {
      field = undefined;
      continue;
    }
    if (line.startsWith('  ')) {
      if (!field) throw new CatalogueError(at, 'an indented line continues a field, but no field precedes it');
      field.set(`${field.get()} ${line.trim()}`);
      continue;
    }
    const match = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/.exec(line);
    if (!match) throw new CatalogueError(at, `cannot read this line: ${line}`);
    const [, key, value = ''] = match;
    field = setField(target, target === entry, key, value.trim(), at);
  }
  for (const e of entries) {
    for (const written of e.uses ?? []) {
      // `groups: name?`: this entry's caller may leave the shared group out.
      const name = written.endsWith('?') ? written.slice(0, -1) : written;
      if (name !== written) (e.optionalGroups ??= new Set()).add(name);
      const group = shared.get(name);
      if (!group) throw new CatalogueError(e.line, `${e.code} uses the group ${name}, which no \`## group ${name}\` defines`);
      if (e.groups.has(name)) throw new CatalogueError(e.line, `${e.code} defines the group ${name} and uses the shared one`);
      for (const [g, variants] of group.groups) {
        if (g !== name) throw new CatalogueError(group.line, `the shared group ${name} has variants of ${g}`);
        e.groups.set(g, variants);
        (e.sharedGroups ??= new Set()).add(g);
        if (group.optionalGroups?.has(g)) (e.optionalGroups ??= new Set()).add(g);
      }
    }
    // `name: group[]`: a list of a shared group's variants, each item its variant's name in the
    // property named after the group and that variant's arguments. An entry's argument or a
    // variant's may be one.
    for (const a of [...e.args, ...variantArgs(e)]) {
      const list = /^([A-Za-z_][A-Za-z0-9_]*)\[\]$/.exec(a.type);
      if (!list || !shared.has(list[1])) continue;
      const group = shared.get(list[1]);
      const slots = new Set([...group.groups.get(list[1]).values()].flatMap((v) => [...v.slots.keys()]));
      if (slots.size !== 1) throw new CatalogueError(e.line, `${e.code}: the list ${a.name} of group ${list[1]} needs a group of one slot`);
      a.listOf = { group: list[1], variants: group.groups.get(list[1]), slot: [...slots][0] };
    }
    check(e);
  }
  entries.shared = shared;
  return entries;
}

/** The arguments of every variant of an entry's groups, its own and the shared ones it takes. */
function variantArgs(e) {
  return [...e.groups.values()].flatMap((variants) => [...variants.values()].flatMap((v) => v.args));
}

/** An entry's arguments and its variants' that are lists of a shared group's variants. */
function listArgs(e) {
  return [...e.args, ...variantArgs(e)].filter((a) => a.listOf);
}

/** Sets one field of an entry or a variant; returns an accessor for continuation lines. */
function setField(target, isEntry, key, value, at) {
  if (key === 'args') {
    target.args = parseArgs(value, at);
    return undefined;
  }
  if (isEntry && key === 'groups') {
    target.uses = value.split(/[\s,]+/).filter((g) => g !== '');
    return undefined;
  }
  if (isEntry) {
    if (SEVERITIES.has(key)) {
      if (target.severity) throw new CatalogueError(at, `${target.code} has two severities`);
      target.severity = key;
      target.summary = value;
      return { get: () => target.summary, set: (v) => (target.summary = v) };
    }
    if (key === 'message' || key === 'hint') {
      if (target[key] !== undefined) throw new CatalogueError(at, `${target.code} has two ${key}s`);
      target[key] = value;
      target[`${key}Line`] = at;
      return { get: () => target[key], set: (v) => (target[key] = v) };
    }
    throw new CatalogueError(at, `an entry has error|warning|info, args, groups, message and hint, not ${key}`);
  }
  if (target.slots.has(key)) throw new CatalogueError(at, `the slot ${key} is set twice`);
  target.slots.set(key, value);
  return { get: () => target.slots.get(key), set: (v) => target.slots.set(key, v) };
}

/** `a; b?: number; kind: 'user' | 'group'` → [{ name, optional, type }]; the type defaults to string. */
function parseArgs(text, at) {
  if (text === '') return [];
  return text.split(';').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(\?)?(?:\s*:\s*(.+?))?\s*$/.exec(part);
    if (!m) throw new CatalogueError(at, `cannot read the argument '${part.trim()}'`);
    return { name: m[1], optional: m[2] === '?', type: m[3] ?? 'string' };
  });
}

function check(e) {
  if (!e.severity) throw new CatalogueError(e.line, `${e.code} has no severity line (error:, warning: or info: with the summary)`);
  if (e.message === undefined) throw new CatalogueError(e.line, `${e.code} has no message`);
  for (const [group, variants] of e.groups) {
    if (e.args.some((a) => a.name === group)) throw new CatalogueError(e.line, `${e.code}: the variant group ${group} is also an argument`);
    for (const [name, variant] of variants) {
      if (variant.slots.size === 0) throw new CatalogueError(variant.line, `${e.code} ${group} ${name} sets no slot`);
    }
  }
}

// ── texts ─────────────────────────────────────────────────────────────────────────────────

/**
 * A text of the catalogue → nodes: { text } | { ref, formatter?, params } | { helper }
 * | { cond, then, else }. `%name%`, `%name:formatter%`, `%name:formatter(x,@arg)%`,
 * `%=helper%`, `%if cond%…%else%…%end%`, `%%` for a percent sign, `\n` for a line break.
 */
export function parseText(source, at) {
  const tokens = source.split(/(%%|%[^%\s][^%]*%)/);
  let pos = 0;
  const block = (closers) => {
    const nodes = [];
    while (pos < tokens.length) {
      const token = tokens[pos];
      if (pos % 2 === 0) {
        if (token !== '') nodes.push({ text: token });
        pos++;
        continue;
      }
      if (token === '%%') {
        nodes.push({ text: '%' });
        pos++;
        continue;
      }
      const inner = token.slice(1, -1);
      if (closers.includes(inner)) return { nodes, closer: inner };
      pos++;
      if (inner.startsWith('if ')) {
        const cond = parseRef(inner.slice(3).trim(), at, true);
        const then = block(['else', 'end']);
        let otherwise = [];
        if (then.closer === 'else') {
          pos++;
          const rest = block(['end']);
          if (rest.closer !== 'end') throw new CatalogueError(at, `%if ${inner.slice(3)}% without %end%`);
          otherwise = rest.nodes;
        } else if (then.closer !== 'end') throw new CatalogueError(at, `%if ${inner.slice(3)}% without %end%`);
        pos++;
        nodes.push({ cond, then: then.nodes, else: otherwise });
        continue;
      }
      if (inner === 'else' || inner === 'end') throw new CatalogueError(at, `%${inner}% without %if%`);
      if (inner.startsWith('=')) {
        if (!IDENT.test(inner.slice(1))) throw new CatalogueError(at, `cannot read the helper %${inner}%`);
        nodes.push({ helper: inner.slice(1) });
        continue;
      }
      nodes.push(parseRef(inner, at, false));
    }
    return { nodes, closer: undefined };
  };
  const { nodes, closer } = block([]);
  if (closer) throw new CatalogueError(at, `%${closer}% without %if%`);
  return nodes;
}

function parseRef(text, at, allowNot) {
  const m = /^(!)?([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*)(?:\(([^)]*)\))?)?$/.exec(text);
  if (!m || (m[1] && !allowNot)) throw new CatalogueError(at, `cannot read the placeholder %${text}%`);
  const params = m[4] === undefined ? [] : m[4].split(',').map((p) => p.trim());
  return { not: m[1] === '!', ref: m[2], formatter: m[3], params };
}

/** The names of the arguments and slots a text uses. */
function refsOf(nodes, into = new Set()) {
  for (const n of nodes) {
    if (n.ref) {
      into.add(n.ref);
      for (const p of n.params) if (p.startsWith('@')) into.add(p.slice(1));
    }
    if (n.cond) {
      refsOf([n.cond], into);
      refsOf(n.then, into);
      refsOf(n.else, into);
    }
  }
  return into;
}

// ── writing TypeScript ────────────────────────────────────────────────────────────────────

function literal(text) {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\\\\n/g, '\\n');
}

/**
 * A text as a TypeScript expression. `resolve(name)` gives the expression of an argument or
 * a slot. A text that is one placeholder gives its value as it is (possibly undefined: a hint
 * that is only an optional slot then gives none).
 */
function emit(nodes, resolve) {
  const value = (n) => {
    const base = resolve(n.ref);
    if (!n.formatter) return base;
    const params = n.params.map((p) => (p.startsWith('@') ? resolve(p.slice(1)) : JSON.stringify(p)));
    return `format.${n.formatter}(${[base, ...params].join(', ')})`;
  };
  if (nodes.length === 1 && nodes[0].ref && !nodes[0].formatter) return value(nodes[0]);
  if (nodes.length === 0) return "''";
  let out = '`';
  for (const n of nodes) {
    if (n.text !== undefined) out += literal(n.text);
    else if (n.helper) out += `\${format.${n.helper}(a)}`;
    else if (n.cond) {
      const test = `${n.cond.not ? '!' : ''}${value(n.cond)}`;
      out += `\${${test} ? ${emit(n.then, resolve)} : ${emit(n.else, resolve)}}`;
    } else out += `\${${value(n)}}`;
  }
  return `${out}\``;
}

/** The TypeScript type of an argument: a list of a group's variants is a list of their unions. */
function typeOf(a) {
  if (!a.listOf) return a.type;
  const { group, variants } = a.listOf;
  return `Array<${variantUnion(group, variants).join(' | ')}>`;
}

/** Each variant of a group as an object type: its name in the property of the group, and its arguments. */
function variantUnion(group, variants) {
  return [...variants].map(([name, v]) => `{ ${[`${group}: '${name}'`, ...v.args.map((a) => `${a.name}${a.optional ? '?' : ''}: ${typeOf(a)}`)].join('; ')} }`);
}

/**
 * An argument as the texts read it: a list of a group's variants becomes the list of their
 * slot's texts, so that a formatter joins words the catalogue writes.
 */
function argumentText(a) {
  if (!a.listOf) return `a.${a.name}`;
  const { group, slot } = a.listOf;
  return `${a.optional ? `(a.${a.name} ?? [])` : `a.${a.name}`}.map((x) => ${sharedFunctionName(group)}(x).${slot}!)`;
}

function argsType(args) {
  if (args.length === 0) return '{}';
  return `{ ${args.map((a) => `${a.name}${a.optional ? '?' : ''}: ${typeOf(a)}`).join('; ')} }`;
}

/** A group's variants' slot texts, as an object literal (placeholders unexpanded). */
function variantTexts(variants, indent) {
  return `{\n${[...variants].map(([name, v]) => `${indent}  '${name}': { ${[...v.slots].map(([s, t]) => `${s}: ${JSON.stringify(t)}`).join(', ')} },`).join('\n')}\n${indent}}`;
}

/** Whether every variant's texts read only that variant's own arguments. */
function selfContained(variants) {
  return [...variants.values()].every((v) => [...v.slots].every(([, text]) => [...refsOf(parseText(text, v.line))].every((r) => v.args.some((a) => a.name === r))));
}

function sharedFunctionName(group) {
  return `group${group[0].toUpperCase()}${group.slice(1)}`;
}

/** The one function of a shared group whose texts read only their variants' arguments. */
function emitSharedGroup(group, variants) {
  const union = variantUnion(group, variants);
  const slots = new Set([...variants.values()].flatMap((v) => [...v.slots.keys()]));
  const cases = [...variants].map(([name, v]) => {
    const fields = [...v.slots].map(([slot, text]) => `${slot}: ${emit(parseText(text, v.line), (r) => argumentText(v.args.find((a) => a.name === r)))}`);
    return `    case '${name}':\n      return { ${fields.join(', ')} };`;
  });
  return (
    `function ${sharedFunctionName(group)}(a: ${[...union, `{ ${group}?: undefined }`].join(' | ')}): { ${[...slots].map((s) => `${s}?: string`).join('; ')} } {\n` +
    `  switch (a.${group}) {\n${cases.join('\n')}\n    case undefined:\n      return {};\n  }\n}`
  );
}

function kebabToPascal(name) {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
}

/** The TypeScript of one entry: its args type, its variant functions, its catalogue object. */
function emitEntry(e) {
  const typeName = `${e.code}Args`;
  const groupParts = [...e.groups].map(([group, variants]) => `(${variantUnion(group, variants).join(' | ')}${e.optionalGroups?.has(group) ? ` | { ${group}?: undefined }` : ''})`);
  const declared = e.args.length > 0 || e.groups.size > 0;
  const typeText = [argsType(e.args), ...groupParts].filter((t, i) => i > 0 || e.args.length > 0 || groupParts.length === 0).join(' & ');
  const out = [];
  if (declared) out.push(`export type ${typeName} = ${typeText};`);
  const param = declared ? `a: ${typeName}` : '';

  // Which group provides each slot; an argument of the entry and a slot may not share a name.
  const slotGroup = new Map();
  /** The slots of each group, by the name of the group's function. */
  const groupSlots = new Map();
  /** Shared groups whose texts read only their variants' arguments: one function serves every entry. */
  const sharedFn = (group) => (e.sharedGroups?.has(group) && selfContained(e.groups.get(group)) ? sharedFunctionName(group) : undefined);
  for (const [group, variants] of e.groups) {
    const fn = sharedFn(group) ?? `${e.code.toLowerCase()}${kebabToPascal(group)}`;
    const slots = new Set();
    for (const v of variants.values()) for (const s of v.slots.keys()) slots.add(s);
    for (const s of slots) {
      if (slotGroup.has(s)) throw new CatalogueError(e.line, `${e.code}: the slot ${s} is set by two groups`);
      if (e.args.some((a) => a.name === s)) throw new CatalogueError(e.line, `${e.code}: ${s} is both an argument and a slot`);
      slotGroup.set(s, fn);
    }
    groupSlots.set(group, slots);
  }
  // Each list of a group's variants: each item's text is the group's one slot.
  for (const arg of listArgs(e)) {
    if (!selfContained(arg.listOf.variants)) throw new CatalogueError(e.line, `${e.code}: the variants of ${arg.listOf.group} in the list ${arg.name} may read only their own arguments`);
  }
  const resolve = (r) => {
    if (slotGroup.has(r)) return `${slotGroup.get(r)}(a).${r}`;
    const arg = e.args.find((x) => x.name === r);
    return arg ? argumentText(arg) : `a.${r}`;
  };
  for (const [group, variants] of e.groups) {
    if (sharedFn(group)) continue;
    const fn = `${e.code.toLowerCase()}${kebabToPascal(group)}`;
    const slots = groupSlots.get(group);
    const cases = [...variants].map(([name, v]) => {
      // A variant's text reads its arguments, the entry's, and the slots of the entry's other groups.
      const otherSlots = [...slotGroup].filter(([, g]) => g !== fn).map(([s]) => s);
      const known = new Set([...e.args.map((a) => a.name), ...v.args.map((a) => a.name), ...e.groups.keys(), ...otherSlots]);
      const fields = [...v.slots].map(([slot, text]) => {
        const nodes = parseText(text, v.line);
        for (const r of refsOf(nodes)) {
          if (!known.has(r)) throw new CatalogueError(v.line, `${e.code} ${group} ${name}: %${r}% is not an argument`);
          if (v.args.some((a) => a.name === r) && slotGroup.has(r)) throw new CatalogueError(v.line, `${e.code} ${group} ${name}: ${r} is both an argument and a slot`);
        }
        const own = (r) => v.args.find((a) => a.name === r);
        return `${slot}: ${emit(nodes, (r) => (own(r) ? argumentText(own(r)) : resolve(r)))}`;
      });
      return `    case '${name}':\n      return { ${fields.join(', ')} };`;
    });
    const none = e.optionalGroups?.has(group) ? '\n    case undefined:\n      return {};' : '';
    out.push(
      `function ${fn}(a: ${typeName}): { ${[...slots].map((s) => `${s}?: string`).join('; ')} } {\n` +
        `  switch (a.${group}) {\n${cases.join('\n')}${none}\n  }\n}`,
    );
  }
  const knownAtEntry = new Set([...e.args.map((a) => a.name), ...slotGroup.keys(), ...e.groups.keys()]);
  const entryText = (text, line) => {
    const nodes = parseText(text, line);
    for (const r of refsOf(nodes)) if (!knownAtEntry.has(r)) throw new CatalogueError(line, `${e.code}: %${r}% is neither an argument nor a slot`);
    return emit(nodes, resolve);
  };
  const message = entryText(e.message, e.messageLine);
  const fields = [
    `    name: '${e.name}',`,
    `    severity: '${e.severity}',`,
    `    summary: ${JSON.stringify(e.summary)},`,
    `    message: (${param}) => ${message},`,
  ];
  if (e.hint !== undefined) fields.push(`    hint: (${param}) => ${entryText(e.hint, e.hintLine)},`);
  if (e.groups.size > 0) {
    const groups = [...e.groups].map(([group, variants]) =>
      e.sharedGroups?.has(group) ? `      ${group}: sharedGroupTexts.${group},` : `      ${group}: ${variantTexts(variants, '      ')},`,
    );
    fields.push(`    variants: {\n${groups.join('\n')}\n    },`);
  }
  const entryType = declared ? typeName : 'void';
  return { declarations: out.join('\n'), object: `  ${e.code}: {\n${fields.join('\n')}\n  } satisfies Entry<${entryType}> as Entry<${entryType}>,` };
}

const HEADER = `// generated by scripts/generate-messages.js from src/base/catalogue.md — edit the catalogue,
// then run \`npm run build\` (or \`node scripts/generate-messages.js\`); test/messages.test.ts
// fails while this file differs from what the generator writes.
//
// Passes call ctx.report('C2Annn', at, args): the args are type-checked against the entry's
// \`args\`, and an entry with variants takes the variant's name in the property named after
// its group (\`reason: 'host'\`) together with that variant's own args.
`;

/** The module the catalogue gives, as text. */
export function generate(markdown) {
  const entries = parseCatalogue(markdown);
  const used = new Set(entries.flatMap((e) => [...(e.sharedGroups ?? []), ...listArgs(e).map((a) => a.listOf.group)]));
  const sharedFunctions = [...entries.shared]
    .filter(([name, group]) => used.has(name) && selfContained(group.groups.get(name)))
    .map(([name, group]) => `${emitSharedGroup(name, group.groups.get(name))}\n`);
  const parts = entries.map(emitEntry);
  return [
    HEADER,
    "import * as format from './message-helpers.js';",
    '',
    "export type Severity = 'error' | 'warning' | 'info';",
    '',
    '/** The text a variant gives each of its slots, as the catalogue writes it (placeholders unexpanded). */',
    'export type VariantTexts = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;',
    '',
    'export interface Entry<A> {',
    '  /** The entry\'s name in the catalogue. */',
    '  name: string;',
    '  severity: Severity;',
    '  /** One line naming the problem, for `compose2agent keys`, the README and SARIF rules. */',
    '  summary: string;',
    '  message: (a: A) => string;',
    '  hint?: (a: A) => string | undefined;',
    '  /** Per variant group, per variant: its slots\' texts. */',
    '  variants?: VariantTexts;',
    '}',
    '',
    '/** The texts of the groups several entries share. */',
    `const sharedGroupTexts = {\n${[...entries.shared].filter(([name]) => used.has(name)).map(([name, group]) => `  ${name}: ${variantTexts(group.groups.get(name), '  ')},`).join('\n')}\n} as const;`,
    '',
    ...sharedFunctions,
    ...parts.filter((p) => p.declarations).map((p) => `${p.declarations}\n`),
    'export const catalogue = {',
    ...parts.map((p) => p.object),
    '} as const;',
    '',
    'export type Code = keyof typeof catalogue;',
    'export type ArgsOf<K extends Code> = (typeof catalogue)[K] extends Entry<infer A> ? A : never;',
    '',
  ].join('\n');
}

function main() {
  const text = generate(readFileSync(CATALOGUE, 'utf8'));
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(MODULE, 'utf8');
    } catch {
      // missing: stale
    }
    if (current !== text) {
      process.stderr.write('src/base/messages.ts is not what src/base/catalogue.md gives: run node scripts/generate-messages.js\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(MODULE, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    if (!(error instanceof CatalogueError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
