import { test } from 'vitest';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { renderValues } from '../../src/render/index.js';
test('scratch', () => {
  const dir = process.env.C2A_CASES!;
  const outDir = process.env.C2A_OUT!;
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(dir)) {
    const file = `${dir}/${name}/values.yaml`;
    const release = existsSync(`${dir}/${name}/release`) ? readFileSync(`${dir}/${name}/release`, 'utf8').trim() : 'my-release';
    const namespace = existsSync(`${dir}/${name}/namespace`) ? readFileSync(`${dir}/${name}/namespace`, 'utf8').trim() : 'default';
    try {
      const r = renderValues([{ path: file, text: readFileSync(file, 'utf8') }], { release, namespace });
      writeFileSync(`${outDir}/${name}.yaml`, r.text ?? '');
      writeFileSync(`${outDir}/${name}.diag`, r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.severity} ${d.code}: ${d.message}`).join('\n'));
    } catch (e) {
      writeFileSync(`${outDir}/${name}.diag`, 'THROW ' + String((e as Error).stack));
      writeFileSync(`${outDir}/${name}.yaml`, '');
    }
  }
});
