// A conversion run only to compile the functions a conversion runs, before the bundled CLI
// writes its V8 code cache (bin/load.js). V8 caches the functions compiled when the cache is
// made; made after whatever command ran first (`--version`, say), it would leave every later
// conversion to compile the converter, the renderer and the printers again on each start.
// Nothing is read or written: the Compose file is here, with no host, and the output and the
// diagnostics are formatted and dropped.

import { reportDiagnostics, type CliIO } from './support.js';
import { printYaml } from '../yaml/print-values.js';

/**
 * A small sandbox with the keys most files have: services with images, environment, a
 * health check, networks, a named volume (which draws a warning) and allowed domains.
 */
const SAMPLE_COMPOSE = `services:
  default:
    image: ghcr.io/example/agent:1.0
    command: ["sleep", "infinity"]
    networks: [frontend]
    mem_limit: 2g
  web:
    image: ghcr.io/example/web:1.2
    environment:
      DB_HOST: db
      FLAG: "flag{example}"
    ports: ["8080"]
    networks: [frontend, backend]
    depends_on: [db]
    healthcheck:
      test: ["CMD", "curl", "-fs", "http://localhost:8080/health"]
      interval: 10s
  db:
    image: postgres:16-alpine
    environment:
      - POSTGRES_PASSWORD=example
    networks: [backend]
    volumes:
      - db_data:/var/lib/postgresql/data
volumes:
  db_data:
networks:
  frontend:
  backend:
x-inspect_k8s_sandbox:
  allow_domains: [pypi.org]
`;

/** Converts SAMPLE_COMPOSE to values and to manifests, as `convert` does, and drops the output. */
export async function warmUp(): Promise<void> {
  const io: CliIO = { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false, cwd: '/' };
  const { convert } = await import('../../passes/compile.js');
  const result = convert(SAMPLE_COMPOSE, { filename: 'compose.yaml', release: 'warm-up' });
  reportDiagnostics(io, result.diagnostics, { format: 'text' });
  if (!result.values) return;
  printYaml(result.values);
  const { renderValues } = await import('../chart/render/index.js');
  const rendered = renderValues([], { release: 'warm-up', namespace: 'default' }, result.values);
  reportDiagnostics(io, rendered.diagnostics, { format: 'text' });
  // The manifests are printed when their text is read.
  void rendered.text;
}
