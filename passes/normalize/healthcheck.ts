// The healthcheck of a service: its test, durations in whole seconds, and retries.

import type { Healthcheck, Path } from '../ir.js';
import { A_STRING, valueOutcome } from '../keys.js';
import { reportValueOutcome } from '../support/value-outcomes.js';
import { dispatch, type Env, type Handler, type Handlers } from './dispatch.js';
import { text, type Obj } from './input.js';
import { found } from '../support/found.js';
import { seconds } from './measures.js';
import { parseDuration } from '../support/units.js';

interface HealthState {
  check: Healthcheck;
  hasTest: boolean;
}

/** A duration of the healthcheck, in whole seconds. */
function duration(key: string, field: 'intervalSeconds' | 'timeoutSeconds' | 'startPeriodSeconds'): Handler<HealthState> {
  return (v, p, s, env) => {
    const n = seconds(v, p, `healthcheck.${key}`, env);
    if (n !== undefined) s.check[field] = n;
  };
}

export const HEALTHCHECK_HANDLERS: Handlers<HealthState> = {
  test: (v, p, s, env) => {
    s.hasTest = true;
    const test = healthTest(v, p, env);
    if (test) s.check.test = test;
  },
  disable: (v, _p, s) => {
    if (v === true) s.check.disabled = true;
  },
  interval: duration('interval', 'intervalSeconds'),
  timeout: duration('timeout', 'timeoutSeconds'),
  start_period: duration('start_period', 'startPeriodSeconds'),
  // Not converted (the key table says so); read quietly for the timing warning of
  // lower:resources. An unreadable value stays unread: it changes nothing in the values.
  start_interval: (v, _p, s) => {
    const parsed = parseDuration(text(v));
    if (parsed.ok) s.check.startIntervalSeconds = parsed.value;
  },
  retries: (v, p, s, env) => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) s.check.retries = v;
    else env.ctx.report('C2A083', p, { detail: 'retries-not-whole', ...found(v) });
  },
};

export function healthcheck(value: Obj, path: Path, env: Env): Healthcheck {
  const state: HealthState = { check: { test: { kind: 'inherit' }, disabled: false, path }, hasTest: false };
  dispatch('healthcheck', value, path, HEALTHCHECK_HANDLERS, state, env);
  if (!state.hasTest && !state.check.disabled) {
    if (env.ctx.options.strict) env.ctx.report('C2A083', path, { detail: 'no-test' });
    else env.ctx.report('C2A085', path);
  }
  return state.check;
}

function healthTest(value: unknown, path: Path, env: Env): Healthcheck['test'] | undefined {
  if (typeof value === 'string') {
    // Compose runs a string test with the container's shell, as CMD-SHELL.
    if (!reportValueOutcome(env.ctx, path, 'test', value, valueOutcome('healthcheck', 'test', A_STRING, env.ctx.options.strict)!)) return undefined;
    if (value.trim() === '') {
      env.ctx.report('C2A083', path, { detail: 'empty-test' });
      return undefined;
    }
    return { kind: 'exec', command: ['sh', '-c', value] };
  }
  if (!Array.isArray(value) || value.length === 0) {
    env.ctx.report('C2A083', path, { detail: 'empty-test' });
    return undefined;
  }
  const [first, ...rest] = value.map(text);
  // The key table decides which forms convert (NONE not under --strict); an unknown form is
  // refused with the forms that are known.
  const form = valueOutcome('healthcheck', 'test', first!, env.ctx.options.strict)!;
  if (form.outcome === 'reject') {
    env.ctx.report('C2A083', path, { detail: 'unknown-test-form', first: first!, strict: env.ctx.options.strict });
    return undefined;
  }
  if (first === 'NONE') return { kind: 'none' };
  if (first === 'CMD') {
    if (rest.length === 0) {
      env.ctx.report('C2A083', path, { detail: 'cmd-without-program' });
      return undefined;
    }
    return { kind: 'exec', command: rest };
  }
  if (first === 'CMD-SHELL') {
    if (rest.length !== 1) {
      env.ctx.report('C2A083', path, { detail: 'cmd-shell-not-one-line' });
      return undefined;
    }
    return { kind: 'exec', command: ['sh', '-c', rest[0]!] };
  }
  throw new Error(`internal: the key table converts the healthcheck test form '${first}', which normalize does not read`);
}

