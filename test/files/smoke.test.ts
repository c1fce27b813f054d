import { writeFileSync } from 'node:fs';
import { renderValues } from '../../src/render/index.js';
import { it } from 'vitest';
import { convert } from '../../src/compile.js';
import { formatText } from '../../src/format.js';
import { printYaml } from '../../src/yaml-out.js';
import { treeHost } from './host.js';
it('smoke', () => {
  const host = treeHost({
    '/repo/.git/config': 'x',
    '/repo/evals/a/flag.txt': 'flag{x}\n',
    '/repo/evals/a/conf/app.conf': 'a=1\n',
    '/repo/evals/a/conf/sub/b.txt': 'b\n',
    '/repo/evals/a/run.sh': { text: '#!/bin/sh\necho hi\n', executable: true },
    '/repo/evals/a/.env.web': 'A=1\nB=${A}-x\n',
    '/repo/common/entry.sh': { text: '#!/bin/sh\n', executable: true },
  }, { SECRET_VALUE: 's3cret' });
  const r = convert(`services:
  default:
    image: alpine
    env_file: [.env.web]
    environment: [B=override]
    volumes:
      - ./flag.txt:/flag.txt:ro
      - ./conf:/etc/app
      - ../../common/entry.sh:/entry.sh:ro
    configs: [app]
    secrets:
      - db
      - source: db
        target: other
        mode: 0400
configs:
  app:
    content: "hello"
secrets:
  db:
    environment: SECRET_VALUE
`, { filename: '/repo/evals/a/compose.yaml', host });
  console.log(formatText(r.diagnostics));
  if (r.values) { writeFileSync('/tmp/h9/smoke-values.yaml', printYaml(r.values)); writeFileSync('/tmp/h9/smoke-ours.yaml', renderValues([], { release: 'my-release', namespace: 'default' }, r.values).text); }
  console.log(r.values ? printYaml(r.values) : JSON.stringify(r.after['lower:files'], null, 1)?.slice(0, 3000));
});
