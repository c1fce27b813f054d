// What the bundled CLI (bin/compose2agent.cjs, built by scripts/bundle.js) gives its launchers
// in bin/: the command line, the loop of a check worker thread, and the conversion run before
// the code cache is written. The worker's modules are loaded only in a worker.

export { main } from './main.js';
export type { CliIO } from './main.js';
export { warmUp } from './warm-up.js';

/** Serves check jobs in a worker thread of the check pool (src/tools/check/run.ts). */
export async function serveCheckJobs(): Promise<void> {
  const { serveCheckJobs: serve } = await import('../tools/check/serve.js');
  await serve();
}
