// Measures written in Compose's units: byte sizes become Kubernetes quantities, durations
// become whole seconds, CPU counts are checked and kept as written.

import type { Located, Path } from '../ir.js';
import { parseByteSize, parseDuration, parseDurationStrict } from '../support/units.js';
import type { Env } from './dispatch.js';
import { text } from './input.js';
import { found } from '../support/found.js';

export function byteSize(value: unknown, path: Path, key: string, env: Env): Located<string> | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseByteSize(value, env.ctx.options.strict);
  if (!parsed.ok) {
    env.ctx.report('C2A081', path, { key, value: text(value) });
    return undefined;
  }
  return { value: parsed.value, path };
}

/** A duration in whole seconds, rounded up with a warning when it has a fraction. */
export function seconds(value: unknown, path: Path, key: string, env: Env): number | undefined {
  const raw = text(value);
  const parsed = env.ctx.options.strict ? parseDurationStrict(raw) : parseDuration(raw);
  if (!parsed.ok) {
    env.ctx.report('C2A080', path, { key, value: raw, ...(env.ctx.options.strict ? { strict: true } : {}) });
    return undefined;
  }
  const whole = Math.ceil(parsed.value - 1e-9);
  if (whole !== parsed.value) env.ctx.report('C2A082', path, { key, value: raw, seconds: whole });
  return whole;
}

export function cpus(value: unknown, path: Path, env: Env): Located<number | string> | undefined {
  // Zero means "no limit" in Compose; the reference converter skips it too. The string "0"
  // it keeps (a non-empty string), and Kubernetes reads a limit of "0" as no limit as well.
  if (value === 0 || value === '') return undefined;
  // Kept as written (a number stays a number), as the reference converter does.
  if ((typeof value === 'number' && value > 0) || (typeof value === 'string' && /^(?:\d+(?:\.\d+)?|\.\d+|\d+m)$/.test(value))) {
    return { value, path };
  }
  env.ctx.report('C2A049', path, { key: 'cpus', expected: 'positive-number-of-cpus', ...found(value) });
  return undefined;
}
