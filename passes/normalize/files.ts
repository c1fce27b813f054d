// Files: the top-level `configs` and `secrets`, and per service the grants of them
// (`configs`, `secrets`) and `env_file`.

import type { EnvFileRef, FileGrant, FileResource, Path, ComposeService } from '../ir.js';
import { dispatch, dispatchInto, textField, type Env, type Handlers } from './dispatch.js';
import { isObject, text } from './input.js';
import { found } from '../support/found.js';

export const FILE_RESOURCE_HANDLERS: Handlers<FileResource> = {
  file: textField('file'),
  content: textField('content'),
  environment: textField('environment'),
  external: (v, _p, s) => {
    // Compose accepts `external: true`, a string "true", or a mapping (the deprecated form
    // with a name): all mean the object exists outside the project.
    s.external = v === true || v === 'true' || isObject(v);
  },
};

export function fileResource(scope: 'config' | 'secret', name: string, body: unknown, path: Path, env: Env): FileResource {
  return dispatchInto<FileResource>(scope, body, path, FILE_RESOURCE_HANDLERS, { name, path }, env);
}

/** The service-level keys about files. */
export const SERVICE_FILE_HANDLERS: Handlers<{ service: ComposeService }> = {
  env_file: (v, p, s, env) => {
    s.service.envFiles = envFiles(v, p, env);
  },
  configs: (v, p, s, env) => {
    s.service.configs = fileGrants('service.configs[]', v, p, env);
  },
  secrets: (v, p, s, env) => {
    s.service.secrets = fileGrants('service.secrets[]', v, p, env);
  },
};

/** `true`/`false`, also as the strings interpolation leaves (`required: ${REQ}`). */
function flag(v: unknown): boolean | undefined {
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return undefined;
}

export const ENV_FILE_HANDLERS: Handlers<EnvFileRef> = {
  path: textField('file'),
  required: (v, p, s, env) => {
    const b = flag(v);
    if (b === undefined) env.ctx.report('C2A049', p, { key: 'env_file.required', expected: 'true-or-false', ...found(v) });
    else s.required = b;
  },
  format: (v, p, s, env) => {
    // compose-go reads the Compose syntax (format unset or `.env`); the docker CLI adds `raw`.
    const format = text(v);
    if (format === 'raw') s.format = 'raw';
    else if (format !== '' && format !== '.env') {
      env.ctx.report('C2A049', p, { key: 'env_file.format', expected: 'raw-env-file-format', ...found(v) });
    }
  },
};

function envFiles(value: unknown, path: Path, env: Env): EnvFileRef[] {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return list.flatMap((item, i): EnvFileRef[] => {
    const at = typeof value === 'string' ? path : [...path, i];
    if (typeof item === 'string') return [{ file: item, required: true, path: at }];
    if (!isObject(item)) return [];
    const ref: EnvFileRef = { file: '', required: true, path: at };
    dispatch('service.env_file[]', item, at, ENV_FILE_HANDLERS, ref, env);
    return ref.file === '' ? [] : [ref];
  });
}

/**
 * A file mode as compose-go reads it: a number is the mode (the YAML reader already read
 * `0440` as octal, and `440` is decimal 440, as under Docker), a string is octal digits.
 */
function fileMode(v: unknown): number | undefined {
  if (typeof v === 'string' && /^0?[0-7]{1,4}$/.test(v)) return parseInt(v, 8);
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  return undefined;
}

export const FILE_GRANT_HANDLERS: Handlers<FileGrant> = {
  source: textField('source'),
  target: textField('target'),
  mode: (v, p, s, env) => {
    const mode = fileMode(v);
    if (mode === undefined || mode > 0o7777) env.ctx.report('C2A049', p, { key: 'mode', expected: 'file-mode-such-as-0440', ...found(v) });
    else s.mode = mode;
  },
  uid: textField('uid'),
  gid: textField('gid'),
};

function fileGrants(scope: 'service.configs[]' | 'service.secrets[]', value: unknown, path: Path, env: Env): FileGrant[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i): FileGrant[] => {
    const at = [...path, i];
    if (typeof item === 'string') return [{ source: item, path: at }];
    if (!isObject(item)) return [];
    const grant: FileGrant = { source: '', path: at };
    dispatch(scope, item, at, FILE_GRANT_HANDLERS, grant, env);
    return [grant];
  });
}
