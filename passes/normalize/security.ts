// The security keys of a service: `user`, `security_opt`, `cap_add`, `cap_drop`,
// `privileged` and `read_only`.

import type { BuildSource, Located, NamedUserSpec, Path, SecurityOpt, ComposeService, UserSpec } from '../ir.js';
import { valueOutcome } from '../keys.js';
import { MAX_ACCOUNT_ID } from '../support/dockerfile-accounts.js';
import { REMOTE_CONTEXT } from '../support/images.js';
import { reportValueOutcome } from '../support/value-outcomes.js';
import type { Env, Handlers } from './dispatch.js';
import { stringList, text } from './input.js';

/** A named user before the service's build is known (keys come in any order). */
export type UnresolvedUser = Omit<NamedUserSpec, 'build'>;

export const SERVICE_SECURITY_HANDLERS: Handlers<{ service: ComposeService; namedUser?: UnresolvedUser }> = {
  user: (v, p, s, env) => {
    const user = parseUser(v, p, env);
    if (user?.kind === 'named') s.namedUser = user;
    else if (user) s.service.user = user;
  },
  security_opt: (v, p, s, env) => {
    if (!Array.isArray(v)) return;
    s.service.securityOpts = v.flatMap((entry, i) => securityOpt(entry, [...p, i], env) ?? []);
  },
  cap_add: (v, p, s, env) => {
    s.service.capAdd = capabilities(v, p, env);
  },
  cap_drop: (v, p, s, env) => {
    s.service.capDrop = capabilities(v, p, env);
  },
  privileged: (v, p, s) => {
    if (typeof v === 'boolean') s.service.privileged = { value: v, path: p };
  },
  read_only: (v, p, s) => {
    if (typeof v === 'boolean') s.service.readOnly = { value: v, path: p };
  },
};

/**
 * A user and group name (each optional) is a name shadow's tools accept: a letter or `_`
 * first, then letters, digits, `_`, `.`, `-`, and an optional trailing `$`.
 */
const ACCOUNT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

function parseUser(value: unknown, path: Path, env: Env): UserSpec | UnresolvedUser | undefined {
  const raw = text(value);
  const colon = raw.indexOf(':');
  const user = colon < 0 ? raw : raw.slice(0, colon);
  const group = colon < 0 ? undefined : raw.slice(colon + 1);
  const id = (part: string): number | undefined => {
    // Docker reads numeric IDs with Go's strconv.Atoi, which takes a sign ("+1000"), as
    // Python's int() in the reference converter does.
    // (`+ 0` turns "-0" into 0.)
    if (/^[+-]?\d+$/.test(part)) return Number(part) + 0;
    // root is user and group 0 in every image; any other name depends on the image.
    if (part === 'root' && !env.ctx.options.strict) {
      env.ctx.report('C2A067', path, { user: raw });
      return 0;
    }
    return undefined;
  };
  const uid = id(user);
  const gid = group === undefined ? undefined : id(group);
  const named = uid === undefined || (group !== undefined && gid === undefined);
  // Names only the build's Dockerfile can resolve (lower:security); the reference converter
  // knows no Dockerfile, so under --strict a name is refused here, as there.
  const resolvable = (part: string | undefined, parsed: number | undefined) => part === undefined || parsed !== undefined || ACCOUNT_NAME.test(part);
  if (named && (env.ctx.options.strict || !resolvable(user, uid) || !resolvable(group, gid))) {
    env.ctx.report('C2A060', path, { user: raw });
    return undefined;
  }
  // Docker refuses IDs outside 0-2147483647 ("uids and gids must be in range"), and the
  // Kubernetes API server refuses such a runAsUser or runAsGroup.
  for (const [kind, parsed, written] of [['user', uid, user], ['group', gid, group]] as const) {
    if (parsed !== undefined && (parsed < 0 || parsed > MAX_ACCOUNT_ID)) {
      env.ctx.report('C2A068', path, { user: raw, kind, id: written ?? '' });
      return undefined;
    }
  }
  if (named) return { kind: 'named', written: raw, user: uid ?? user, ...(group !== undefined ? { group: gid ?? group } : {}), path };
  return { uid: uid!, ...(gid !== undefined ? { gid } : {}), path };
}

/**
 * A named user of a service with a local build: left for lower:security to resolve from the
 * build's Dockerfile. Without a build, or with a remote one, nothing can resolve it (C2A060).
 */
export function userFromBuild(named: UnresolvedUser, build: BuildSource | undefined, env: Env): NamedUserSpec | undefined {
  if (build && (build.dockerfileInline !== undefined || !REMOTE_CONTEXT.test(build.context))) return { ...named, build };
  if (build) env.ctx.report('C2A060', named.path, { user: named.written, finding: 'remote-build', context: build.context });
  else env.ctx.report('C2A060', named.path, { user: named.written });
  return undefined;
}

function securityOpt(entry: unknown, path: Path, env: Env): SecurityOpt | undefined {
  const raw = text(entry);
  const sep = raw.search(/[=:]/);
  const option = sep < 0 ? raw : raw.slice(0, sep);
  const value = sep < 0 ? '' : raw.slice(sep + 1);
  // The key table decides which options convert; those that do are read here, and an entry
  // of such an option that cannot be expressed is refused below.
  const fate = valueOutcome('service', 'security_opt', option, env.ctx.options.strict)!;
  if (!reportValueOutcome(env.ctx, path, 'security_opt', raw, fate)) return undefined;
  switch (option) {
    case 'seccomp':
      return { kind: 'seccomp', profile: value, path };
    case 'no-new-privileges':
      if (value === '' || value === 'true' || value === 'false') return { kind: 'no-new-privileges', enabled: value !== 'false', path };
      break;
    case 'apparmor':
      if (value !== '') return { kind: 'apparmor', profile: value, path };
      break;
    case 'label': {
      const colon = value.search(/[:=]/);
      const field = colon < 0 ? value : value.slice(0, colon);
      if (field === 'disable' && colon < 0) return { kind: 'label', field, value: '', path };
      if (['user', 'role', 'type', 'level'].includes(field) && colon >= 0) {
        return { kind: 'label', field, value: value.slice(colon + 1), path };
      }
      break;
    }
  }
  env.ctx.report('C2A065', path, { entry: raw, reason: 'not-expressible' });
  return undefined;
}

function capabilities(value: unknown, path: Path, env: Env): Located<string>[] {
  return stringList(value, path).flatMap((cap) => {
    // Kubernetes names capabilities without the CAP_ prefix Docker also accepts.
    const name = cap.value.toUpperCase().replace(/^CAP_/, '');
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) {
      env.ctx.report('C2A065', cap.path, { entry: cap.value, reason: 'not-a-capability' });
      return [];
    }
    return [{ value: name, path: cap.path }];
  });
}
