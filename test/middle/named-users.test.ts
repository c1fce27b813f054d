// A `user` given by name on a service built from a local Dockerfile: resolved in
// lower:security from that Dockerfile, or refused with what the Dockerfile showed.

import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions } from '../../passes/compile.js';

function run(compose: string, files: Record<string, string>, options: ConvertOptions = {}) {
  const result = convert(compose, {
    filename: 'compose.yaml',
    imageRegistry: 'registry.example.com/evals',
    ...options,
    host: { env: {}, readFile: (path) => files[path] },
  });
  const user = result.diagnostics.filter((d) => d.code === 'C2A060' || d.code === 'C2A069' || d.code === 'C2A068');
  return {
    securityContext: result.values?.services.default?.securityContext,
    diagnostics: user.map((d) => ({ code: d.code, line: d.line, message: d.message, ...(d.hint ? { hint: d.hint } : {}) })),
  };
}

const service = (user: string, build = 'build: ./app') => `services:\n  default:\n    image: ubuntu\n    ${build}\n    user: ${user}\n    command: [sleep, infinity]\n`;

describe('a named user resolved from the build', () => {
  it('gives runAsUser from a useradd with -u, and says where from', () => {
    const r = run(service('nonroot'), { 'app/Dockerfile': 'FROM debian\nRUN useradd --create-home --uid 1111 nonroot\n' });
    expect(r.securityContext).toEqual({ runAsUser: 1111 });
    expect(r.diagnostics).toEqual([{ code: 'C2A069', line: 5, message: "user 'nonroot' is uid 1111, from app/Dockerfile:2" }]);
  });

  it('resolves a named group with a numeric user, and a numeric group with a named user', () => {
    const files = { 'app/Dockerfile': 'FROM alpine\nRUN addgroup -g 2000 staff && adduser -D -u 1111 -G staff app\n' };
    expect(run(service('"1000:staff"'), files).securityContext).toEqual({ runAsUser: 1000, runAsGroup: 2000 });
    expect(run(service('"app:3000"'), files).securityContext).toEqual({ runAsUser: 1111, runAsGroup: 3000 });
    expect(run(service('"1000:staff"'), files).diagnostics[0]!.message).toBe("user '1000:staff' has group 'staff', gid 2000, from app/Dockerfile:2");
  });

  it('reads the Dockerfile build.dockerfile names, and an inline one', () => {
    const long = service('app', 'build: { context: ./app, dockerfile: docker/Dockerfile.test }');
    expect(run(long, { 'app/docker/Dockerfile.test': 'FROM x\nRUN useradd -u 1234 app\n' }).diagnostics[0]!.message).toBe("user 'app' is uid 1234, from app/docker/Dockerfile.test:2");
    const inline = service('app', 'build: { dockerfile_inline: "FROM x\\nRUN useradd -u 1234 app\\n" }');
    expect(run(inline, {}).securityContext).toEqual({ runAsUser: 1234 });
  });

  it('takes the build args for the ID', () => {
    const args = service('app', 'build: { context: ./app, args: { UID: "4242" } }');
    expect(run(args, { 'app/Dockerfile': 'FROM x\nARG UID=1000\nRUN useradd -u $UID app\n' }).securityContext).toEqual({ runAsUser: 4242 });
  });

  it('reads an /etc/passwd the Dockerfile copies from the build context', () => {
    const files = { 'app/Dockerfile': 'FROM scratch\nCOPY rootfs/passwd /etc/passwd\n', 'app/rootfs/passwd': 'app:x:1500:1500::/:/bin/sh\n' };
    expect(run(service('app'), files).securityContext).toEqual({ runAsUser: 1500 });
  });

  it("sets no ID for the image's own USER, which the runtime resolves as Docker does", () => {
    const r = run(service('app'), { 'app/Dockerfile': 'FROM x\nRUN useradd -m app\nUSER app\n' });
    expect(r.securityContext).toBeUndefined();
    expect(r.diagnostics[0]!.message).toContain("is the image's own USER, from app/Dockerfile:3");
  });
});

describe('a named user refused', () => {
  it('names the Dockerfile line that creates the user without an ID', () => {
    const r = run(service('nonroot'), { 'app/Dockerfile': 'FROM x\nRUN useradd -m nonroot\n' });
    expect(r.securityContext).toBeUndefined();
    expect(r.diagnostics).toEqual([
      {
        code: 'C2A060',
        line: 5,
        message:
          "user 'nonroot' cannot be converted: Kubernetes runs containers as numeric user and group IDs, and 'nonroot' is created at app/Dockerfile:2 without an ID, so it gets the next free one, which depends on the base image",
        hint: 'give it one there (`useradd -u <id> ... nonroot`), or write the numeric uid[:gid]',
      },
    ]);
  });

  it('refuses the group useradd makes of the user name', () => {
    const r = run(service('app:app'), { 'app/Dockerfile': 'FROM x\nRUN useradd -u 1111 app\n' });
    expect(r.diagnostics[0]!.message).toContain("group 'app' is the one useradd makes for the user at app/Dockerfile:2");
  });

  it('without a Dockerfile to read, with a remote build, or without a build', () => {
    expect(run(service('app'), {}).diagnostics[0]!.message).toContain("the build's Dockerfile app/Dockerfile cannot be read");
    expect(run(service('app', 'build: https://github.com/example/app.git'), {}).diagnostics[0]!.message).toContain('is fetched by the build');
    expect(run(service('app', 'pull_policy: always'), {}).diagnostics).toEqual([
      expect.objectContaining({ code: 'C2A060', message: "user 'app' cannot be converted: Kubernetes runs containers as numeric user and group IDs" }),
    ]);
  });

  it('a target stage the Dockerfile does not have, and a name it does not create', () => {
    const files = { 'app/Dockerfile': 'FROM x AS base\nRUN apt-get update\n' };
    expect(run(service('app', 'build: { context: ./app, target: test }'), files).diagnostics[0]!.message).toContain("has no stage 'test'");
    expect(run(service('app'), files).diagnostics[0]!.message).toContain("app/Dockerfile does not create 'app'");
  });

  it('an ID past what Kubernetes accepts', () => {
    const r = run(service('app'), { 'app/Dockerfile': 'FROM x\nRUN useradd -u 3000000000 app\n' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['C2A068']);
  });

  it('under --strict, as the reference converter, which reads no Dockerfile', () => {
    const r = run(service('app'), { 'app/Dockerfile': 'FROM x\nRUN useradd -u 1111 app\n' }, { strict: true });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['C2A060']);
  });

  it('names that are no account names are refused before any Dockerfile is read', () => {
    const files = { 'app/Dockerfile': 'FROM x\nRUN useradd -u 1111 app\n' };
    for (const user of ['"app:"', '":app"', '"a b"', '"1:2:3"']) expect(run(service(user), files).diagnostics.map((d) => d.message), user).toEqual([
      expect.not.stringContaining('Dockerfile'),
    ]);
  });
});
