// The host a check run reads through: one snapshot of the repository per run, each path read
// once, as the environment is taken once.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHost } from '../../src/tools/io.js';
import { tempDir } from '../support/temp-dir.js';

describe('fileHost', () => {

  it('reads each path once per run: later reads give the text first read, whatever the file holds now', () => {
    const dir = tempDir('host');
    writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
    const host = fileHost(dir, {});
    expect(host.readFile('compose.yaml')).toBe('services: {}\n');
    writeFileSync(join(dir, 'compose.yaml'), 'changed\n');
    // The same path, relative or absolute, is one file.
    expect(host.readFile('compose.yaml')).toBe('services: {}\n');
    expect(host.readFile(join(dir, 'compose.yaml'))).toBe('services: {}\n');
    expect(host.unreadable?.('compose.yaml')).toBeUndefined();
    // Another run reads the file as it is now.
    expect(fileHost(dir, {}).readFile('compose.yaml')).toBe('changed\n');
  });

  it('keeps what could not be read, with its reason', () => {
    const dir = tempDir('host');
    const host = fileHost(dir, {});
    expect(host.readFile('.env')).toBeUndefined();
    expect(host.unreadable?.('.env')).toBe('no such file');
    writeFileSync(join(dir, '.env'), 'A=1\n');
    expect(host.readFile('.env')).toBeUndefined();
    expect(host.unreadable?.('.env')).toBe('no such file');
    expect(fileHost(dir, {}).readFile('.env')).toBe('A=1\n');
  });

  it('keeps texts only up to its limit; past it, files are read anew', () => {
    const dir = tempDir('host');
    writeFileSync(join(dir, 'small.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'large.yaml'), 'b: 22222\n');
    const host = fileHost(dir, {}, 6);
    expect(host.readFile('small.yaml')).toBe('a: 1\n');
    expect(host.readFile('large.yaml')).toBe('b: 22222\n');
    writeFileSync(join(dir, 'small.yaml'), 'a: 2\n');
    writeFileSync(join(dir, 'large.yaml'), 'b: 33333\n');
    expect(host.readFile('small.yaml')).toBe('a: 1\n');
    expect(host.readFile('large.yaml')).toBe('b: 33333\n');
  });

  it('takes the environment once, frozen', () => {
    const dir = tempDir('host');
    const env: Record<string, string | undefined> = { A: '1' };
    const host = fileHost(dir, env);
    env.A = '2';
    expect(host.env).toEqual({ A: '1' });
    expect(Object.isFrozen(host.env)).toBe(true);
  });
});
