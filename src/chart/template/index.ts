// A Go text/template engine with Helm's functions, for the chart's `tpl` of
// additionalResources entries: renderTpl(text, root) is `tpl TEXT $` inside agent-env.
// A render that runs several entries converts `$` once (templateScope) and hands the same
// scope to each: Helm passes every entry the same `$`, so what one entry's template sets
// (`set .Values …`) the next one sees, and the values are not converted anew per entry.

import { chartTemplates } from './chart-templates.js';
import { RenderBudget } from './budget.js';
import { BudgetError, ExecError, Execution, parseTemplateOnce, type TemplateDef } from './evaluate.js';

export { OUTPUT_BUDGET, RenderBudget, WORK_BUDGET } from './budget.js';
import { helmFunctionTable, unsupportedFunctions } from './functions/index.js';
import { GoInt, GoStruct, type GoMap, type GoValue, fromPlain, mapSet, newMap, typeTag } from '../../go/values.js';
import { ParseError } from './parser.js';
import { toYaml as printToYaml } from '../../yaml/helm-to-yaml.js';

export interface TemplateRoot {
  Values: unknown;
  Release: { Name: string; Namespace: string; Service: string; IsInstall: boolean; IsUpgrade: boolean; Revision: number };
  Chart: { Name: string; Version: string; AppVersion?: string };
  Capabilities: unknown;
  Template: { Name: string; BasePath: string };
}

export interface TemplateError {
  message: string;
  /** Offset in the template text (0-based). */
  offset: number;
  /** 1-based line and column of `offset` in the template text. */
  line: number;
  col: number;
  /**
   * 'parse': the text is not a template; 'exec': rendering it fails (as under Helm);
   * 'unsupported': it calls a function this engine does not implement; 'budget': the render's
   * output passes its budget (budget.ts), where Helm would go on until memory runs out;
   * 'work': the render takes more steps than its work budget, where Helm would go on for as
   * long as the loops take.
   */
  kind: 'parse' | 'exec' | 'unsupported' | 'budget' | 'work';
  /** For 'budget': the budget, in characters; for 'work', in steps. */
  limit?: number;
  /** For 'unsupported': the function the template calls. */
  function?: string;
}

/** The name Helm's tpl gives the template it parses (it appears in Helm's messages). */
const TPL_NAME = 'gotpl';

const CHART_NAME = 'agent-env';
const CHART_VERSION = '0.14.0';

/** Defaults of `helm template`'s simulated cluster and of the Helm release that renders. */
const KUBE_VERSION = { Version: 'v1.35.0', Major: '1', Minor: '35' };
const HELM_VERSION = {
  Version: 'v4.1.4',
  GitCommit: '05fa37973dc9e42b76e1d2883494c87174b6074f',
  GitTreeState: 'clean',
  GoVersion: 'go1.25.9',
  KubeClientVersion: 'v1.35',
};
/** The API versions `helm template` assumes the cluster serves (Kubernetes' built-in groups). */
const API_VERSIONS = [
  'v1',
  ...['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1alpha1', 'admissionregistration.k8s.io/v1beta1'],
  'internal.apiserver.k8s.io/v1alpha1',
  ...['apps/v1', 'apps/v1beta1', 'apps/v1beta2'],
  ...['authentication.k8s.io/v1', 'authentication.k8s.io/v1alpha1', 'authentication.k8s.io/v1beta1'],
  ...['authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1'],
  ...['autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta1', 'autoscaling/v2beta2'],
  ...['batch/v1', 'batch/v1beta1'],
  ...['certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1', 'certificates.k8s.io/v1alpha1'],
  ...['coordination.k8s.io/v1alpha2', 'coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1'],
  ...['discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1', 'events.k8s.io/v1', 'events.k8s.io/v1beta1', 'extensions/v1beta1'],
  ...['flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta1', 'flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3'],
  ...['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'node.k8s.io/v1', 'node.k8s.io/v1alpha1', 'node.k8s.io/v1beta1'],
  ...['policy/v1', 'policy/v1beta1'],
  ...['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'],
  ...['resource.k8s.io/v1', 'resource.k8s.io/v1beta2', 'resource.k8s.io/v1beta1', 'resource.k8s.io/v1alpha3'],
  ...['scheduling.k8s.io/v1alpha1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1'],
  ...['storage.k8s.io/v1beta1', 'storage.k8s.io/v1', 'storage.k8s.io/v1alpha1', 'storagemigration.k8s.io/v1beta1'],
  ...['apiextensions.k8s.io/v1beta1', 'apiextensions.k8s.io/v1'],
];

/** `.Capabilities` as `helm template` sets it: a pointer to a struct, with methods. */
function capabilities(): GoStruct {
  const kubeVersion = new GoStruct(
    'common.KubeVersion',
    new Map<string, GoValue>(Object.entries(KUBE_VERSION)),
    {
      stringer: () => KUBE_VERSION.Version,
      methods: {
        String: { params: [], call: () => KUBE_VERSION.Version },
        GitVersion: { params: [], call: () => KUBE_VERSION.Version },
      },
    },
  );
  const apiVersions = typeTag([...API_VERSIONS] as GoValue[], 'common.VersionSet', 'string', {
    Has: { params: ['string'], call: ([v]) => API_VERSIONS.includes(v as string) },
  });
  const helmVersion = new GoStruct('version.BuildInfo', new Map<string, GoValue>(Object.entries(HELM_VERSION)), {
    jsonNames: { Version: 'version', GitCommit: 'git_commit', GitTreeState: 'git_tree_state', GoVersion: 'go_version', KubeClientVersion: 'kube_client_version' },
  });
  return new GoStruct(
    'common.Capabilities',
    new Map<string, GoValue>([
      ['APIVersions', apiVersions],
      ['KubeVersion', kubeVersion],
      ['HelmVersion', helmVersion],
    ]),
    { pointer: true },
  );
}

/** The root context of a template in agent-env, for values already merged over the chart's defaults. */
export function makeTemplateRoot(values: unknown, release: { name: string; namespace: string }): TemplateRoot {
  return {
    Values: values,
    Release: { Name: release.name, Namespace: release.namespace, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: { Name: CHART_NAME, Version: CHART_VERSION },
    Capabilities: capabilities(),
    Template: { Name: `${CHART_NAME}/templates/additional-resources.yaml`, BasePath: `${CHART_NAME}/templates` },
  };
}

function goMap(entries: [string, GoValue][], type = 'map[string]interface {}'): GoMap {
  const m = newMap();
  for (const [k, v] of entries) mapSet(m, k, v);
  return type === 'map[string]interface {}' ? m : typeTag(m, type, 'interface {}');
}

/** The root as Go values: maps of interface{}, values numbers as float64, Revision an int. */
function toGoRoot(root: TemplateRoot): GoMap {
  const values = fromPlain(root.Values);
  const chart = goMap([
    ['APIVersion', 'v2'],
    ['Annotations', null],
    ['AppVersion', root.Chart.AppVersion ?? ''],
    ['Condition', ''],
    ['Dependencies', []],
    ['Deprecated', false],
    ['Description', ''],
    ['Home', ''],
    ['Icon', ''],
    ['IsRoot', true],
    ['Keywords', typeTag([], '[]string', 'string')],
    ['KubeVersion', ''],
    ['Maintainers', []],
    ['Name', root.Chart.Name],
    ['Sources', typeTag([], '[]string', 'string')],
    ['Tags', ''],
    ['Type', ''],
    ['Version', root.Chart.Version],
  ]);
  const r = root.Release;
  const release = goMap([
    ['Name', r.Name],
    ['Namespace', r.Namespace],
    ['Service', r.Service],
    ['IsInstall', r.IsInstall],
    ['IsUpgrade', r.IsUpgrade],
    ['Revision', new GoInt(r.Revision)],
  ]);
  const caps = root.Capabilities instanceof GoStruct ? root.Capabilities : fromPlain(root.Capabilities);
  const template = goMap([
    ['Name', root.Template.Name],
    ['BasePath', root.Template.BasePath],
  ]);
  return goMap(
    [
      ['Values', values !== null && typeof values === 'object' && !Array.isArray(values) ? typeTag(values as GoMap, 'common.Values', 'interface {}') : values],
      ['Release', release],
      ['Chart', chart],
      ['Capabilities', caps],
      ['Template', template],
    ],
    'common.Values',
  );
}

function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, col };
}

/** Errors of runaway recursion nest the same context many times; keep both ends of them. */
function clip(message: string): string {
  const max = 2000;
  if (message.length <= max) return message;
  return `${message.slice(0, max / 2)} … ${message.slice(-max / 2)}`;
}

/**
 * `$` of one render, converted to Go values once. Every `tpl` call given it executes against
 * the same maps, as Helm's calls do: a `set` or `unset` in one entry is seen by the next.
 */
export class TemplateScope {
  /** @internal */
  constructor(readonly dot: GoMap) {}
}

/** The scope of a render whose `tpl` calls all see `root` (converted here, once). */
export function templateScope(root: TemplateRoot): TemplateScope {
  return new TemplateScope(toGoRoot(root));
}

const unsupportedCall = new RegExp(`error calling (${unsupportedFunctions.join('|')}): `);

/**
 * Helm's `tpl TEXT $` in agent-env: the chart's named templates are available, and a define in
 * TEXT overrides one for this call only. `root` is `$`: a TemplateScope shared by the calls of
 * one render, or a root of its own.
 */
export function renderTpl(text: string, root: TemplateRoot | TemplateScope, budget: RenderBudget = new RenderBudget()): { output: string } | { error: TemplateError } {
  const templates = new Map<string, TemplateDef>();
  for (const [name, render] of chartTemplates) templates.set(name, { kind: 'native', render });
  const exec = new Execution(templates, helmFunctionTable, budget);
  const parsed = parseTemplateOnce(TPL_NAME, text, helmFunctionTable);
  if (parsed instanceof ParseError) {
    return { error: { message: parsed.message, offset: parsed.offset, ...position(text, parsed.offset), kind: 'parse' } };
  }
  for (const tree of parsed.defined) templates.set(tree.name, { kind: 'tree', tree });
  try {
    const output = exec.run(parsed.main, root instanceof TemplateScope ? root.dot : toGoRoot(root));
    return { output: output.replaceAll('<no value>', '') };
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    const offset = e.text === text ? e.offset : 0;
    if (e instanceof BudgetError) {
      return { error: { message: clip(e.message), offset, ...position(text, offset), kind: e.budget === 'output' ? 'budget' : 'work', limit: e.limit } };
    }
    const unsupported = unsupportedCall.exec(e.message)?.[1];
    const kind = unsupported ? 'unsupported' : 'exec';
    return { error: { message: clip(e.message), offset, ...position(text, offset), kind, ...(unsupported ? { function: unsupported } : {}) } };
  }
}

/** Helm's toYaml: exactly what sigs.k8s.io/yaml prints, without the final newline. */
export function toYaml(value: unknown): string {
  return printToYaml(value);
}
