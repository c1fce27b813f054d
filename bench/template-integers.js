// Renders templates that compute with small integers (the common case: counters, ports,
// indexes, lengths) and with integers past 2^53, through the built template engine, and prints
// the median time per render. Integers are numbers while they are safe and bigints beyond, so
// the first figure should not move when the representation does.
// Run after `npm run build`: node bench/template-integers.js [checkout directory, default this one]

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const checkout = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
const { makeTemplateRoot, renderTpl } = await import(pathToFileURL(resolve(checkout, 'dist/src/chart/template/index.js')).href);
const root = makeTemplateRoot({}, { name: 'my-release', namespace: 'default' });

const templates = {
  'small integers': '{{ range $i := until 2000 }}{{ $p := add 8000 $i }}{{ if lt $p 9000 }}{{ printf "%d:%x " (mul $p 3) (mod $p 7) }}{{ end }}{{ end }}{{ len (untilStep 0 5000 3) }}',
  'past 2^53': '{{ range $i := until 2000 }}{{ $p := add 9007199254740993 $i }}{{ if lt $p 9223372036854775000 }}{{ printf "%d:%x " (mul $p 3) (mod $p 7) }}{{ end }}{{ end }}',
};

for (const [name, text] of Object.entries(templates)) {
  const first = renderTpl(text, root);
  if ('error' in first) throw new Error(`${name}: ${first.error.message}`);
  const times = [];
  for (let run = 0; run < 101; run++) {
    const t = performance.now();
    renderTpl(text, root);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(16)} median ${times[50].toFixed(2)} ms, fastest ${times[0].toFixed(2)} ms per render`);
}
