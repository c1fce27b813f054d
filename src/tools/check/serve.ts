// The loop of a worker thread of the check pool: loads the compiler once, then checks the files
// the main thread sends it, one message each, and posts each result back. Messages that arrive
// while the compiler loads wait in the port's queue until the listener is attached.
//
// Started by worker.ts (the worker script beside the compiled modules) or by the bundled CLI's
// worker launcher (bin/worker.js).

import { checkFile } from './check-file.js';
import { loadEngine } from './engine.js';
import { fileHost } from '../io.js';
import type { JobMessage, ResultMessage, WorkerSetup } from './types.js';

/** Serves the check jobs posted to this worker thread; outside a worker it does nothing. */
export async function serveCheckJobs(): Promise<void> {
  // Imported here, not at the top: the bundled CLI loads its Node built-ins when they are first
  // used (scripts/bundle.js), and worker_threads' port and data are values, not functions.
  const { parentPort, workerData } = await import('node:worker_threads');
  const port = parentPort;
  if (!port) return;
  const setup = workerData as WorkerSetup;
  const engine = await loadEngine();
  const host = fileHost(setup.cwd, setup.env);
  port.on('message', (message: JobMessage) => {
    const result = checkFile(message.job, setup.options, engine, host);
    port.postMessage({ index: message.index, result } satisfies ResultMessage);
  });
}
