// The real-world corpus (../shared/corpus beside the repository, when present): every file
// must go through parse → interpolate → compose → validate without an internal fault, and
// the cve-bench files, which use include and extends with interpolation, must compose.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { ConvertHost } from '../../src/compile.js';
import { memoryHost, run } from './helpers.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = join(repoRoot, '..', 'shared', 'corpus');
const present = existsSync(corpus);
if (!present) console.warn(`corpus tests skipped: ${corpus} does not exist`);

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

describe.skipIf(!present)('corpus', () => {
  test('every file parses, interpolates, composes and validates without a fault', () => {
    const files = yamlFiles(corpus);
    expect(files.length).toBeGreaterThan(500);
    const host: ConvertHost = { readFile: () => undefined, env: {} };
    const rejected = new Map<string, string[]>();
    let validating = 0;
    for (const path of files) {
      const name = relative(corpus, path);
      const result = run(readFileSync(path, 'utf8'), { host, filename: name });
      if (result.errors.length === 0) validating++;
      else {
        const codes = [...new Set(result.errors.map((d) => d.code))].join(',');
        rejected.set(codes, [...(rejected.get(codes) ?? []), `${name}: ${result.errors[0]!.message}`]);
      }
    }
    const lines = [...rejected].map(([codes, names]) => `  ${codes}: ${names.length}\n${names.map((n) => `    ${n}`).join('\n')}`);
    console.log(`corpus: ${files.length} files, ${validating} validate, ${files.length - validating} rejected\n${lines.join('\n')}`);
    // With an empty environment Compose rejects only files that need variables (cve-bench,
    // checked with its variables below) and the empty include fragment; every other file
    // must be accepted.
    for (const names of rejected.values()) {
      for (const entry of names) {
        const name = entry.slice(0, entry.indexOf(': '));
        const text = readFileSync(join(corpus, name), 'utf8');
        expect(text.trim() === '' || text.includes('${'), entry).toBe(true);
      }
    }
  });
});

/** The cve-bench checkout as its original tree, under /cvebench. */
function cveBenchHost(env: Record<string, string>): ConvertHost {
  const rows = readFileSync(join(corpus, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1);
  const files: Record<string, string> = {};
  for (const row of rows) {
    const [repo, , path, corpusFile] = row.split('\t');
    if (repo === 'uiuc-kang-lab/cve-bench') files[`/cvebench/${path}`] = readFileSync(join(corpus, corpusFile!), 'utf8');
  }
  return memoryHost(files, env);
}

function cveBenchEnv(cve: string): Record<string, string> {
  return {
    CVEBENCH_CHALLENGE_DIR: '/cvebench/src/critical/challenges',
    CVEBENCH_METADATA_DIR: '/cvebench/src/critical/metadata',
    CVEBENCH_DOCKER_DIR: '/cvebench/src/common/docker',
    CVEBENCH_SANDBOXES_DIR: '/cvebench/src/common/sandboxes',
    CVE: cve,
    CVE_LOWER: cve.toLowerCase(),
    CVEBENCH_TAG: '2.0.0',
    SECRET_FILE_DIR: '/tmp/uploads',
    REMOTE_CODE_EXECUTABLE_PATH: '/tmp/pwn.sh',
    SECRET_TABLE_NAME: 'secret',
  };
}

describe.skipIf(!present)('cve-bench composes as docker compose config would', () => {
  const challenges = present
    ? readdirSync(join(corpus, 'uiuc-kang-lab__cve-bench'))
        .map((f) => /^src__critical__challenges__(CVE-[\d-]+)__compose\.yml$/.exec(f)?.[1])
        .filter((c): c is string => c !== undefined)
    : [];

  test.each(challenges)('%s', (cve) => {
    const filename = `/cvebench/src/critical/challenges/${cve}/compose.yml`;
    const host = cveBenchHost(cveBenchEnv(cve));
    const r = run(host.readFile(filename)!, { host, filename });
    expect(r.errors).toEqual([]);
    const model = r.data as { services: Record<string, Record<string, unknown>>; networks: object; volumes: object };
    expect(Object.keys(model.services)).toEqual(expect.arrayContaining(['target', 'agent', 'secrets_init']));
    expect(Object.keys(model.networks).sort()).toEqual(['private_network', 'target_network']);
    expect(model.volumes).toHaveProperty('shared_sandbox_data');
    expect(model).not.toHaveProperty('include');
    for (const service of Object.values(model.services)) expect(service).not.toHaveProperty('extends');
    expect(model.services.target!.image).toBe(`cvebench/${cve.toLowerCase()}-target:2.0.0`);
  });

  test('CVE-2024-2624 in detail', () => {
    const cve = 'CVE-2024-2624';
    const filename = `/cvebench/src/critical/challenges/${cve}/compose.yml`;
    const host = cveBenchHost(cveBenchEnv(cve));
    const r = run(host.readFile(filename)!, { host, filename });
    expect(r.errors).toEqual([]);
    const { services } = r.data as { services: Record<string, Record<string, unknown>> };
    expect(Object.keys(services)).toEqual(['target', 'agent', 'secrets_init']);
    expect(services.target).toMatchObject({
      entrypoint: '/entrypoint.sh',
      command: '/app/entrypoint.sh',
      env_file: ['/cvebench/src/critical/challenges/CVE-2024-2624/.env'],
      depends_on: { secrets_init: { condition: 'service_completed_successfully' } },
      networks: ['target_network', 'private_network'],
    });
    expect(services.target!.volumes).toEqual([
      '/cvebench/src/critical/metadata/CVE-2024-2624.yml:/cve_metadata.yml:ro',
      '/cvebench/src/common/docker/entrypoint.sh:/entrypoint.sh:ro',
      'secret_file_data:/tmp/uploads',
      'secret_mysql_passwords:/run/secrets/mysql:ro',
      'secret_mongo_passwords:/run/secrets/mongo:ro',
      'secret_admin_password:/run/secrets/admin:ro',
      'secret_outbound_service_request_canary:/run/secrets/outbound_service_request:ro',
      'secret_rce_canary:/run/secrets/rce:ro',
      // Relative to compose-target.yml, rewritten to stay right from the challenge directory.
      '../../../common/docker/rce/pwn.sh:/tmp/pwn.sh:ro',
    ]);
    expect(services.agent).toMatchObject({ image: 'cvebench/kali-large:2.0.0', 'x-default': true, entrypoint: ['sleep', 'infinity'] });
    expect(services.secrets_init).toMatchObject({ image: 'ubuntu:22.04', network_mode: 'none', environment: expect.objectContaining({ SECRET_SEED: '42' }) });
    // Positions survive: the target image comes from compose-target.yml, line 3.
    const loc = r.doc!.map.locate(['services', 'target', 'image']);
    expect([loc.file, loc.line]).toEqual(['/cvebench/src/common/docker/compose-target.yml', 3]);
  });

  test('with an empty environment the first missing file is reported where it is named', () => {
    const filename = '/cvebench/src/critical/challenges/CVE-2024-2624/compose.yml';
    const host = cveBenchHost({});
    const r = run(host.readFile(filename)!, { host, filename });
    expect(r.errors[0]).toMatchObject({ code: 'C2A200', line: 2, col: 5, message: 'the included file /compose-include.yml does not exist or cannot be read' });
  });
});
