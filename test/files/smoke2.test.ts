import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { renderValues } from '../../src/render/index.js';
import { printYaml } from '../../src/yaml-out.js';
it('weird', () => {
  const contents = ['\x1b[31mred\x1b[0m\n', 'del\x7f\n', 'tab\tend \n  lead\n', 'a\r\nb\r\n', 'ls\u2028ps\u2029\n', '\ufeffbom\n', 'x'.repeat(300) + ' y\n', '# c\n%YAML\n---\n...\n', '', ' ', '\n', '\n\n', 'no newline', 'yes', 'true', '0755', '~', '- item\n', 'key: value', '{{ .Release.Name }}', 'emoji 🎉\n', 'nbsp\u00a0x\n', '\t', 'a\u0085b', 'bell\x07\n', 'vt\x0b\n', 'ff\x0c\n'];
  const annotations: Record<string, string> = {};
  contents.forEach((c, i) => { annotations[`files.compose2agent/k${i}`] = c; });
  const values = { services: { default: { image: 'alpine' } }, annotations };
  writeFileSync('/tmp/h9/weird-values.yaml', printYaml(values));
  writeFileSync('/tmp/h9/weird-ours.yaml', renderValues([], { release: 'my-release', namespace: 'default' }, values).text);
});
