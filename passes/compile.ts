// The pipeline driver: compose text → agent-env values. It reads top to bottom, one pass a
// line; each pass is pure and reports through the Context. It stops early only where going
// on would report noise (no tree after parse, failed interpolation or composition, a schema
// error at the top of the document); otherwise every pass runs, on a tree without the nodes
// that failed the schema, so one run reports every mistake of a file. Values are returned
// only when no pass reported an error.

import type { Diagnostic } from '../src/base/diagnostics.js';
import { SourceFile, type YamlPath } from '../src/base/source.js';
import { parse } from '../src/yaml/reader.js';
import { interpolate } from './front/interpolate.js';
import { compose } from './front/compose.js';
import { validate, type ValidatedDocument } from './front/validate.js';
import { normalize } from './normalize/pass.js';
import { lower, type PassName } from './registry.js';
import { PassContext } from './context.js';
import { emitValues } from './emit/values.js';
import type { AgentEnvValues, DerivedImage, LoweringIR } from './ir.js';
import { buildPlan, decideProjectName, type BuildPlanEntry } from './support/images.js';

export type { ConvertHost, HostEntry } from '../src/base/host.js';
import type { ConvertHost } from '../src/base/host.js';
export type { Pass } from './context.js';
export { PassContext };

export type { ConversionOptions } from './options.js';
import type { ConversionOptions } from './options.js';

/** One conversion: the options, and what is converted from where. */
export interface ConvertOptions extends ConversionOptions {
  /** The name diagnostics give the input (and the base for relative paths). */
  filename?: string;
  /**
   * Compose files merged over the input, in order, read through the host (`-f`,
   * COMPOSE_FILE, or the automatic override file: see `projectFiles`). Relative paths in
   * them resolve from the input's directory, as Compose resolves them.
   */
  overrideFiles?: string[];
  /** Whether `overrideFiles` is the override file Compose merges unasked (reported as an info). */
  automaticOverride?: boolean;
  /**
   * The directory whose files bind mounts, configs, secrets and env files may read. Default:
   * the repository that holds the compose file (the nearest directory above it with a `.git`),
   * else the compose file's directory.
   */
  filesRoot?: string;
  /**
   * The files root when no repository holds the compose file and the file is under this
   * directory: the directory `check` checks, or the one `convert` runs in. A sandbox may be
   * given any file of the tree it was checked in, not only of the compose file's directory.
   */
  filesRootFallback?: string;
  /** Files and environment; without it no file is read and the environment is empty. */
  host?: ConvertHost;
  /**
   * `--release`: the release the manifests are rendered as, against which the names the
   * chart derives are checked. Without it (or with Helm's placeholder `release-name`) they
   * are checked against the release names inspect generates (8 characters).
   */
  release?: string;
  /**
   * A name given for the project, winning over its top-level `name` as `docker compose -p`
   * does: a `projects:` entry of compose2agent.yaml names its project so.
   */
  projectName?: string;
  /**
   * The absolute directory of the project's compose file: the project is named after it when
   * nothing else names it (`filename` may be relative to a working directory the compiler
   * does not know).
   */
  projectDirectory?: string;
}

export { PASS_NAMES, type PassName } from './registry.js';

export interface ConvertResult {
  /** The values, when the input converted (warnings allowed). */
  values?: AgentEnvValues;
  diagnostics: Diagnostic[];
  /** The output of every pass that ran, by name: what --print-after prints and golden files diff. */
  after: Partial<Record<PassName, unknown>>;
  /**
   * The other Compose files composition read (include, extends), as diagnostics name them:
   * `check` tells fragments from sandboxes by them.
   */
  composedFiles: string[];
}

/** What the front of the pipeline (parse → interpolate → compose → validate) produced. */
interface FrontResult {
  ctx: PassContext;
  file: SourceFile;
  /** The validated document, unless parsing or interpolation failed. */
  valid?: ValidatedDocument;
  /** Whether composition (include, extends, profiles) reported errors. */
  composeFailed: boolean;
  /** The other files composition read. */
  composedFiles: string[];
}

/** The front passes, shared by `convert` and `planImages`. */
function runFront(source: string, options: ConvertOptions, after: ConvertResult['after']): FrontResult {
  const file = new SourceFile(options.filename ?? 'compose.yaml', source);
  const { filename: _filename, host: _host, filesRoot, filesRootFallback, release, projectName, projectDirectory, ...conversion } = options;
  const project = { ...(projectName !== undefined ? { explicit: projectName } : {}), ...(projectDirectory !== undefined ? { directory: projectDirectory } : {}) };
  const ctx = new PassContext(file, conversion, { host: options.host, filesRoot, filesRootFallback, release, project });
  const host = ctx.host;
  const stop = { ctx, file, composeFailed: false, composedFiles: [] };

  const parsed = parse(file, ctx);
  if (!parsed || ctx.hasErrors) return stop;
  ctx.map = parsed.map;
  after.parse = parsed.data;

  const interpolated = interpolate(parsed, ctx, { host, filename: file.path, envFiles: options.envFiles });
  after.interpolate = interpolated.data;
  if (ctx.hasErrors) return stop;

  const composed = compose(interpolated, ctx, {
    host,
    filename: file.path,
    profiles: options.profiles ?? [],
    envFiles: options.envFiles,
    ...(options.overrideFiles ? { overrideFiles: options.overrideFiles } : {}),
    ...(options.automaticOverride ? { automaticOverride: true } : {}),
  });
  after.compose = composed.data;
  ctx.interpolation = composed.env;
  // Included and extended files bring nodes positioned in those files.
  ctx.map = composed.map;
  for (const other of composed.files) ctx.addFile(other);
  const composeFailed = ctx.hasErrors;

  // Schema errors are reported even when composition failed, so one run shows both.
  const valid = validate(composed, ctx);
  after.validate = valid.data;
  return { ctx, file, valid, composeFailed, composedFiles: composed.files.map((f) => f.path) };
}

export function convert(source: string, options: ConvertOptions = {}): ConvertResult {
  const after: ConvertResult['after'] = {};
  const { ctx, valid, composeFailed, composedFiles } = runFront(source, options, after);
  const done = (values?: AgentEnvValues): ConvertResult => ({
    ...(values && !ctx.hasErrors ? { values } : {}),
    diagnostics: ctx.finish(),
    after,
    composedFiles,
  });
  if (!valid || composeFailed) return done();
  // A schema error below a service or network does not stop the compiler: the invalid nodes
  // are removed and the later passes still run, so one run reports every mistake of the file
  // (the values are withheld all the same). Errors at the top of the document would only
  // cause follow-on noise, so those stop here.
  if (valid.invalidPaths.some((p) => p.length <= 1)) return done();
  const checked = valid.invalidPaths.length ? { ...valid, data: withoutPaths(valid.data, valid.invalidPaths) } : valid;

  const normalized = normalize(checked, ctx);
  after.normalize = normalized;
  const lowered = lower(normalized, ctx, (name, ir) => (after[name] = ir));
  if (!lowered || ctx.hasErrors) return done();

  const values = emitValues(lowered);
  after['emit:values'] = values;
  return done(values);
}

/** A copy of a JSON tree without the nodes at the given paths (the input is not changed). */
export function withoutPaths(data: unknown, paths: readonly YamlPath[]): unknown {
  const doomed = new Set(paths.map((p) => JSON.stringify(p)));
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      node.forEach((v, i) => {
        if (!doomed.has(JSON.stringify([...path, i]))) out.push(walk(v, [...path, i]));
      });
      return out;
    }
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        if (!doomed.has(JSON.stringify([...path, k]))) out[k] = walk(v, [...path, k]);
      }
      return out;
    }
    return node;
  };
  return walk(data, []);
}

export interface ImagesResult {
  /** The build plan, when the file composed and validated. */
  plan?: BuildPlanEntry[];
  /** The derived images (bind-mounted files baked in) to build after `plan`, with --image-registry. */
  derived?: DerivedImagePlanEntry[];
  project?: string;
  diagnostics: Diagnostic[];
}

/** A derived image of the build plan: a service's image with its bind-mounted files copied in. */
export interface DerivedImagePlanEntry extends DerivedImage {
  service: string;
}

/**
 * The build plan of a compose file (`compose2agent images`): which images CI must build and
 * push before the sandbox can run. It runs the front of the pipeline only.
 */
export function planImages(source: string, options: ConvertOptions = {}): ImagesResult {
  const { ctx, file, valid } = runFront(source, options, {});
  if (!valid || ctx.hasErrors) return { diagnostics: ctx.finish() };
  const project = decideProjectName((valid.data as { name?: unknown } | undefined)?.name, file.path, ctx.project);
  if (project === undefined) {
    ctx.report('C2A212', [], { file: file.path });
    return { diagnostics: ctx.finish() };
  }
  const plan = buildPlan(valid, { projectName: project, imageRegistry: options.imageRegistry, imageTag: options.imageTag });
  return { plan, derived: derivedImages(source, options), project, diagnostics: ctx.finish() };
}

/**
 * The derived images the conversion decides on: which bind mounts do not fit annotations is
 * known only once lower:files has read them, so the whole conversion runs (its diagnostics
 * are `convert`'s business; the plan lists what it would need).
 */
function derivedImages(source: string, options: ConvertOptions): DerivedImagePlanEntry[] {
  if (!options.imageRegistry) return [];
  const lowered = convert(source, options).after['lower:image'] as LoweringIR | undefined;
  return (lowered?.services ?? []).flatMap((s) => (s.k8s.derivedImage ? [{ service: s.name, ...s.k8s.derivedImage }] : []));
}
