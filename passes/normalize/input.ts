// Reading the untyped Compose input: shape tests, descriptions for messages, scalars as text.

import type { Located, Path, ComposeService } from '../ir.js';

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A scalar as the text the user wrote (for messages and string-typed fields). */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? '';
}

/** A string or a list of strings (Compose accepts both for several keys), each with its place. */
export function stringList(value: unknown, path: Path): Located<string>[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.map((item, i) => ({ value: text(item), path: typeof value === 'string' ? path : [...path, i] }));
}

/** An empty list or mapping (`[]`, `{}`). */
export function isEmptyCollection(v: unknown): boolean {
  return Array.isArray(v) ? v.length === 0 : isObject(v) && Object.keys(v).length === 0;
}

/** Records that a service wrote `key` empty, so the values keep it (see ComposeService.writtenEmpty). */
export function markWrittenEmpty(service: ComposeService, key: 'environment' | 'volumes'): void {
  if (!service.writtenEmpty?.includes(key)) service.writtenEmpty = [...(service.writtenEmpty ?? []), key];
}
