// `command` and `entrypoint`: a list is taken word for word; a string is split as a POSIX
// shell splits it (quotes honoured), or on whitespace under --strict as the reference does.

import type { Path, Words } from '../ir.js';
import { splitShellWords, splitWhitespace } from '../support/units.js';
import type { Env } from './dispatch.js';
import { text } from './input.js';

export function words(value: unknown, path: Path, key: string, env: Env): Words | undefined {
  if (typeof value === 'string') {
    if (env.ctx.options.strict) return { words: splitWhitespace(value), fromString: true, path };
    const split = splitShellWords(value);
    if (!split.ok) {
      env.ctx.report('C2A037', path, { key, line: value, ...split.problem });
      return undefined;
    }
    return { words: split.value, fromString: true, path };
  }
  if (Array.isArray(value)) return { words: value.map(text), fromString: false, path };
  return undefined;
}
