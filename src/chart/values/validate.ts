// The agent-env values schema (schemas/agent-env-values.schema.json, our own), checked as
// Helm checks the chart's schema: against the values coalesced over the chart defaults.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { validateAgentEnvValuesSchema } from '../../../schemas/generated/values-validator.js';
import { pointerToPath } from '../../base/json-pointer.js';
import type { ArgsOf } from '../../base/messages.js';
import { chartDefaults } from '../render/chart-defaults.js';
import { coalesce, isTable } from '../render/coalesce.js';

/** What is wrong, as C2A100's variant and arguments. */
export type ValuesProblemArgs = ArgsOf<'C2A100'>;
type SchemaReason = NonNullable<ValuesProblemArgs['reasons']>[number]['schemaReason'];

export interface ValuesProblem {
  /** Where in the values: mapping keys and list indexes. */
  path: (string | number)[];
  problem: ValuesProblemArgs;
  /** The mapping key itself is at fault (an unknown or badly named key), not its value. */
  atKey?: boolean;
}

/** The schema, precompiled at build time (scripts/build-schemas.js): no ajv at run time. */
const validator = (): ValidateFunction => validateAgentEnvValuesSchema as unknown as ValidateFunction;

/**
 * Checks values as the chart would receive them. `values` is one values document (or
 * several already merged); it is coalesced over the chart's defaults first, so a file
 * without `global` or a `default` service is judged as Helm judges it.
 */
export function validateAgentEnvValues(values: unknown): ValuesProblem[] {
  if (!isTable(values)) {
    return [{ path: [], problem: { problem: 'wrong-type', shown: show(values), types: ['object'] } }];
  }
  return validateMergedValues(coalesce(values, chartDefaults()));
}

/** Checks values that are already coalesced over the chart's defaults. */
export function validateMergedValues(merged: Record<string, unknown>): ValuesProblem[] {
  const validate = validator();
  if (validate(merged)) return [];
  return describe(validate.errors ?? [], merged);
}


function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text !== undefined && text.length > 80 ? `${text.slice(0, 77)}...` : String(text);
}

/** The schema's x-reason (or x-not-reason, x-type-reason): a variant of the catalogue's group schemaReason. */
function schemaReason(parent: Record<string, unknown>, key: string): { schemaReason: SchemaReason } | Record<string, never> {
  const name = parent[key];
  return typeof name === 'string' ? { schemaReason: name as SchemaReason } : {};
}

function describe(errors: ErrorObject[], data: unknown): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  const seen = new Set<string>();
  // anyOf reports every branch; the branches' own errors are noise next to the summary.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword === 'propertyNames' || error.keyword === 'if') continue;
    if (error.keyword !== 'anyOf' && anyOfPaths.has(error.instancePath) && /\/anyOf\//.test(error.schemaPath)) continue;
    const problem = describeOne(error, data);
    const key = JSON.stringify([problem.path, problem.problem]);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function describeOne(error: ErrorObject, data: unknown): ValuesProblem {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  // propertyNames failures arrive at the object with the offending name in `propertyName`.
  const named = (error as { propertyName?: unknown }).propertyName ?? params.propertyName;
  const propertyName = typeof named === 'string' ? named : undefined;
  if (propertyName !== undefined) {
    const path = [...pointerToPath(error.instancePath, data), propertyName];
    const reason =
      error.keyword === 'not'
        ? schemaReason(parent, 'x-not-reason')
        : error.keyword === 'pattern' && parent['x-reason']
          ? schemaReason(parent, 'x-reason')
          : { validatorMessage: String(error.message) };
    return { path, atKey: true, problem: { problem: 'invalid-name', name: propertyName, ...reason } };
  }
  const path = pointerToPath(error.instancePath, data);
  const shown = show(error.data);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { path: [...path, key], atKey: true, problem: { problem: 'unknown-key', key } };
    }
    case 'required':
      return { path, problem: { problem: 'missing-key', key: String(params.missingProperty) } };
    case 'type':
      return { path, problem: { problem: 'wrong-type', shown, types: String(params.type).split(','), ...schemaReason(parent, 'x-type-reason') } };
    case 'pattern':
      return { path, problem: { problem: 'no-match', shown, pattern: String(params.pattern), ...schemaReason(parent, 'x-reason') } };
    case 'not':
      return { path, problem: { problem: 'not-allowed', shown, ...schemaReason(parent, 'x-not-reason') } };
    case 'anyOf': {
      const branches = (parent.anyOf as Record<string, unknown>[] | undefined) ?? [];
      const reasons = branches.flatMap((b) => (typeof b['x-reason'] === 'string' ? [{ schemaReason: b['x-reason'] as SchemaReason }] : []));
      return { path, problem: { problem: 'not-any-of', shown, reasons } };
    }
    default:
      return { path, problem: { problem: 'other', shown, validatorMessage: String(error.message) } };
  }
}
