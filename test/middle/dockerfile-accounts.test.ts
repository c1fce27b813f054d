// The users and groups a Dockerfile gives certain IDs (passes/support/dockerfile-accounts.ts),
// and every way it can leave a name without one.

import { describe, expect, it } from 'vitest';
import { readDockerfileAccounts, type AccountFinding, type DockerfileBuild } from '../../passes/support/dockerfile-accounts.js';

function accounts(text: string, build: Partial<DockerfileBuild> = {}) {
  const read = readDockerfileAccounts(text, { args: {}, ...build });
  if (read === 'no-such-target') throw new Error('no such target');
  return read;
}
const user = (text: string, name = 'app', build: Partial<DockerfileBuild> = {}): AccountFinding => accounts(text, build).user(name);
const group = (text: string, name = 'app', build: Partial<DockerfileBuild> = {}): AccountFinding => accounts(text, build).group(name);

describe('IDs the Dockerfile fixes', () => {
  it('reads useradd, adduser, groupadd and addgroup with their ID options, each spelling', () => {
    expect(user('FROM x\nRUN useradd -u 1111 app\n')).toEqual({ kind: 'id', id: 1111, line: 2 });
    expect(user('FROM x\nRUN useradd --uid 1111 app\n')).toEqual({ kind: 'id', id: 1111, line: 2 });
    expect(user('FROM x\nRUN useradd --uid=1111 -m app\n')).toEqual({ kind: 'id', id: 1111, line: 2 });
    expect(user('FROM x\nRUN useradd -mu1111 -s /bin/bash app\n')).toEqual({ kind: 'id', id: 1111, line: 2 });
    expect(user('FROM alpine\nRUN adduser -D -u 1111 app\n')).toEqual({ kind: 'id', id: 1111, line: 2 });
    expect(user('FROM debian\nRUN adduser --disabled-password --gecos "" --uid 1111 app\n')).toEqual({ kind: 'id', id: 1111, line: 2 });
    expect(group('FROM x\nRUN groupadd -g 2000 app\n')).toEqual({ kind: 'id', id: 2000, line: 2 });
    expect(group('FROM x\nRUN groupadd --gid 2000 app\n')).toEqual({ kind: 'id', id: 2000, line: 2 });
    expect(group('FROM alpine\nRUN addgroup -g 2000 -S app\n')).toEqual({ kind: 'id', id: 2000, line: 2 });
    expect(group('FROM debian\nRUN addgroup --gid 2000 app\n')).toEqual({ kind: 'id', id: 2000, line: 2 });
  });

  it('follows && chains and continuation lines, naming the line the command starts on', () => {
    const text = 'FROM x\nRUN apt-get update \\\n  # a comment inside the continuation\n\n  && groupadd -g 2000 staff \\\n  && useradd \\\n     -u 1111 -g staff app\n';
    expect(user(text)).toEqual({ kind: 'id', id: 1111, line: 6 });
    expect(group(text, 'staff')).toEqual({ kind: 'id', id: 2000, line: 5 });
    // -g gives the primary group: no group of the user's own name is made.
    expect(group(text, 'app')).toEqual({ kind: 'absent' });
  });

  it('reads the exec form and RUN heredocs', () => {
    expect(user('FROM x\nRUN ["useradd", "-u", "1111", "app"]\n')).toEqual({ kind: 'id', id: 1111, line: 2 });
    expect(user('FROM x\nRUN <<EOF\nset -e\napt-get update\nuseradd -u 1111 app\nEOF\n')).toEqual({ kind: 'id', id: 1111, line: 5 });
  });

  it('substitutes ARG defaults, build args and ENV values', () => {
    expect(user('FROM x\nARG UID=1111\nRUN useradd -u ${UID} app\n')).toEqual({ kind: 'id', id: 1111, line: 3 });
    expect(user('FROM x\nARG UID=1111\nRUN useradd -u $UID app\n', 'app', { args: { UID: '4000' } })).toEqual({ kind: 'id', id: 4000, line: 3 });
    expect(user('ARG UID=1111\nFROM x\nARG UID\nRUN useradd -u $UID app\n')).toEqual({ kind: 'id', id: 1111, line: 4 });
    expect(user('FROM x\nENV APP_UID 1111\nRUN useradd -u "$APP_UID" app\n')).toEqual({ kind: 'id', id: 1111, line: 3 });
    expect(user('FROM x\nARG UID\nRUN useradd -u $UID app\n')).toEqual({ kind: 'variable', line: 3, variable: 'UID' });
    // A global ARG is not seen in a stage that does not declare it again.
    expect(user('ARG UID=1111\nFROM x\nRUN useradd -u $UID app\n')).toEqual({ kind: 'variable', line: 3, variable: 'UID' });
  });

  it('reads an /etc/passwd or /etc/group written by a COPY heredoc', () => {
    const text = 'FROM scratch\nCOPY <<EOF /etc/passwd\nroot:x:0:0::/:/bin/sh\napp:x:1111:1111::/home/app:/bin/sh\nEOF\n';
    expect(user(text)).toEqual({ kind: 'id', id: 1111, line: 4 });
    const quoted = 'FROM scratch\nCOPY <<"EOF" /etc/group\nstaff:x:2000:\nEOF\n';
    expect(group(quoted, 'staff')).toEqual({ kind: 'id', id: 2000, line: 3 });
  });

  it('reads an /etc/passwd a COPY takes from the build context, at the COPY line', () => {
    const files: Record<string, string> = { 'etc/passwd': 'root:x:0:0::/:/bin/sh\napp:x:1111:1111::/home/app:/bin/sh\n' };
    const readContextFile = (path: string) => files[path];
    expect(user('FROM x\nCOPY ./etc/passwd /etc/passwd\n', 'app', { readContextFile })).toEqual({ kind: 'id', id: 1111, line: 2 });
    expect(user('FROM x\nCOPY missing /etc/passwd\n', 'app', { readContextFile })).toEqual({ kind: 'replaced', line: 2 });
    expect(user('FROM x\nADD etc/passwd /etc/passwd\n', 'app', { readContextFile })).toEqual({ kind: 'replaced', line: 2 });
    expect(user('FROM x\nCOPY etc/pass* /etc/passwd\n', 'app', { readContextFile })).toEqual({ kind: 'replaced', line: 2 });
    expect(user('FROM x\nCOPY ../etc/passwd /etc/passwd\n', 'app', { readContextFile: () => files['etc/passwd'] })).toEqual({ kind: 'replaced', line: 2 });
  });

  it('opens no heredoc inside a quoted string, nor on other instructions', () => {
    const text = 'FROM x\nRUN useradd -u 1111 app\nRUN echo "a <<EOF"\nRUN usermod -u 2000 app\n';
    expect(user(text)).toEqual({ kind: 'changed', line: 4 });
    expect(user('FROM x\nLABEL note="<<EOF"\nRUN useradd -u 1111 app\n')).toEqual({ kind: 'id', id: 1111, line: 3 });
  });
});

describe('stages', () => {
  const text = [
    'FROM x AS build',
    'RUN useradd -u 2222 app',
    'FROM x AS base',
    'RUN useradd -u 1111 app',
    'FROM base AS runtime',
    'USER app',
    'FROM base AS debug',
    'RUN usermod -u 3333 app',
  ].join('\n');

  it('reads the stage built and the stages it is FROM, nothing else', () => {
    expect(user(text, 'app', { target: 'runtime' })).toEqual({ kind: 'id', id: 1111, line: 4 });
    expect(user(text)).toEqual({ kind: 'changed', line: 8 });
    expect(user(text, 'app', { target: 'build' })).toEqual({ kind: 'id', id: 2222, line: 2 });
    expect(accounts(text, { target: 'runtime' }).imageUser).toEqual({ text: 'app', line: 6 });
    expect(accounts(text, { target: 'debug' }).imageUser).toBeUndefined();
  });

  it('says when build.target names no stage', () => {
    expect(readDockerfileAccounts(text, { args: {}, target: 'missing' })).toBe('no-such-target');
  });
});

describe('names the Dockerfile does not make certain', () => {
  it('a creation without an ID, and the group a user tool makes of its name', () => {
    expect(user('FROM x\nRUN useradd -m app\n')).toEqual({ kind: 'without-id', line: 2, command: 'useradd', option: '-u' });
    expect(group('FROM x\nRUN groupadd app\n')).toEqual({ kind: 'without-id', line: 2, command: 'groupadd', option: '-g' });
    expect(group('FROM x\nRUN useradd -u 1111 app\n')).toEqual({ kind: 'own-group', line: 2, command: 'useradd' });
    expect(group('FROM alpine\nRUN adduser -D -u 1111 app\n')).toEqual({ kind: 'own-group', line: 2, command: 'adduser' });
  });

  it('a creation the build goes on without', () => {
    for (const run of [
      'useradd -u 1111 app || true',
      'id app || useradd -u 1111 app',
      'useradd -u 1111 app; echo done',
      'if ! id app; then useradd -u 1111 app; fi',
      'useradd -o -u 1111 app',
      'adduser --system --uid 1111 app',
    ]) {
      expect(user(`FROM x\nRUN ${run}\n`), run).toEqual({ kind: 'uncertain', line: 2 });
    }
    expect(group('FROM x\nRUN groupadd -f -g 2000 app\n')).toEqual({ kind: 'uncertain', line: 2 });
  });

  it('a name changed, deleted or created again later', () => {
    expect(user('FROM x\nRUN useradd -u 1111 app\nRUN usermod -u 2000 app\n')).toEqual({ kind: 'changed', line: 3 });
    expect(user('FROM x\nRUN useradd -u 1111 app\nRUN userdel app\n')).toEqual({ kind: 'changed', line: 3 });
    expect(user('FROM x\nRUN useradd -u 1111 app && useradd -u 1112 app\n')).toEqual({ kind: 'changed', line: 2 });
    expect(group('FROM x\nRUN groupadd -g 2000 app\nRUN groupmod -g 2001 app\n')).toEqual({ kind: 'changed', line: 3 });
    // Adding the user to groups changes no ID.
    expect(user('FROM x\nRUN useradd -u 1111 app && usermod -aG sudo app\n')).toEqual({ kind: 'id', id: 1111, line: 2 });
  });

  it('account files edited or replaced by what is not read', () => {
    expect(user("FROM x\nRUN useradd -u 1111 app\nRUN sed -i 's/1111/2000/' /etc/passwd\n")).toEqual({ kind: 'replaced', line: 3 });
    expect(user('FROM x\nCOPY passwd /etc/passwd\n')).toEqual({ kind: 'replaced', line: 2 });
    expect(user('FROM x\nCOPY --from=build /etc/passwd /etc/passwd\n')).toEqual({ kind: 'replaced', line: 2 });
    // Created after the replacement: certain again.
    expect(user('FROM x\nCOPY rootfs/etc/ /etc/\nRUN useradd -u 1111 app\n')).toEqual({ kind: 'id', id: 1111, line: 3 });
  });

  it('a name the Dockerfile does not create, and `adduser USER GROUP`, which creates nothing', () => {
    expect(user('FROM x\nRUN apt-get update\n')).toEqual({ kind: 'absent' });
    expect(user('FROM x\nRUN adduser app sudo\n')).toEqual({ kind: 'absent' });
    expect(user('FROM x\nRUN useradd -D -u 1111 app\n')).toEqual({ kind: 'absent' });
  });
});

describe('the image USER', () => {
  it('is the last USER of the chain, variables substituted', () => {
    expect(accounts('FROM x\nARG NAME=app\nUSER root\nUSER ${NAME}:staff\n').imageUser).toEqual({ text: 'app:staff', line: 4 });
    expect(accounts('FROM x\nUSER $UNSET\n').imageUser).toBeUndefined();
  });

  it('honours the escape directive', () => {
    expect(user('# escape=`\nFROM x\nRUN apt-get update `\n && useradd -u 1111 app\n')).toEqual({ kind: 'id', id: 1111, line: 4 });
  });
});
