// Pass — lower:security: the container's securityContext.
//
// user → runAsUser/runAsGroup; seccomp → seccompProfile (unconfined, builtin, or a profile
// path under the kubelet's seccomp root: absolute paths and `..` are refused so a profile
// cannot be read from elsewhere); no-new-privileges → allowPrivilegeEscalation: false;
// cap_add/cap_drop → capabilities; read_only → readOnlyRootFilesystem; apparmor →
// appArmorProfile; label → seLinuxOptions. `privileged: true` gives the container its node,
// so it needs the explicit opt-in x-inspect_k8s_sandbox.allow_privileged (or, for the whole
// file, --allow-privileged).
//
// A named user of a service built from a local Dockerfile (normalize leaves it unresolved) is
// looked up in that Dockerfile (passes/support/dockerfile-accounts.ts): a name it creates with
// a certain ID becomes that ID (C2A069 says where from); a name that is the image's own USER
// needs no ID, since the runtime resolves it in the image as Docker does; anything else is
// refused (C2A060) with what the Dockerfile showed instead.

import { posix } from 'node:path';
import type { C2A060Args } from '../../src/base/messages.js';
import type { PassContext } from '../context.js';
import type { LoweringIR, NamedUserSpec, SecurityContext, ServiceIR } from '../ir.js';
import { MAX_ACCOUNT_ID, readDockerfileAccounts, type AccountFinding } from '../support/dockerfile-accounts.js';

export function lowerSecurity(ir: LoweringIR, ctx: PassContext): LoweringIR {
  return { ...ir, services: ir.services.map((s) => lowerService(s, ctx, ctx.options.allowPrivileged)) };
}

function lowerService(s: ServiceIR, ctx: PassContext, allowPrivileged: boolean): ServiceIR {
  const sc: SecurityContext = {};
  const ids = s.user?.kind === 'named' ? resolveNamedUser(s.user, ctx) : s.user;
  if (ids?.uid !== undefined) sc.runAsUser = ids.uid;
  if (ids?.gid !== undefined) sc.runAsGroup = ids.gid;
  if (s.privileged?.value === true) {
    if (s.extension?.allowPrivileged === true || allowPrivileged) {
      ctx.report('C2A064', s.privileged.path, { service: s.name });
      sc.privileged = true;
    } else {
      ctx.report('C2A063', s.privileged.path, { service: s.name });
    }
  }
  if (s.readOnly?.value === true) sc.readOnlyRootFilesystem = true;
  const add = [...new Set(s.capAdd.map((c) => c.value))];
  const drop = [...new Set(s.capDrop.map((c) => c.value))];
  if (add.length > 0 || drop.length > 0) {
    sc.capabilities = { ...(add.length > 0 ? { add } : {}), ...(drop.length > 0 ? { drop } : {}) };
  }
  const selinux: NonNullable<SecurityContext['seLinuxOptions']> = {};
  for (const opt of s.securityOpts) {
    switch (opt.kind) {
      case 'seccomp': {
        const profile = opt.profile;
        if (profile === 'unconfined') sc.seccompProfile = { type: 'Unconfined' };
        // `builtin` is Docker's own default profile; the runtime's default is the closest.
        else if (profile === 'builtin') sc.seccompProfile = { type: 'RuntimeDefault' };
        else if (profile === '' || profile.startsWith('/') || profile.split('/').includes('..')) {
          ctx.report('C2A061', opt.path, { value: profile });
        } else {
          ctx.report('C2A062', opt.path, { profile });
          sc.seccompProfile = { type: 'Localhost', localhostProfile: profile };
        }
        break;
      }
      case 'no-new-privileges':
        if (opt.enabled) sc.allowPrivilegeEscalation = false;
        break;
      case 'apparmor':
        if (opt.profile === 'unconfined') sc.appArmorProfile = { type: 'Unconfined' };
        else if (opt.profile === 'docker-default' || opt.profile === 'runtime/default') sc.appArmorProfile = { type: 'RuntimeDefault' };
        else if (opt.profile.includes('/') || !/^[A-Za-z0-9_.-]+$/.test(opt.profile)) {
          ctx.report('C2A065', opt.path, { entry: `apparmor=${opt.profile}`, reason: 'apparmor-not-plain-name' });
        } else {
          ctx.report('C2A062', opt.path, { profile: opt.profile });
          sc.appArmorProfile = { type: 'Localhost', localhostProfile: opt.profile };
        }
        break;
      case 'label':
        if (opt.field === 'disable') ctx.report('C2A066', opt.path, { entry: 'label=disable' });
        else selinux[opt.field as 'user' | 'role' | 'type' | 'level'] = opt.value;
        break;
    }
  }
  if (Object.keys(selinux).length > 0) sc.seLinuxOptions = selinux;
  if (Object.keys(sc).length === 0) return s;
  return { ...s, k8s: { ...s.k8s, securityContext: sc } };
}

/**
 * The IDs of a named user, from its build's Dockerfile: `{}` when it is the image's own USER
 * (nothing to set), undefined when the Dockerfile does not make them certain (reported).
 */
function resolveNamedUser(user: NamedUserSpec, ctx: PassContext): { uid?: number; gid?: number } | undefined {
  const { build } = user;
  const written = user.written;
  // Shown as the compose file names it: the context, then the Dockerfile within it.
  const dockerfile = build.dockerfile ?? 'Dockerfile';
  const file = build.dockerfileInline !== undefined ? 'build.dockerfile_inline' : posix.isAbsolute(dockerfile) ? dockerfile : posix.join(build.context, dockerfile);
  const composeDir = posix.dirname(ctx.file.path);
  const text = build.dockerfileInline ?? ctx.host.readFile(posix.isAbsolute(file) ? file : posix.join(composeDir, file));
  const contextDir = posix.isAbsolute(build.context) ? build.context : posix.join(composeDir, build.context);
  const refuse = (args: C2A060Args) => {
    ctx.report('C2A060', user.path, args);
    return undefined;
  };
  if (text === undefined) return refuse({ user: written, finding: 'dockerfile-unreadable', file });
  const accounts = readDockerfileAccounts(text, {
    ...(build.target !== undefined ? { target: build.target } : {}),
    args: build.args,
    readContextFile: (path) => ctx.host.readFile(posix.join(contextDir, path)),
  });
  if (accounts === 'no-such-target') return refuse({ user: written, finding: 'no-such-target', file, target: build.target ?? '' });
  const lookUp = (part: string | number | undefined, find: (name: string) => AccountFinding): AccountFinding | undefined =>
    typeof part === 'string' ? find(part) : undefined;
  const userFinding = lookUp(user.user, accounts.user);
  const groupFinding = lookUp(user.group, accounts.group);
  const unresolved = [userFinding, groupFinding].find((f) => f !== undefined && f.kind !== 'id');
  if (unresolved) {
    const own = accounts.imageUser;
    if (own?.text === written) {
      ctx.report('C2A069', user.path, { user: written, file, resolution: 'image-user', line: own.line });
      return {};
    }
    const name = String(unresolved === userFinding ? user.user : user.group);
    return refuse(findingArgs(unresolved, written, file, name));
  }
  const uid = userFinding?.kind === 'id' ? userFinding : undefined;
  const gid = groupFinding?.kind === 'id' ? groupFinding : undefined;
  for (const [kind, found] of [['user', uid], ['group', gid]] as const) {
    if (found && found.id > MAX_ACCOUNT_ID) {
      ctx.report('C2A068', user.path, { user: written, kind, id: String(found.id) });
      return undefined;
    }
  }
  const group = String(user.group);
  if (uid && gid) ctx.report('C2A069', user.path, { user: written, file, resolution: 'uid-and-gid', uid: uid.id, line: uid.line, group, gid: gid.id, groupLine: gid.line });
  else if (uid) ctx.report('C2A069', user.path, { user: written, file, resolution: 'uid', uid: uid.id, line: uid.line });
  else if (gid) ctx.report('C2A069', user.path, { user: written, file, resolution: 'gid', group, gid: gid.id, groupLine: gid.line });
  const numeric = (part: string | number | undefined) => (typeof part === 'number' ? part : undefined);
  const userId = uid?.id ?? numeric(user.user);
  const groupId = gid?.id ?? numeric(user.group);
  return { ...(userId !== undefined ? { uid: userId } : {}), ...(groupId !== undefined ? { gid: groupId } : {}) };
}

/** The C2A060 variant of what the Dockerfile showed instead of a certain ID. */
function findingArgs(finding: Exclude<AccountFinding, { kind: 'id' }>, user: string, file: string, name: string): C2A060Args {
  switch (finding.kind) {
    case 'absent':
      return { user, finding: 'absent', file, name };
    case 'without-id':
      return { user, finding: 'without-id', file, line: finding.line, name, command: finding.command, option: finding.option };
    case 'own-group':
      return { user, finding: 'own-group', file, line: finding.line, name, command: finding.command };
    case 'variable':
      return { user, finding: 'variable', file, line: finding.line, name, variable: finding.variable };
    case 'changed':
    case 'uncertain':
    case 'replaced':
      return { user, finding: finding.kind, file, line: finding.line, name };
  }
}
