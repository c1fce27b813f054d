// What a value of the wrong shape is, for "must be X, not Y" diagnostics (C2A049, C2A083,
// C2A087, C2A094): the variant of the catalogue's group `found` and its values.

/** What a value is, for "expected X, not Y" messages: a variant of the catalogue's group `found`. */
export type Found =
  | { found: 'null' }
  | { found: 'list' }
  | { found: 'mapping' }
  | { found: 'string'; text: string }
  | { found: 'scalar'; type: string; text: string }
  | { found: 'json'; text: string };

export function found(v: unknown): Found {
  if (v === null) return { found: 'null' };
  if (Array.isArray(v)) return { found: 'list' };
  if (typeof v === 'object') return { found: 'mapping' };
  if (typeof v === 'string') return { found: 'string', text: v };
  return { found: 'scalar', type: typeof v, text: String(v) };
}

/** A value shown as its JSON text, for "expected X, not Y" messages. */
export function foundJson(v: unknown): { found: 'json'; text: string } {
  return { found: 'json', text: JSON.stringify(v) };
}
