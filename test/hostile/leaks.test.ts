// Class "leaking": check does not follow links out of the checked root, no code frame quotes
// a file outside the project, and no field of any output format can inject workflow commands
// or drive the terminal.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCheckGithub, formatCheckText } from '../../src/tools/check/report.js';
import { summarise } from '../../src/tools/check/summary.js';
import type { FileResult } from '../../src/tools/check/types.js';
import { repo, runLimited, SIMPLE } from './support.js';

const SECRET = 'CI_SECRET_TOKEN=hunter2';

describe('check stays inside the checked root', () => {
  it('a compose.yaml linked to a file outside is not checked, so its lines are never printed', () => {
    const outside = repo({ 'environ': `${SECRET}\0HOME=/root\0` });
    const dir = repo({ 'ok/compose.yaml': SIMPLE });
    mkdirSync(join(dir, 'e'));
    symlinkSync(join(outside, 'environ'), join(dir, 'e', 'compose.yaml'));
    for (const format of ['text', 'json', 'github', 'sarif']) {
      const r = runLimited(['check', '--format', format, '.'], dir);
      expect(r.stdout + r.stderr).not.toContain('hunter2');
      expect(r.stdout).not.toContain('e/compose.yaml');
    }
  });

  it('a link to a compose file inside the root is still followed', () => {
    const dir = repo({ 'real/compose.yaml': SIMPLE });
    mkdirSync(join(dir, 'alias'));
    symlinkSync(join(dir, 'real', 'compose.yaml'), join(dir, 'alias', 'compose.yaml'));
    const r = runLimited(['check', '--format', 'json', '.'], dir);
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(['alias/compose.yaml', 'real/compose.yaml']);
  });

  it('an include of a file outside the project is reported without its lines', () => {
    const outside = repo({ 'secret.yaml': `services:\n  x:\n    image: [${SECRET}\n` });
    const dir = repo({ 'compose.yaml': `include:\n  - ${join(outside, 'secret.yaml')}\n${SIMPLE}` });
    const convert = runLimited(['compose.yaml'], dir);
    expect(convert.code).toBe(1);
    expect(convert.stderr).toContain('C2A001');
    expect(convert.stderr).not.toContain('hunter2');
    const check = runLimited(['check', '--format', 'json', '.'], dir);
    expect(check.stdout).toContain('C2A001');
    expect(check.stdout).not.toContain('hunter2');
  });
});

describe('outputs escape what the repository controls', () => {
  const evil = 'x\n::warning file=a::injected\n::endgroup::\n\u001b[2Jy';
  const results: FileResult[] = [
    {
      path: `${evil}/compose.yaml`,
      kind: 'compose',
      outcome: 'rejected',
      diagnostics: [
        { code: 'C2A001', severity: 'error', message: `bad ${evil}`, file: `${evil}/compose.yaml`, line: 1, col: 1, endLine: 1, endCol: 2, path: '(document)' },
      ],
      values: [{ path: `${evil}/helm-values.yaml`, status: 'stale', diff: `--- a\n+++ b\n@@ -1 +1 @@\n-::error::from the committed file\n+${evil}\n` }],
    },
  ];
  const summary = summarise(results, { failOn: 'error' }, true);

  it('--format github: no line of the report is a command the tool did not write', () => {
    const out = formatCheckGithub(results, summary, { toolVersion: '0', diff: true });
    // Between ::stop-commands::TOKEN and ::TOKEN:: the runner runs nothing.
    let stopped: string | undefined;
    const commands: string[] = [];
    for (const line of out.split('\n')) {
      if (stopped !== undefined) {
        if (line === `::${stopped}::`) stopped = undefined;
        continue;
      }
      const stop = /^::stop-commands::(.+)$/.exec(line);
      if (stop) stopped = stop[1];
      else if (line.startsWith('::')) commands.push(line.split(' ')[0]!.split('::')[1]!);
    }
    expect(stopped).toBeUndefined();
    expect(commands).toEqual(['error', 'group', 'endgroup', 'group', 'endgroup']);
    expect(out).not.toContain('\u001b');
  });

  it('text: control characters in paths, messages and diffs are shown, not sent to the terminal', () => {
    const out = formatCheckText(results, summary, { toolVersion: '0', diff: true, colour: false, quiet: false });
    expect(out).not.toContain('\u001b');
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
  });

  it('a code frame of a line holding an escape sequence shows it as U+FFFD', () => {
    const dir = repo({ 'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    bogus: "\u001b[2J"\n' });
    const r = runLimited(['compose.yaml'], dir);
    expect(r.stderr).toContain('bogus');
    expect(r.stderr).not.toContain('\u001b');
  });
});


describe("the converting machine's environment does not reach the sandbox through a bare name", () => {
  const service = (envFile: string) => `services:\n  default:\n    image: alpine:3.20\n    env_file:\n      - ${envFile}\n`;

  it('a bare NAME in an env_file is refused at its line (C2A356), as a bare environment entry is (C2A038), even when the host sets it', () => {
    const dir = repo({ 'compose.yaml': service('app.env'), 'app.env': 'A=1\nCI_SECRET_TOKEN\n' });
    const r = runLimited(['compose.yaml'], dir, { CI_SECRET_TOKEN: 'hunter2' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("app.env:2:1: error C2A356: env file app.env: 'CI_SECRET_TOKEN' has no '='");
    expect(r.stdout + r.stderr).not.toContain('hunter2');
    const environment = repo({ 'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    environment:\n      - CI_SECRET_TOKEN\n' });
    const e = runLimited(['compose.yaml'], environment, { CI_SECRET_TOKEN: 'hunter2' });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('C2A038');
  });

  it('the raw format refuses it the same way', () => {
    const dir = repo({ 'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    env_file:\n      - path: app.env\n        format: raw\n', 'app.env': 'A=1\n  TOKEN\n' });
    const r = runLimited(['compose.yaml'], dir, { TOKEN: 'hunter2' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("app.env:2:3: error C2A356: env file app.env: 'TOKEN' has no '='");
  });

  it("NAME=${NAME} copies it at conversion time, on purpose; a bare name the service's environment defines keeps that value", () => {
    const dir = repo({
      'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    environment:\n      B: two\n    env_file:\n      - app.env\n',
      'app.env': 'TOKEN=${TOKEN}\nB\n',
    });
    const r = runLimited(['compose.yaml'], dir, { TOKEN: 'chosen' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('value: chosen');
    expect(r.stdout).toContain('value: two');
  });
});

describe('a name that is not UTF-8, and holds what could drive a terminal or a runner, is escaped in every format', () => {
  // Latin-1 é (one byte), line breaks that would start workflow commands, and an escape sequence.
  const name = Buffer.concat([Buffer.from('x\n::warning file=a::injected\n::endgroup::\n\u001b[2Jcaf', 'utf8'), Buffer.of(0xe9)]);
  const shown = 'x\\x0a::warning file=a::injected\\x0a::endgroup::\\x0a\\x1b[2Jcaf\\xe9';
  const dir = repo({ 'ok/compose.yaml': SIMPLE });
  mkdirSync(Buffer.concat([Buffer.from(`${dir}/`), name]));
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), name, Buffer.from('/compose.yaml')]), SIMPLE);
  const clean = (out: string) => {
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\ufffd');
  };

  it('json: the warning names the entry with its bytes escaped', () => {
    const r = runLimited(['check', '.', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    clean(r.stdout);
    const notReached = (JSON.parse(r.stdout) as { summary: { notReached?: { code: string; file: string; message: string }[] } }).summary.notReached;
    expect(notReached?.map((d) => [d.code, d.file])).toEqual([['C2A261', '.']]);
    expect(notReached?.[0]?.message).toContain(`${shown} is a directory that was not searched`);
  });

  it('github: an annotation for it, and no line the tool did not write is a command', () => {
    const r = runLimited(['check', '.', '--format', 'github'], dir);
    expect(r.code).toBe(0);
    clean(r.stdout);
    const commands = r.stdout.split('\n').filter((line) => line.startsWith('::') && !/^::(stop-commands::)?c2a-[0-9a-f]+::$/.test(line) && !line.startsWith('::stop-commands::'));
    expect(commands.map((line) => line.split(/[ :]/)[2])).toEqual(['warning', 'group', 'endgroup']);
    expect(commands[0]).toContain(`::${shown} is a directory`);
  });

  it('sarif: a result for it, located at its directory', () => {
    const r = runLimited(['check', '.', '--format', 'sarif'], dir);
    expect(r.code).toBe(0);
    clean(r.stdout);
    const results = (JSON.parse(r.stdout) as { runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results;
    const found = results.filter((result) => result.ruleId === 'C2A261');
    expect(found).toHaveLength(1);
    expect(found[0]!.message.text).toContain(`${shown} is a directory`);
    expect(found[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('.');
  });

  it('text: shown escaped, and no line of it starts a command', () => {
    const r = runLimited(['check', '.'], dir);
    clean(r.stdout);
    expect(r.stdout).toContain(`warning C2A261: ${shown} is a directory`);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
  });
});
