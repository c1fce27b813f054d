// Whether a file given as agent-env values is really a Docker Compose file. Both have a
// top-level `services` mapping, so `render compose.yaml` would otherwise fail with one
// unknown-key error per Compose key; one error saying what the file is helps more.

import { Context, type Diagnostic } from '../base/diagnostics.js';
import { SourceFile, type YamlPath } from '../base/source.js';
import { isTable } from '../chart/render/coalesce.js';
import { validateAgentEnvValues } from '../chart/values/validate.js';
import { parse } from '../yaml/reader.js';
import { keyOutcome, type KeyScope } from '../../passes/keys.js';


/**
 * C2A290 for a file that reads as Compose, not values: every top-level key is one Compose
 * has, and some key agent-env values do not know is a Compose key (`depends_on`, `ports`,
 * `version`, …). Empty when the file reads as values, or does not parse: rendering then
 * reports what is wrong with it.
 */
export function composeFileForValues(path: string, text: string): Diagnostic[] {
  const file = new SourceFile(path, text);
  const parsed = parse(file, new Context(undefined, file), { scalars: 'helm', duplicateKeys: 'last-wins' });
  if (!parsed || !isTable(parsed.data) || !isTable(parsed.data.services)) return [];
  const isComposeKey = (scope: KeyScope, key: string) => key.startsWith('x-') || keyOutcome(scope, key) !== undefined;
  if (!Object.keys(parsed.data).every((key) => isComposeKey('top', key))) return [];
  const composeOnly: YamlPath[] = validateAgentEnvValues(parsed.data)
    .filter((problem) => problem.atKey && problem.problem.problem === 'unknown-key')
    .map((problem) => problem.path)
    .filter((at) =>
      at.length === 1
        ? isComposeKey('top', String(at[0]))
        : at.length === 3 && at[0] === 'services' && isComposeKey('service', String(at[2])),
    );
  const map = parsed.map;
  const position = (at: YamlPath) => map.locate(at, 'key');
  composeOnly.sort((a, b) => position(a).line - position(b).line || position(a).col - position(b).col);
  const first = composeOnly[0];
  if (first === undefined) return [];
  const keys = [...new Set(composeOnly.map((at) => String(at[at.length - 1])))];
  const ctx = new Context(map, file);
  ctx.report('C2A290', { path: first, key: true }, { file: path, keys });
  return ctx.finish();
}
