// Semantic comparison of manifest streams, as the conformance runner compares them:
// empty documents dropped, documents matched by apiVersion/kind/metadata.name, each pair
// compared deeply (numbers numerically, strings never equal to numbers or booleans).

import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';

export function documentsOf(text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const doc of parseAllDocuments(text, { version: '1.1' })) {
    const data = doc.toJS() as Record<string, unknown> | null;
    if (data === null || data === undefined) continue;
    const metadata = (data.metadata ?? {}) as Record<string, unknown>;
    const id = `${String(data.apiVersion)}/${String(data.kind)}/${String(metadata.name)}`;
    let key = id;
    for (let n = 2; out.has(key); n++) key = `${id}#${n}`;
    out.set(key, data);
  }
  return out;
}

/** Differences between two streams, as readable lines; empty when they are equal. */
export function compareManifests(expected: string, actual: string): string[] {
  const want = documentsOf(expected);
  const got = documentsOf(actual);
  const problems: string[] = [];
  for (const [key, doc] of want) {
    if (!got.has(key)) problems.push(`missing document ${key}`);
    else if (!isDeepStrictEqual(doc, got.get(key))) {
      problems.push(`document ${key} differs:\n  want ${JSON.stringify(doc)}\n  got  ${JSON.stringify(got.get(key))}`);
    }
  }
  for (const key of got.keys()) if (!want.has(key)) problems.push(`extra document ${key}`);
  return problems;
}
