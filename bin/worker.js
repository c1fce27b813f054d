// A worker thread of `compose2agent check`'s pool, started by the bundled CLI
// (src/tools/check/run.ts names ./worker.js beside the bundle): it serves the jobs the pool posts.
'use strict';

const { loadBundle } = require('./load.js');

loadBundle().serveCheckJobs();
