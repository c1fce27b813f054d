// `compose2agent completion bash|zsh|fish`: scripts generated from the commander program. Bash
// is run (sourced, then asked to complete); zsh and fish are parsed for every command and
// option, and syntax-checked by the shell itself where it is installed.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { tempDir } from './support/temp-dir.js';

async function script(shell: string): Promise<string> {
  let stdout = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => undefined, env: {}, isTTY: false, cwd: tmpdir() };
  expect(await main(['completion', shell], io)).toBe(0);
  return stdout;
}

async function helpOf(args: string[]): Promise<string> {
  let stdout = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => undefined, env: {}, isTTY: false, cwd: tmpdir() };
  await main([...args, '--help'], io);
  return stdout;
}

/** Every command and its long options, as --help lists them. */
async function documented(): Promise<Map<string, string[]>> {
  const top = await helpOf([]);
  const commands = [...top.slice(top.indexOf('Commands:')).matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  const out = new Map<string, string[]>();
  for (const command of commands) {
    const help = await helpOf([command]);
    out.set(command, [...new Set([...help.matchAll(/(?:^|[ ,])(--[a-z][a-z-]*)/gm)].map((m) => m[1]!))]);
  }
  return out;
}

function fileOf(text: string, name: string): string {
  const dir = tempDir('completion');
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

describe('completion', () => {
  it('bash: sourcing registers the function, which completes commands, options and --format choices', async () => {
    const file = fileOf(await script('bash'), 'compose2agent.bash');
    const complete = (words: string[]) => {
      const array = words.map((w) => `'${w}'`).join(' ');
      const r = spawnSync('bash', ['-c', `source '${file}'; complete -p compose2agent; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _compose2agent; printf '%s\\n' "\${COMPREPLY[@]}"`], {
        encoding: 'utf8',
        cwd: tmpdir(),
      });
      expect(r.stderr).toBe('');
      const [registration, ...replies] = r.stdout.trim().split('\n');
      expect(registration).toBe('complete -o bashdefault -o filenames -F _compose2agent compose2agent');
      return replies;
    };
    expect(complete(['compose2agent', 'ch'])).toContain('check');
    expect(complete(['compose2agent', 'check', '--format', ''])).toEqual(['text', 'json', 'github', 'sarif']);
    expect(complete(['compose2agent', 'convert', '--emit', ''])).toEqual(['values', 'manifests']);
    expect(complete(['compose2agent', '--em'])).toEqual(['--emit']);
    expect(complete(['compose2agent', 'check', '--verb'])).toEqual(['--verbose']);
    expect(complete(['compose2agent', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('bash, zsh and fish name every command and every option --help lists', async () => {
    const commands = await documented();
    expect([...commands.keys()]).toEqual(expect.arrayContaining(['convert', 'render', 'images', 'keys', 'explain', 'check', 'completion']));
    expect(commands.get('check')).toEqual(expect.arrayContaining(['--format', '--diff', '--verbose', '--image-registry', '--no-color']));
    expect(commands.get('convert')).toEqual(expect.arrayContaining(['--emit', '--output', '--print-after', '--color']));
    const zsh = await script('zsh');
    const fish = await script('fish');
    const bash = await script('bash');
    for (const [command, options] of commands) {
      expect(zsh).toMatch(new RegExp(`^ {4}'${command}:`, 'm'));
      expect(zsh).toMatch(new RegExp(`^ {4}${command}\\)`, 'm'));
      expect(fish).toContain(`-n '__fish_use_subcommand' -a ${command} `);
      expect(bash).toMatch(new RegExp(`^ {4}${command}\\)`, 'm'));
      const zshCase = zsh.slice(zsh.indexOf(`    ${command})\n`)).split(';;')[0]!;
      const fishLines = fish.split('\n').filter((l) => (command === 'convert' ? l.includes("-n 'not __fish_seen") : l.includes(`__fish_seen_subcommand_from ${command}'`)));
      for (const option of options) {
        expect(zshCase, `zsh: ${command} ${option}`).toMatch(new RegExp(`'\\*?${option}\\[`));
        expect(fishLines.some((l) => l.includes(` -l ${option.slice(2)} `)), `fish: ${command} ${option}`).toBe(true);
      }
    }
    expect(zsh).toContain("'--format[output format]:value:(text json github sarif)'");
    expect(fish).toContain("-l format -x -a 'text json github sarif'");
  });

  it.skipIf(!has('zsh'))('zsh: the script parses (zsh -n)', async () => {
    const r = spawnSync('zsh', ['-n', fileOf(await script('zsh'), '_compose2agent')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!has('fish'))('fish: the script parses (fish -n)', async () => {
    const r = spawnSync('fish', ['-n', fileOf(await script('fish'), 'compose2agent.fish')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('refuses a shell it does not know', async () => {
    let stderr = '';
    const io: CliIO = { stdout: () => undefined, stderr: (t) => (stderr += t), env: {}, isTTY: false, cwd: tmpdir() };
    expect(await main(['completion', 'powershell'], io)).toBe(2);
    expect(stderr).toContain("error: command-argument value 'powershell' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.");
  });
});
