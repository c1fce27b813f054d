// What every render module receives: the coalesced values, the release, and a way to
// report a problem at the values path that caused it. Also the small helpers that
// mirror the template functions the chart uses (toYaml, raw interpolation).

import type { ArgsOf, Code } from '../../base/messages.js';
import type { YamlPath } from '../../base/source.js';
import { isTable } from './coalesce.js';
import { helmActionText } from '../../go/fmt.js';
import type { DocumentLayout, Layout } from './layout.js';
import type { ReleaseScope } from './names.js';
import { readInterpolated } from '../../yaml/plain-scalar.js';

export type ObjectPath = (string | number)[];

/** Reports a diagnostic at a path of the merged values; the caller finds the file. */
export interface ValuesReporter {
  report<K extends Code>(code: K, path: YamlPath, ...rest: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): void;
}

/** A reporter that can also point at a mapping key (a service's name) rather than its value. */
export interface KeyReporter extends ValuesReporter {
  reportAt<K extends Code>(code: K, path: YamlPath, atKey: boolean, ...rest: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): void;
}

export interface RenderScope {
  values: Record<string, unknown>;
  release: ReleaseScope;
  /** agentEnv.fullname, computed once. */
  fullname: string;
  reporter: ValuesReporter;
}

/** A part of a rendered object copied from the values, so a problem there can be located. */
export interface Origin {
  at: ObjectPath;
  from: YamlPath;
}

/** One rendered manifest, with where its values-supplied parts came from. */
export interface RenderedObject {
  template: string;
  object: Record<string, unknown>;
  origins: Origin[];
  /** How the template writes the object's text (see layout.ts). */
  layout?: DocumentLayout;
}

/** A mapping-valued field of the values, or an empty one. */
export function table(value: unknown): Record<string, unknown> {
  return isTable(value) ? value : {};
}

/** A list-valued field of the values, or an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * `toYaml` of a value placed into the template: the same data with mapping keys sorted
 * (sigs.k8s.io/yaml sorts them), copied so the output never shares the values' objects.
 * A nil value renders as `null`.
 */
export function toYamlValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(toYamlValue);
  if (isTable(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = toYamlValue(value[key]);
    return out;
  }
  return value;
}

/**
 * The value a YAML reader makes of `key: <text>` where the chart interpolates text
 * unquoted. Text that would change the manifest's structure is an error at `from`; text
 * that reads as something other than itself, where a string is expected, is a warning.
 */
export function unquoted(scope: RenderScope, text: string, from: YamlPath, field: string, expectString = true): unknown {
  const reading = readInterpolated(text);
  if ('problem' in reading) {
    scope.reporter.report('C2A109', from, { value: text, field, ...reading.problem });
    return text;
  }
  if (expectString && reading.value !== text) {
    scope.reporter.report('C2A116', from, {
      value: text,
      field,
      rendered: reading.value === null ? 'null' : JSON.stringify(reading.value),
    });
  }
  return reading.value;
}

/** A scalar the chart writes with `{{ .x }}`: what the manifest holds, and how it is written. */
export interface Written {
  value: unknown;
  layout: Layout;
  /** The values field it came from, so a problem Kubernetes finds in it is located there. */
  from?: YamlPath;
}

/**
 * `{{ .x }}` of a values field: the value read back as the manifest holds it, and a layout
 * that keeps the text the chart wrote where YAML reads it as something else (`yes`, `0x1F`,
 * `a # note`), so that the output is Helm's to the letter.
 */
export function writtenValue(scope: RenderScope, value: unknown, from: YamlPath, field: string): Written {
  const text = helmActionText(value);
  const reading = unquoted(scope, text, from, field, typeof value === 'string');
  return { value: reading, layout: reading === text ? {} : { text }, from };
}
