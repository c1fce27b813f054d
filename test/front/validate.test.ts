import { describe, expect, test } from 'vitest';
import { composeSchema } from '../../passes/front/validate.js';
import { run } from './helpers.js';

const check = (text: string) => run(text, { until: 'validate' });

describe('validate: the Compose schema', () => {
  test('a file using keys added to the spec since the schema package passes', () => {
    const r = check(`name: demo
include: []
services:
  web:
    image: nginx
    develop:
      watch:
        - path: ./src
          action: sync
          target: /app
    gpus: all
    post_start:
      - command: ["echo", "hi"]
    pre_stop:
      - command: echo bye
    annotations: {a: b}
    uts: host
    cgroup: private
    use_api_socket: false
    label_file: ./labels
    healthcheck:
      test: ["CMD", "true"]
      start_interval: 2s
    volumes:
      - type: volume
        source: data
        target: /data
        volume: {subpath: sub}
      - type: image
        source: alpine
        target: /img
        image: {subpath: etc}
    ports:
      - target: 80
        published: "8080"
        name: web
        app_protocol: http
    depends_on:
      db: {condition: service_started, required: false, restart: true}
    command: null
  db:
    image: postgres
    provider: {type: model, options: {model: x}}
models:
  llm: {model: ai/smollm2}
networks:
  n: {enable_ipv4: true}
volumes:
  data:
`);
    expect(r.diagnostics).toEqual([]);
  });

  test('a value that fits no alternative names the accepted types at its position', () => {
    const r = check('services:\n  web:\n    image: nginx\n    ports:\n      - [80]\n');
    expect(r.where).toEqual(['compose.yaml:5:9 C2A020']);
    expect(r.errors[0]!.message).toBe('services.web.ports[0]: must be an integer, a string or a mapping');
    expect(r.errors[0]!.path).toBe('services.web.ports[0]');
  });

  test('two accepted types are joined with "or", and an integer is not named beside a number', () => {
    const r = check('services:\n  web:\n    image: nginx\n    cpus: [1]\n    environment: 5\n');
    expect(r.errors.map((d) => d.message)).toEqual(['services.web.cpus: must be a number or a string', 'services.web.environment: must be a mapping or a list']);
  });

  test('inside the alternative that fits the value, every error is reported', () => {
    const r = check('services:\n  web:\n    image: x\n    build: {context: 1, bogus: 2}\n');
    expect(r.where).toEqual(['compose.yaml:4:22 C2A020', 'compose.yaml:4:25 C2A021']);
    expect(r.errors.map((d) => d.message)).toEqual([
      'services.web.build.context: must be a string',
      "services.web.build: unknown key 'bogus'",
    ]);
  });

  test('an unknown key points at the key, with a suggestion within two edits', () => {
    const r = check('services:\n  web:\n    image: x\n    enviroment:\n      A: b\n    fooo: 1\n');
    expect(r.where).toEqual(['compose.yaml:4:5 C2A021', 'compose.yaml:6:5 C2A021']);
    expect(r.errors[0]!.hint).toBe("did you mean 'environment'?");
    expect(r.errors[0]!.frame).toContain('^^^^^^^^^^');
    expect(r.errors[1]!.hint).toContain('x-');
  });

  test('a top-level typo is suggested too', () => {
    const r = check('service:\n  web:\n    image: x\n');
    expect(r.where).toEqual(['compose.yaml:1:1 C2A021']);
    expect(r.errors[0]!.message).toBe("top level: unknown key 'service'");
    expect(r.errors[0]!.hint).toBe("did you mean 'services'?");
  });

  test('formats are checked and worded for people; expose is free-form as in Compose', () => {
    const r = check(
      'services:\n  web:\n    image: x\n    healthcheck:\n      interval: 10\n      timeout: 10x\n    ports:\n      - "99999:80"\n    expose: ["80/tcp", 8080]\nnetworks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.0.0.1\n',
    );
    expect(r.where).toEqual([
      'compose.yaml:5:17 C2A020',
      'compose.yaml:6:16 C2A022',
      'compose.yaml:8:9 C2A022',
      'compose.yaml:14:19 C2A022',
    ]);
    expect(r.errors[1]!.message).toBe('services.web.healthcheck.timeout: is not a duration');
    expect(r.errors[1]!.hint).toContain('1m30s');
    expect(r.errors[2]!.message).toBe('services.web.ports[0]: is not a port mapping');
  });

  test('durations accept what Compose accepts', () => {
    const r = check('services:\n  web:\n    image: x\n    stop_grace_period: 1m30s\n    healthcheck:\n      interval: 1.5s\n      timeout: "0"\n      start_period: 1d\n');
    expect(r.diagnostics).toEqual([]);
  });

  test('enum, minimum, required, duplicates and names', () => {
    const r = check(
      'services:\n  web:\n    image: x\n    cpu_count: -1\n    depends_on:\n      db: {condition: sometimes}\n      cache: {required: true}\n    security_opt: [a, a]\n  "bad name":\n    image: x\n',
      );
    expect(r.where).toEqual([
      'compose.yaml:4:16 C2A022',
      'compose.yaml:6:23 C2A022',
      'compose.yaml:7:14 C2A023',
      'compose.yaml:8:23 C2A024',
      'compose.yaml:9:3 C2A025',
    ]);
    expect(r.errors.map((d) => d.message)).toEqual([
      'services.web.cpu_count: must be >= 0',
      'services.web.depends_on.db.condition: must be one of: service_started, service_healthy, service_completed_successfully',
      "services.web.depends_on.cache: missing required key 'condition'",
      'services.web.security_opt[1]: duplicates item [0] of the same list',
      "services: 'bad name' is not a valid service name",
    ]);
  });

  test('a document that is not a mapping', () => {
    const r = check('- a\n- b\n');
    expect(r.errors.map((d) => d.message)).toEqual(['(document): must be a mapping']);
    expect(r.errors[0]!.hint).toContain('--exclude');
  });

  test('services must be a mapping', () => {
    const r = check('services:\n  - default\n');
    expect(r.where).toEqual(['compose.yaml:2:3 C2A020']);
    expect(r.errors[0]!.message).toBe('services: must be a mapping');
  });

  test('composeSchema() exposes the merged schema', () => {
    const schema = composeSchema() as { definitions: Record<string, { properties?: Record<string, unknown> }> };
    const service = Object.keys(schema.definitions.service!.properties!);
    expect(service).toEqual(expect.arrayContaining(['image', 'build', 'develop', 'gpus', 'use_api_socket', 'post_start', 'models']));
    // Formats are compiled to patterns: no format code is needed at run time.
    expect(JSON.stringify(schema)).not.toMatch(/"format":"/);
  });
});
