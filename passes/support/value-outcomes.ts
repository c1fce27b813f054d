// Reporting what the key table decides for one value of a key (passes/keys.ts, value rows):
// the pass that reads the value asks `valueOutcome`, and reports through here what is not
// converted, so that the table and the diagnostics cannot disagree.

import type { Context } from '../../src/base/diagnostics.js';
import type { ArgsOf } from '../../src/base/messages.js';
import type { ValueOutcome } from '../keys.js';
import type { Path } from '../ir.js';

/**
 * Reports a value's outcome unless it is converted: an ignored value at its key, a refused
 * one at the value. Returns whether the value is converted. The codes are those value rows
 * use; the row's variant names the catalogue sentence (test/keys.test.ts checks that every
 * row's variant is one of its code's).
 */
export function reportValueOutcome(ctx: Context, path: Path, key: string, value: string, fate: ValueOutcome): boolean {
  // A value that converts reports nothing here, whatever its code (a converted network_mode
  // `default` shares C2A050 with the refused modes); the pass checks it further.
  if (fate.outcome === 'convert') return true;
  switch (fate.code) {
    case 'C2A031':
      ctx.report('C2A031', { path, key: true }, { key, reason: fate.variant, value } as ArgsOf<'C2A031'>);
      return false;
    case 'C2A035':
      ctx.report('C2A035', path, { value, reason: fate.variant } as ArgsOf<'C2A035'>);
      return false;
    case 'C2A050':
      ctx.report('C2A050', path, { mode: value, reason: fate.variant } as ArgsOf<'C2A050'>);
      return false;
    case 'C2A065':
      ctx.report('C2A065', path, { entry: value, reason: fate.variant } as ArgsOf<'C2A065'>);
      return false;
    case 'C2A059':
      ctx.report('C2A059', path, { driver: value });
      return false;
    default:
      throw new Error(`internal: the key table gives ${key} '${value}' the outcome ${fate.outcome} with ${fate.code}, which no value report knows`);
  }
}
