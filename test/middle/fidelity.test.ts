// Behaviour that differs from Docker Compose and is warned about without changing the values:
// a named volume that hides the image's files (C2A325), a healthcheck whose probe timing
// differs (C2A326), a service whose program ends (C2A327, C2A328).

import { describe, expect, test } from 'vitest';
import { convertedMiddle } from './harness.js';
import { howProgramEnds, runsShell } from '../../passes/support/program-ends.js';

/** The diagnostics of one code: line and message. */
function reported(text: string, code: string, opts: Parameters<typeof convertedMiddle>[1] = {}) {
  return convertedMiddle(text, opts)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => ({ line: d.line, message: d.message, hint: d.hint }));
}

const AGENT = `
  default:
    image: ubuntu:24.04
    command: ["sleep", "infinity"]`;

describe('C2A325: a named volume over the image\'s files', () => {
  test('warns once per volume, at the mount of the service Docker starts first', () => {
    const text = `services:${AGENT}
  web:
    image: nginx:1.27
    depends_on: [content]
    volumes:
      - site:/usr/share/nginx/html
  content:
    image: registry.example.com/content:1
    volumes:
      - site:/content
volumes:
  site: {}
`;
    const warnings = reported(text, 'C2A325');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(13);
    expect(warnings[0]!.message).toContain("volume 'site' is mounted at '/content' by service 'content'");
    expect(warnings[0]!.message).toContain("(also from 'web', which mounts the volume too)");
    expect(warnings[0]!.hint).toContain('nocopy: true');
  });

  test('nocopy, in the long or the short syntax, says an empty volume is intended', () => {
    const text = `services:${AGENT}
    volumes:
      - type: volume
        source: a
        target: /a
        volume: {nocopy: true}
      - bb:/b:ro,nocopy
volumes:
  a: {}
  bb: {}
`;
    expect(reported(text, 'C2A325')).toEqual([]);
  });

  test('a nocopy mount does not fill the volume: the next service to start does', () => {
    const text = `services:${AGENT}
    volumes:
      - data:/data:nocopy
  seeder:
    image: registry.example.com/seed:1
    volumes:
      - data:/seed
volumes:
  data: {}
`;
    expect(reported(text, 'C2A325').map((w) => w.line)).toEqual([10]);
  });

  test('the values do not change', () => {
    const text = `services:${AGENT}
    volumes:
      - data:/data
volumes:
  data: {}
`;
    expect(convertedMiddle(text).values.services.default!.volumes).toEqual(['data:/data']);
  });
});

describe('C2A326: healthcheck timing', () => {
  const service = (healthcheck: string) => `services:${AGENT}
  web:
    image: nginx:1.27
    healthcheck:
${healthcheck}
`;

  test('an unset timeout is 1 s; the unset interval is listed with it', () => {
    const [w, ...rest] = reported(service('      test: ["CMD", "curl", "-f", "http://localhost/"]'), 'C2A326');
    expect(rest).toEqual([]);
    expect(w!.line).toBe(7);
    expect(w!.message).toContain("each check may take 1 s (Kubernetes' default), not Docker's 30 s");
    expect(w!.message).toContain('checks run every 10 s');
    expect(w!.hint).toContain('timeout:');
  });

  test('a start_period is a delay without checks; Docker checks every start_interval (5 s unless set)', () => {
    const base = '      test: ["CMD", "true"]\n      timeout: 5s\n      interval: 30s\n      start_period: 1m';
    const [w] = reported(service(base), 'C2A326');
    expect(w!.message).toContain('no check runs during the start_period (60 s');
    expect(w!.message).toContain('Docker checks every 5 s meanwhile');
    expect(w!.message).not.toContain('checks run every 10 s');
    const [fast] = reported(service(`${base}\n      start_interval: 500ms`), 'C2A326');
    expect(fast!.message).toContain('Docker checks every 0.5 s meanwhile');
  });

  test('no warning when the durations that matter are written, nor for an unset interval alone', () => {
    expect(reported(service('      test: ["CMD", "true"]\n      timeout: 30s'), 'C2A326')).toEqual([]);
    expect(reported(service('      test: ["CMD", "true"]\n      disable: true'), 'C2A326')).toEqual([]);
  });

  test('a service others wait for to complete gets its own probe: its healthcheck is not warned about', () => {
    const text = `services:${AGENT}
    depends_on:
      init: {condition: service_completed_successfully}
  init:
    image: busybox:1.36
    entrypoint: ["touch", "/tmp/done"]
    healthcheck:
      test: ["CMD", "true"]
`;
    expect(reported(text, 'C2A326')).toEqual([]);
  });

  test('the probe keeps the durations the file writes', () => {
    const { values } = convertedMiddle(service('      test: ["CMD", "true"]\n      start_period: 10s'));
    expect(values.services.web!.readinessProbe).toEqual({ exec: { command: ['true'] }, initialDelaySeconds: 10 });
  });
});

describe('C2A327 and C2A328: services that exit', () => {
  test('a command that ends, which Compose leaves exited, is warned about at the command', () => {
    const text = `services:${AGENT}
  seed:
    image: busybox:1.36
    command: sh -c "cp -r /opt/seed/. /data/ && echo done"
  once:
    image: busybox:1.36
    entrypoint: ["sh", "-c", "./migrate; exit 0"]
    restart: on-failure
`;
    const warnings = reported(text, 'C2A327');
    expect(warnings.map((w) => w.line)).toEqual([7, 10]);
    expect(warnings[0]!.message).toContain('`restart` is "no" by default');
    expect(warnings[1]!.message).toContain('stays exited once it succeeds (`restart: on-failure`)');
    expect(warnings[0]!.hint).toContain('condition: service_completed_successfully');
  });

  test('no warning where Docker restarts it too, where it may stay up, or where it runs once', () => {
    const text = `services:${AGENT}
  ticker:
    image: busybox:1.36
    command: ["echo", "tick"]
    restart: unless-stopped
  server:
    image: registry.example.com/app:1
    command: sh -c "python serve.py || exit 1"
  keepalive:
    image: busybox:1.36
    command: sh -c "mkdir -p /x && tail -f /dev/null"
  init:
    image: busybox:1.36
    entrypoint: ["touch", "/tmp/done"]
  app:
    image: registry.example.com/app:1
    command: ["serve"]
    depends_on:
      init: {condition: service_completed_successfully}
`;
    expect(reported(text, 'C2A327')).toEqual([]);
  });

  test('the default service with the chart keep-alive does not end; with its command run, it may', () => {
    expect(reported('services:\n  default:\n    image: busybox:1.36\n    tty: true\n', 'C2A327')).toEqual([]);
    expect(reported('services:\n  default:\n    image: busybox:1.36\n    command: ["echo", "hi"]\n', 'C2A327')).toHaveLength(1);
  });

  test('tty without a command warns only for an image whose program is a shell', () => {
    const text = `services:${AGENT}
  console:
    image: docker.io/library/ubuntu:24.04
    stdin_open: true
  server:
    image: registry.example.com/jenkins:2
    tty: true
  built:
    build: .
    tty: true
`;
    const warnings = reported(text, 'C2A328', { imageRegistry: 'registry.example.com/evals' });
    expect(warnings.map((w) => w.line)).toEqual([7]);
    expect(warnings[0]!.message).toContain('`stdin_open: true`');
  });
});

describe('howProgramEnds', () => {
  test.each([
    [['echo', 'hi'], { ending: 'program-returns', program: 'echo hi' }],
    [['sleep', '10'], { ending: 'program-returns', program: 'sleep 10' }],
    [['/bin/sh', '-ec', 'mkdir -p /x; chmod 700 /x;'], { ending: 'script-commands-all-end', last: 'chmod 700 /x' }],
    [['sh', '-c', 'seed.py && exit 0'], { ending: 'script-exits', last: 'exit 0' }],
    [['sh', '-c', 'echo start\nnginx &\n'], { ending: 'script-backgrounds-last', last: 'nginx' }],
  ])('%j ends', (words, how) => {
    expect(howProgramEnds(words)).toEqual(how);
  });

  test.each([
    [['sleep', 'infinity']],
    [['python', 'app.py']],
    [['sh', '-c', 'server || exit 1']],
    [['sh', '-c', 'server; echo stopped']],
    [['sh', '-c', 'tail -f /var/log/app.log | grep error']],
    [['sh', '-c', 'while true; do sleep 1; done']],
    [['sh', '-c', "echo 'a; exit' && exec nginx -g 'daemon off;'"]],
    [['sh', '-c', 'echo "unclosed']],
  ])('%j is not proven to end', (words) => {
    expect(howProgramEnds(words)).toBeUndefined();
  });

  test('runsShell reads Docker Hub names with a tag, a digest or the library prefix', () => {
    expect(runsShell('ubuntu')).toBe(true);
    expect(runsShell('python:3.12-slim')).toBe(true);
    expect(runsShell('docker.io/library/debian@sha256:0123')).toBe(true);
    expect(runsShell('registry.example.com/ubuntu:24.04')).toBe(false);
    expect(runsShell('nginx:1.27')).toBe(false);
  });
});
