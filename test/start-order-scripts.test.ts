// The shell scripts lower:start-order writes into the values, run by a real POSIX shell: the
// wrapper marks completion only on success and then stays alive; the wait polls the name.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MARKER_DIR, WAIT, WRAPPER } from '../passes/support/start-order-scripts.js';
import { tempDir } from './support/temp-dir.js';

const SH = '/bin/sh';
const available = existsSync(SH);
/** The wrapper with its marker in `dir` instead of the memory volume. */
const wrapperIn = (dir: string) => WRAPPER.replaceAll(MARKER_DIR, dir);

/** Whether the process is still running `ms` after start, and the marker then. */
function runFor(script: string, args: string[], ms: number, env = process.env): Promise<{ running: boolean; code: number | null }> {
  return new Promise((resolve) => {
    // Its own process group, so that killing it also ends a `sleep` it runs.
    const child = spawn(SH, ['-c', script, 'svc', ...args], { stdio: 'ignore', env, detached: true });
    let code: number | null = null;
    let exited = false;
    child.on('exit', (c) => {
      exited = true;
      code = c;
    });
    setTimeout(() => {
      const running = !exited;
      if (running) process.kill(-child.pid!, 'SIGKILL');
      resolve({ running, code });
    }, ms);
  });
}

describe.skipIf(!available)('the run-once wrapper', () => {
  test('a program that fails exits with its status and leaves no mark', () => {
    const dir = tempDir('scripts');
    const r = spawnSync(SH, ['-c', wrapperIn(dir), 'svc', SH, '-c', 'exit 3'], { timeout: 5000, killSignal: 'SIGKILL' });
    expect(r.status).toBe(3);
    expect(existsSync(join(dir, 'completed'))).toBe(false);
  });

  test('a program that succeeds leaves the mark, and the container stays alive', async () => {
    const dir = tempDir('scripts');
    const r = await runFor(wrapperIn(dir), [SH, '-c', 'echo done'], 400);
    expect(existsSync(join(dir, 'completed'))).toBe(true);
    expect(r.running).toBe(true);
  });

  test('without tail in the image it idles with sleep instead of exiting', async () => {
    const dir = tempDir('scripts');
    const bin = tempDir('scripts');
    const sleep = spawnSync(SH, ['-c', 'command -v sleep']).stdout.toString().trim();
    symlinkSync(sleep, join(bin, 'sleep'));
    const r = await runFor(wrapperIn(dir), ['true'], 400, { PATH: bin });
    expect(existsSync(join(dir, 'completed'))).toBe(true);
    expect(r.running).toBe(true);
  });
});

describe.skipIf(!available)('the wait for a run-once service', () => {
  /** A PATH whose getent resolves only `names`, and has sleep. */
  function fakeResolver(names: string[]): string {
    const bin = tempDir('scripts');
    writeFileSync(join(bin, 'getent'), `#!${SH}\nfor n in ${names.join(' ')}; do [ "$2" = "$n" ] && echo "10.0.0.1 $n" && exit 0; done\nexit 2\n`);
    chmodSync(join(bin, 'getent'), 0o755);
    symlinkSync(spawnSync(SH, ['-c', 'command -v sleep']).stdout.toString().trim(), join(bin, 'sleep'));
    return bin;
  }

  test('ends as soon as $AGENT_ENV-<service> resolves', () => {
    const bin = fakeResolver(['agent-env-r1-secrets-init']);
    const r = spawnSync(SH, ['-c', WAIT, 'wait-for', 'secrets-init'], { env: { PATH: bin, AGENT_ENV: 'agent-env-r1' }, timeout: 5000, killSignal: 'SIGKILL' });
    expect(r.status).toBe(0);
  });

  test('keeps waiting while it does not resolve', async () => {
    const bin = fakeResolver(['something-else']);
    const r = await runFor(WAIT, ['secrets-init'], 1500, { PATH: bin, AGENT_ENV: 'agent-env-r1' });
    expect(r.running).toBe(true);
  });

  test('fails, saying why, in an image with neither getent nor nslookup', () => {
    const r = spawnSync(SH, ['-c', WAIT, 'wait-for', 'secrets-init'], { env: { PATH: tempDir('scripts') }, timeout: 5000, killSignal: 'SIGKILL' });
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toContain('cannot wait for secrets-init: the image has neither getent nor nslookup');
  });
});
