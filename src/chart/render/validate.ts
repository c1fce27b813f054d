// Every object is checked before it is printed: the Kubernetes kinds the chart writes (and
// the converter puts into additionalResources) by validators the build took from the
// kubernetes-models package (scripts/build-schemas.js), CiliumNetworkPolicy against our own
// schema of the fields the chart writes. Any other built-in kind, written by hand into
// additionalResources, is checked through kubernetes-models itself, loaded only then.
//
// A problem inside a part copied from the values (an annotation, a probe, a port) is the
// values' fault and is reported there; a problem anywhere else means the renderer built
// something the chart never would — an InternalFault.

import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validateCiliumNetworkPolicy } from '../../../schemas/generated/cilium-network-policy-validator.js';
import { kubernetesValidator } from '../../../schemas/generated/kubernetes-validators.js';
import { pointerToIndexedPath } from '../../base/json-pointer.js';
import type { ObjectPath, Origin } from './scope.js';

/** A bug in compose2agent: valid values rendered an invalid object. */
export class InternalFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalFault';
  }
}

export interface ObjectProblem {
  /** Where in the object. */
  path: ObjectPath;
  /** What is wrong there, e.g. "must be string". */
  message: string;
}

/** A require for kubernetes-models, made on first use: most renders never need one. */
let requireModel: NodeJS.Require | undefined;

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const models = new Map<string, ModelClass | null>();

/**
 * The kubernetes-models class for an apiVersion and kind the build did not precompile, or
 * null when the package has none (a custom resource).
 */
function modelFor(apiVersion: string, kind: string): ModelClass | null {
  const id = `${apiVersion}/${kind}`;
  if (models.has(id)) return models.get(id)!;
  let model: ModelClass | null = null;
  if (/^[A-Za-z0-9.]+(?:\/[A-Za-z0-9]+)?$/.test(apiVersion) && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    try {
      requireModel ??= createRequire(import.meta.url);
      const loaded = requireModel(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, ModelClass>;
      model = loaded[kind] ?? null;
    } catch {
      model = null;
    }
  }
  models.set(id, model);
  return model;
}

/**
 * What an error of a precompiled Kubernetes validator says, worded as kubernetes-models words
 * it (ajv-i18n's English); the build fails on a keyword not worded here.
 */
function kubernetesMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(params.type)}`;
    case 'required':
      return `must have required property ${String(params.missingProperty)}`;
    case 'enum':
      return 'must be equal to one of the allowed values';
    case 'format':
      return `must match format "${String(params.format)}"`;
    case 'oneOf':
      return 'must match exactly one schema in "oneOf"';
    default:
      return error.message ?? 'is invalid';
  }
}

/** The problems ajv reported, with an enum's allowed values named. */
function problemsOf(errors: readonly { instancePath?: string; message?: string; params?: unknown }[]): ObjectProblem[] {
  return errors.map((e) => ({
    path: pointerToIndexedPath(e.instancePath ?? ''),
    message: `${e.message ?? 'is invalid'}${
      e.params && typeof e.params === 'object' && 'allowedValues' in e.params
        ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
        : ''
    }`,
  }));
}

/** Our CiliumNetworkPolicy schema, precompiled at build time (scripts/build-schemas.js). */
const cnpValidator = validateCiliumNetworkPolicy as unknown as ValidateFunction;

function validateCnp(object: unknown): ObjectProblem[] {
  if (cnpValidator(object)) return [];
  return (cnpValidator.errors ?? []).map((e) => ({
    path: pointerToIndexedPath(e.instancePath),
    message: `${e.message ?? 'is invalid'}${
      e.keyword === 'additionalProperties' ? ` ('${String((e.params as { additionalProperty?: string }).additionalProperty)}')` : ''
    }`,
  }));
}


/**
 * The problems of one object, or undefined when its kind is one we have no schema for
 * (custom resources given in additionalResources).
 */
export function validateObject(object: Record<string, unknown>): ObjectProblem[] | undefined {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  if (apiVersion === 'cilium.io/v2' && kind === 'CiliumNetworkPolicy') return validateCnp(object);
  const precompiled = kubernetesValidator(`${apiVersion}/${kind}`) as ValidateFunction | undefined;
  if (precompiled) {
    if (precompiled(object)) return [];
    return problemsOf((precompiled.errors ?? []).map((e) => ({ ...e, message: kubernetesMessage(e) })));
  }
  return validateWithModel(apiVersion, kind, object);
}

/** validateObject through the kubernetes-models class of a kind the build did not precompile. */
export function validateWithModel(apiVersion: string, kind: string, object: Record<string, unknown>): ObjectProblem[] | undefined {
  const model = modelFor(apiVersion, kind);
  if (!model) return undefined;
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath?: string; message?: string; params?: unknown }[] }).errors;
    if (!Array.isArray(errors)) return [{ path: [], message: String((error as Error).message ?? error) }];
    return problemsOf(errors);
  }
}

/** The origin whose object path is the longest prefix of `path`, if any. */
export function originOf(path: ObjectPath, origins: readonly Origin[]): { origin: Origin; rest: ObjectPath } | undefined {
  let best: Origin | undefined;
  for (const origin of origins) {
    if (origin.at.length > path.length) continue;
    if (!origin.at.every((part, i) => part === path[i])) continue;
    if (!best || origin.at.length > best.at.length) best = origin;
  }
  return best ? { origin: best, rest: path.slice(best.at.length) } : undefined;
}
