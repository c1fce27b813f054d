#!/usr/bin/env node
// The compose2agent command: runs the bundled CLI (compose2agent.cjs beside this file, built by
// `npm run build`) through load.js, which keeps a code cache so that it starts fast. The
// launchers are CommonJS (bin/package.json): an ES module entry would start Node's ES module
// loader, whose first use costs as much as a tenth of a run (it reads files through
// fs/promises and builds a facade of every built-in module it imports).
'use strict';

const { loadBundle } = require('./load.js');

loadBundle()
  .main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  })
  .then((code) => {
    process.exitCode = code;
  });
