// Pass 3 — compose: one Compose model out of several files, as `docker compose config`
// builds it.
//
// - override files (`-f a.yaml -f b.yaml`, COMPOSE_FILE, the automatic
//   `compose.override.yaml`): each is loaded like the first file (parsed, interpolated with
//   the project's environment, its includes and extends applied; relative paths stay
//   relative to the project directory, the first file's) and merged over the model so far
//   by the Compose merge rules; `!reset` removes what earlier files set at its path, and
//   `!override` replaces it instead of merging.
// - `include`: each entry (a path, or `path` + `project_directory` + `env_file`) is loaded as
//   a project of its own — parsed, interpolated with its own environment (the including
//   project's variables win over the entry's env files, by default the `.env` of its project
//   directory), its own includes and extends applied — and its services, networks, volumes,
//   secrets, configs and models are added. A resource defined differently on both sides is
//   an error. Relative paths of included resources are rewritten to stay correct from the
//   including file's directory.
// - `extends`: a service is its base (same file, or `extends.file`, recursively) with its
//   own keys merged over it by the Compose merge rules (mappings merge, most lists append,
//   command/entrypoint/healthcheck.test replace, environment/labels/... merge by key).
// - duplicates in lists that Compose keeps unique (ports, volumes by target, environment by
//   name, ...) are removed, the later definition winning, as Compose does before validating.
// - `profiles`: services whose profiles are all inactive are left out (an info); an active
//   service that still needs one (depends_on, network_mode: service:) is an error.
// - an active service with neither an image nor a build context is an error, as in Compose.
//
// Nodes keep their positions, also those from other files, so later diagnostics point into
// the file that holds the offending text.

import { posix } from 'node:path';
import type { ConvertHost } from '../../src/base/host.js';
import { Context } from '../../src/base/diagnostics.js';
import { SourceFile, SourceMap, formatPath, type Loc, type NodeLoc, type YamlPath } from '../../src/base/source.js';
import { interpolateWith, loadEnvFiles, resolveEnvironment, type Environment, type InterpolatedDocument } from './interpolate.js';
import { parse, type MergeTag, type ParsedDocument } from '../../src/yaml/reader.js';
import type { MultiFileDocument } from './validate.js';
import { REMOTE_CONTEXT } from '../support/images.js';

export interface ComposeOptions {
  host: ConvertHost;
  filename: string;
  profiles: string[];
  /** `--env-file`, used only when `doc` does not carry its environment (see interpolate). */
  envFiles?: string[];
  /** Compose files merged over `filename`, in order (`-f`, COMPOSE_FILE). */
  overrideFiles?: readonly string[];
  /**
   * Whether the override files are the one Compose merges without being told (the
   * `compose.override.yaml` beside the project's compose file): the merge is then reported.
   */
  automaticOverride?: boolean;
}

/** The composed document: the model, and every file that contributed to it. */
export interface ComposedDocument extends MultiFileDocument {
  env: Environment;
  files: readonly SourceFile[];
}

export function compose(doc: ParsedDocument, ctx: Context, opts: ComposeOptions): ComposedDocument {
  const env = (doc as Partial<InterpolatedDocument>).env ?? resolveEnvironment(ctx, opts);
  const composer = new Composer(ctx, opts.host);
  const first = toLocated(doc.data, doc.map, []);
  if (first.kind !== 'map') return { data: doc.data, map: doc.map, env, files: [] };
  let root = first;
  const mainDir = posix.dirname(opts.filename);
  composer.processFile(root, { file: opts.filename, workingDir: mainDir, env, includeChain: [posix.normalize(opts.filename)] });
  enforceUnicity(root, []);
  for (const path of opts.overrideFiles ?? []) {
    const override = composer.load(path, 'override', undefined, env);
    if (!override) continue;
    if (opts.automaticOverride) ctx.report('C2A213', { loc: composer.locAt(path) }, { override: path, base: opts.filename });
    // Relative paths of every file of a project start from the project directory.
    composer.processFile(override, { file: path, workingDir: mainDir, env, includeChain: [posix.normalize(path)] });
    root = composer.mergeRoot(root, override);
    enforceUnicity(root, []);
  }
  composer.applyProfiles(root, activeProfiles(opts.profiles, env));
  composer.checkRunnable(root);
  const map = new SourceMap(doc.map.file);
  const data = fromLocated(root, map, []);
  const files = composer.files();
  for (const file of files) ctx.attachFrame(file);
  return { data, map, env, files };
}

/**
 * The active profiles: `--profile`, else COMPOSE_PROFILES (comma-separated) from the
 * environment or the project's .env, as `docker compose` reads it.
 */
export function activeProfiles(given: readonly string[], env: Environment): string[] {
  if (given.length > 0) return [...given];
  return (env.get('COMPOSE_PROFILES') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

// ── Located trees ──────────────────────────────────────────────────────────────────────
// Composition moves nodes between files; each node carries its own position.

type Scalar = string | number | boolean | null;
type LNode = LScalar | LSeq | LMap;
/** `loc` and `path` say where a node is written: its position, and its path in its own file. */
interface LScalar {
  kind: 'scalar';
  value: Scalar;
  loc?: NodeLoc;
  path?: YamlPath;
}
interface LSeq {
  kind: 'seq';
  items: LNode[];
  loc?: NodeLoc;
  path?: YamlPath;
}
interface LMap {
  kind: 'map';
  entries: Map<string, LNode>;
  loc?: NodeLoc;
  path?: YamlPath;
}

function toLocated(value: unknown, map: SourceMap, path: (string | number)[]): LNode {
  const loc = map.get(path);
  // Each node is made once, with its position when it has one (a file's every node passes here).
  const at = loc ? { loc, path } : undefined;
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v, i) => toLocated(v, map, [...path, i])), ...at };
  if (value !== null && typeof value === 'object') {
    const entries = new Map<string, LNode>();
    for (const [k, v] of Object.entries(value)) entries.set(k, toLocated(v, map, [...path, k]));
    return { kind: 'map', entries, ...at };
  }
  return { kind: 'scalar', value: value as Scalar, ...at };
}

function fromLocated(node: LNode, map: SourceMap, path: (string | number)[]): unknown {
  if (node.loc) map.set(path, node.loc);
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map((item, i) => fromLocated(item, map, [...path, i]));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) out[k] = fromLocated(v, map, [...path, k]);
      return out;
    }
  }
}

function clone(node: LNode): LNode {
  switch (node.kind) {
    case 'scalar':
      return { ...node };
    case 'seq':
      return { ...node, items: node.items.map(clone) };
    case 'map':
      return { ...node, entries: new Map([...node.entries].map(([k, v]) => [k, clone(v)])) };
  }
}

function plain(node: LNode | undefined): unknown {
  if (!node) return undefined;
  return fromLocated(node, new SourceMap(new SourceFile('', '')), []);
}

function deepEqual(a: LNode, b: LNode): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

const str = (node: LNode | undefined): string | undefined =>
  node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;

const scalar = (value: Scalar, like?: LNode): LScalar => (like?.loc ? { kind: 'scalar', value, loc: like.loc } : { kind: 'scalar', value });

function locOf(node: LNode | undefined, fallback: Loc): { loc: Loc; path?: YamlPath } {
  return { loc: node?.loc?.value ?? fallback, ...(node?.loc && node.path ? { path: node.path } : {}) };
}

function keyLocOf(node: LNode | undefined, fallback: Loc): { loc: Loc; path?: YamlPath } {
  return { loc: node?.loc?.key ?? node?.loc?.value ?? fallback, ...(node?.loc && node.path ? { path: node.path } : {}) };
}

// ── Files and projects ─────────────────────────────────────────────────────────────────

interface FileContext {
  /** The YAML file being processed. */
  file: string;
  /** The directory relative paths in it (include, extends.file) start from. */
  workingDir: string;
  env: Environment;
  /** Files of the include chain that led here, for cycle detection. */
  includeChain: string[];
}

const RESOURCE_KINDS = ['services', 'volumes', 'networks', 'secrets', 'configs', 'models'] as const;
/** Top-level keys of an included file that mean nothing once it is included: its project name, the obsolete version. */
const IMPORT_IGNORED_KEYS = new Set(['name', 'version']);

class Composer {
  private readonly sources = new Map<string, SourceFile>();
  private readonly extendsCache = new Map<string, LMap | undefined>();
  private readonly envIds = new WeakMap<Environment, number>();
  private nextEnvId = 0;
  private readonly reported = new Set<string>();
  /** The merge tags of each loaded file's root, applied when it is merged over another. */
  private readonly mergeTags = new WeakMap<LMap, readonly MergeTag[]>();

  constructor(
    private readonly ctx: Context,
    private readonly host: ConvertHost,
  ) {}

  files(): SourceFile[] {
    return [...this.sources.values()];
  }

  /** Includes, then extends, of one file's (interpolated) model, in place. */
  processFile(root: LMap, fc: FileContext): void {
    const include = root.entries.get('include');
    if (include) {
      root.entries.delete('include');
      this.applyInclude(root, include, fc);
    }
    this.applyExtends(root, fc);
  }

  /** The start of a loaded file, for diagnostics about the file as a whole. */
  locAt(path: string): Loc {
    return (this.sources.get(path) ?? this.ctx.file).loc(0);
  }

  /** Reads, parses and interpolates a referenced file; undefined when unusable (reported). */
  load(path: string, kind: 'included' | 'extended' | 'override', at: LNode | undefined, env: Environment): LMap | undefined {
    const fallback = this.ctx.file.loc(0);
    const text = this.host.readFile(path);
    if (text === undefined) {
      const reason = this.host.unreadable?.(path);
      this.ctx.report('C2A200', locOf(at, fallback), { kind, path, ...(reason && reason !== 'no such file' ? { reason } : {}) });
      return undefined;
    }
    const source = new SourceFile(path, text);
    this.sources.set(path, source);
    // The file's own syntax errors carry frames from its own context; they join the run's
    // diagnostics, and the reference to the file fails with them.
    const own = new Context(undefined, source);
    const parsed = parse(source, own);
    this.ctx.adopt(own);
    if (!parsed || own.hasErrors) {
      this.ctx.report('C2A201', locOf(at, fallback), { path, reason: 'has-errors' });
      return undefined;
    }
    if (parsed.data === null) return { kind: 'map', entries: new Map() };
    if (typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
      this.ctx.report('C2A201', locOf(at, fallback), { path, reason: 'not-a-mapping' });
      return undefined;
    }
    const interpolated = interpolateWith(parsed, this.ctx, env);
    const root = toLocated(interpolated.data, parsed.map, []);
    if (root.kind !== 'map') return undefined;
    if (parsed.mergeTags) this.mergeTags.set(root, parsed.mergeTags);
    return root;
  }

  // ── include ──────────────────────────────────────────────────────────────────────────

  private applyInclude(root: LMap, include: LNode, fc: FileContext): void {
    const fallback = this.ctx.file.loc(0);
    if (include.kind !== 'seq') {
      this.ctx.report('C2A203', locOf(include, fallback), { detail: 'not-a-list' });
      return;
    }
    for (const entry of include.items) {
      const spec = this.includeSpec(entry, fc);
      if (!spec) continue;
      const [main] = spec.paths;
      if (fc.includeChain.includes(main!.path)) {
        const chain = [...fc.includeChain, main!.path].join(' → ');
        this.ctx.report('C2A202', locOf(main!.node, fallback), { chain });
        continue;
      }
      const env = this.includeEnvironment(spec, fc);
      const child: FileContext = { file: main!.path, workingDir: spec.projectDir, env, includeChain: [...fc.includeChain, main!.path] };
      let model: LMap | undefined;
      for (const { path, node } of spec.paths) {
        const loaded = this.load(path, 'included', node, env);
        if (!loaded) continue;
        this.processFile(loaded, { ...child, file: path });
        model = model ? this.mergeRoot(model, loaded) : loaded;
      }
      if (!model) continue;
      enforceUnicity(model, []);
      rebaseModel(model, spec.projectDir, fc.workingDir);
      this.reportUnimported(model);
      this.importResources(root, model, main!.path);
    }
  }

  private includeSpec(
    entry: LNode,
    fc: FileContext,
  ): { paths: { path: string; node: LNode }[]; projectDir: string; envFiles?: { path: string; node: LNode }[] } | undefined {
    const fallback = this.ctx.file.loc(0);
    const resolve = (p: string) => posix.normalize(posix.isAbsolute(p) ? p : posix.join(fc.workingDir, p));
    let pathNodes: LNode[];
    let projectDirNode: LNode | undefined;
    let envNodes: LNode[] | undefined;
    if (entry.kind === 'scalar' && typeof entry.value === 'string') {
      pathNodes = [entry];
    } else if (entry.kind === 'map') {
      for (const key of entry.entries.keys()) {
        if (!['path', 'project_directory', 'env_file'].includes(key)) {
          this.ctx.report('C2A203', keyLocOf(entry.entries.get(key), fallback), { detail: 'unknown-key', key });
          return undefined;
        }
      }
      const path = entry.entries.get('path');
      if (!path) {
        this.ctx.report('C2A203', locOf(entry, fallback), { detail: 'path-required' });
        return undefined;
      }
      pathNodes = path.kind === 'seq' ? path.items : [path];
      projectDirNode = entry.entries.get('project_directory');
      const envFile = entry.entries.get('env_file');
      if (envFile) envNodes = envFile.kind === 'seq' ? envFile.items : [envFile];
    } else {
      this.ctx.report('C2A203', locOf(entry, fallback), { detail: 'neither-path-nor-mapping' });
      return undefined;
    }
    const bad = [...pathNodes, ...(envNodes ?? []), ...(projectDirNode ? [projectDirNode] : [])].find((n) => str(n) === undefined);
    if (bad || pathNodes.length === 0) {
      this.ctx.report('C2A203', locOf(bad ?? entry, fallback), { detail: 'path-not-string' });
      return undefined;
    }
    const paths = pathNodes.map((node) => ({ path: resolve(str(node)!), node }));
    const projectDir = projectDirNode ? resolve(str(projectDirNode)!) : posix.dirname(paths[0]!.path);
    const envFiles = envNodes
      ?.filter((n) => str(n) !== '/dev/null')
      .map((node) => ({ path: resolve(str(node)!), node }));
    return { paths, projectDir, ...(envFiles ? { envFiles } : {}) };
  }

  /** The including project's variables, over the entry's env files (or its project's .env). */
  private includeEnvironment(spec: { projectDir: string; envFiles?: { path: string; node: LNode }[] }, fc: FileContext): Environment {
    const fallback = this.ctx.file.loc(0);
    let fromFiles: Map<string, string>;
    if (spec.envFiles) {
      fromFiles = new Map();
      for (const { path, node } of spec.envFiles) {
        const vars = loadEnvFiles(this.ctx, this.host, [path], new Map([...fromFiles, ...fc.env]), 'required', locOf(node, fallback).loc);
        for (const [k, v] of vars) fromFiles.set(k, v);
      }
    } else {
      fromFiles = loadEnvFiles(this.ctx, this.host, [posix.join(spec.projectDir, '.env')], fc.env, 'optional');
    }
    const env = new Map(fromFiles);
    for (const [k, v] of fc.env) env.set(k, v);
    return env;
  }

  /**
   * Files of one project (or of one include entry): the later ones override, by the merge
   * rules, after their `!reset` and `!override` tags removed what they replace.
   */
  mergeRoot(base: LMap, override: LMap): LMap {
    for (const { path } of this.mergeTags.get(override) ?? []) removeAt(base, path);
    const merged = this.merge(base, override, []);
    return merged.kind === 'map' ? merged : base;
  }

  /**
   * compose-go imports only the resources of an included file; its other top-level keys go.
   * An extension (x-inspect_k8s_sandbox included) is valid there and dropped: a warning at it.
   * Any other key is one the Compose schema refuses in the included file: an error at it.
   */
  private reportUnimported(model: LMap): void {
    const fallback = this.ctx.file.loc(0);
    for (const [key, node] of model.entries) {
      if ((RESOURCE_KINDS as readonly string[]).includes(key) || IMPORT_IGNORED_KEYS.has(key)) continue;
      if (key.startsWith('x-')) this.ctx.report('C2A357', keyLocOf(node, fallback), { key });
      else this.ctx.report('C2A358', keyLocOf(node, fallback), { key });
    }
  }

  private importResources(root: LMap, model: LMap, file: string): void {
    for (const kind of RESOURCE_KINDS) {
      const imported = model.entries.get(kind);
      if (!imported || imported.kind !== 'map') continue;
      let local = root.entries.get(kind);
      if (!local) {
        local = { kind: 'map', entries: new Map() };
        root.entries.set(kind, local);
      }
      if (local.kind !== 'map') continue;
      for (const [name, resource] of imported.entries) {
        const existing = local.entries.get(name);
        if (!existing) {
          local.entries.set(name, resource);
        } else if (!deepEqual(existing, resource)) {
          this.ctx.report('C2A204', { ...keyLocOf(existing, this.ctx.file.loc(0)), path: [kind, name] }, { kind, name, file });
        }
      }
    }
  }

  // ── extends ──────────────────────────────────────────────────────────────────────────

  private applyExtends(root: LMap, fc: FileContext): void {
    const services = root.entries.get('services');
    if (!services || services.kind !== 'map') return;
    for (const name of [...services.entries.keys()]) {
      this.resolveService(name, services, fc, [`${fc.file}\0${name}`]);
    }
  }

  /** The service with its `extends` applied (and stored back into `services`). */
  private resolveService(name: string, services: LMap, fc: FileContext, chain: string[]): LNode | undefined {
    const fallback = this.ctx.file.loc(0);
    const service = services.entries.get(name);
    if (!service || service.kind !== 'map') return service;
    const ext = service.entries.get('extends');
    if (!ext) return service;
    let baseName: string | undefined;
    let fileNode: LNode | undefined;
    if (ext.kind === 'map') {
      baseName = str(ext.entries.get('service'));
      fileNode = ext.entries.get('file');
      if (baseName === undefined) {
        this.ctx.report('C2A205', locOf(ext, fallback), { detail: 'service-name-missing', service: name });
        return service;
      }
      if (fileNode && str(fileNode) === undefined) {
        this.ctx.report('C2A205', locOf(fileNode, fallback), { detail: 'file-not-path' });
        return service;
      }
    } else {
      baseName = str(ext);
      if (baseName === undefined) {
        this.ctx.report('C2A205', locOf(ext, fallback), { detail: 'neither-name-nor-mapping' });
        return service;
      }
    }
    let baseServices = services;
    let baseFc = fc;
    if (fileNode) {
      const raw = str(fileNode)!;
      const path = posix.normalize(posix.isAbsolute(raw) ? raw : posix.join(fc.workingDir, raw));
      const other = this.loadExtended(path, fileNode, fc);
      if (!other) return service;
      const otherServices = other.entries.get('services');
      if (!otherServices || otherServices.kind !== 'map' || !otherServices.entries.has(baseName)) {
        const known = otherServices?.kind === 'map' ? [...otherServices.entries.keys()] : [];
        this.ctx.report('C2A206', locOf(ext, fallback), { service: name, base: baseName, file: path, known });
        return service;
      }
      baseServices = otherServices;
      baseFc = { ...fc, file: path };
    } else if (!services.entries.has(baseName)) {
      this.ctx.report('C2A206', locOf(ext, fallback), { service: name, base: baseName, known: [...services.entries.keys()].filter((k) => k !== name) });
      return service;
    }
    const key = `${baseFc.file}\0${baseName}`;
    if (chain.includes(key)) {
      const names = [...chain, key].map((k) => k.split('\0')[1]).join(' → ');
      if (!this.reported.has(names)) {
        this.reported.add(names);
        this.ctx.report('C2A207', locOf(ext, fallback), { chain: names });
      }
      return service;
    }
    const base = this.resolveService(baseName, baseServices, baseFc, [...chain, key]);
    if (!base || base.kind !== 'map') return service;
    const merged = this.merge(clone(base), service, ['services', name]);
    if (merged.kind === 'map') merged.entries.delete('extends');
    // The merged service sits where the extending service was written.
    const placed = service.loc ? { ...merged, loc: service.loc } : merged;
    services.entries.set(name, placed);
    return placed;
  }

  /**
   * An `extends.file`: loaded without its includes (as Compose does), interpolated with the
   * extending project's environment, its relative paths rewritten from its own directory to
   * the extending file's working directory. Cached per file and target.
   */
  private loadExtended(path: string, at: LNode, fc: FileContext): LMap | undefined {
    let envId = this.envIds.get(fc.env);
    if (envId === undefined) {
      envId = this.nextEnvId++;
      this.envIds.set(fc.env, envId);
    }
    const key = `${path}\0${fc.workingDir}\0${envId}`;
    if (this.extendsCache.has(key)) return this.extendsCache.get(key);
    const root = this.load(path, 'extended', at, fc.env);
    if (root) {
      root.entries.delete('include');
      rebaseModel(root, posix.dirname(path), fc.workingDir);
    }
    this.extendsCache.set(key, root);
    return root;
  }

  // ── merge rules ──────────────────────────────────────────────────────────────────────

  /** Compose's merge of `override` over `base` at `path` (services.<name>.…, or the root). */
  merge(base: LNode, override: LNode, path: YamlPath): LNode {
    const merged = this.mergeNodes(base, override, path);
    return UNIQUE_WHEN_MERGED.some((pattern) => matches(pattern, path)) ? withUniqueItems(merged, path) : merged;
  }

  private mergeNodes(base: LNode, override: LNode, path: YamlPath): LNode {
    const special = mergeRuleFor(path);
    if (special) return special(base, override, path, this);
    if (override.kind === 'scalar' && override.value === null) return base;
    if (base.kind === 'map') {
      if (override.kind !== 'map') return this.cannotMerge(base, override, path);
      return this.mergeMappings(base, override, path);
    }
    if (base.kind === 'seq') {
      if (override.kind !== 'seq') return this.cannotMerge(base, override, path);
      return { ...base, items: [...base.items, ...override.items] };
    }
    return override;
  }

  mergeMappings(base: LMap, override: LMap, path: YamlPath): LMap {
    const entries = new Map(base.entries);
    for (const [k, v] of override.entries) {
      const existing = entries.get(k);
      entries.set(k, existing ? this.merge(existing, v, [...path, k]) : v);
    }
    return { ...base, entries };
  }

  private cannotMerge(base: LNode, override: LNode, path: YamlPath): LNode {
    this.ctx.report('C2A208', { ...locOf(override, this.ctx.file.loc(0)), path }, { path: formatPath(path), override: override.kind, base: base.kind });
    return base;
  }

  // ── profiles ─────────────────────────────────────────────────────────────────────────

  applyProfiles(root: LMap, active: readonly string[]): void {
    const services = root.entries.get('services');
    if (!services || services.kind !== 'map') return;
    const fallback = this.ctx.file.loc(0);
    const dropped = new Map<string, string[]>();
    for (const [name, service] of services.entries) {
      if (service.kind !== 'map') continue;
      const profiles = service.entries.get('profiles');
      if (!profiles || profiles.kind !== 'seq' || profiles.items.length === 0) continue;
      const names = profiles.items.map((p) => String(p.kind === 'scalar' ? p.value : ''));
      if (active.includes('*') || names.some((p) => active.includes(p))) continue;
      dropped.set(name, names);
      this.ctx.report('C2A209', { ...keyLocOf(service, fallback), path: ['services', name] }, { service: name, profiles: names.join(', ') });
    }
    for (const name of dropped.keys()) services.entries.delete(name);
    for (const [name, service] of services.entries) {
      if (service.kind !== 'map') continue;
      const dependsOn = service.entries.get('depends_on');
      const needs = (other: string, node: LNode, relation: string) => {
        const profiles = dropped.get(other);
        if (!profiles) return;
        this.ctx.report('C2A210', { ...locOf(node, fallback), path: ['services', name] }, { service: name, relation, other, profiles: profiles.join(', ') });
      };
      if (dependsOn?.kind === 'seq') {
        for (const item of dependsOn.items) if (str(item) !== undefined) needs(str(item)!, item, 'depends on');
      } else if (dependsOn?.kind === 'map') {
        for (const [other, spec] of [...dependsOn.entries]) {
          if (!dropped.has(other)) continue;
          const required = spec.kind === 'map' ? spec.entries.get('required') : undefined;
          // An optional dependency on a left-out service is simply not started (Compose).
          if (required?.kind === 'scalar' && required.value === false) dependsOn.entries.delete(other);
          else needs(other, spec.loc ? spec : dependsOn, 'depends on');
        }
      }
      const mode = str(service.entries.get('network_mode'));
      if (mode?.startsWith('service:')) needs(mode.slice('service:'.length), service.entries.get('network_mode')!, 'uses the network of');
    }
  }

  /** Compose refuses an active service that has nothing to run: no image, no build. */
  checkRunnable(root: LMap): void {
    const services = root.entries.get('services');
    if (!services || services.kind !== 'map') return;
    const fallback = this.ctx.file.loc(0);
    for (const [name, service] of services.entries) {
      if (service.kind !== 'map') continue;
      const image = service.entries.get('image');
      const imageName = image?.kind === 'scalar' ? image.value : undefined;
      const has = (key: string) => {
        const v = service.entries.get(key);
        return v !== undefined && !(v.kind === 'scalar' && v.value === null);
      };
      // A service whose extends failed (reported) has no base to take an image from.
      if (has('extends') || has('build') || has('provider') || (imageName !== '' && image !== undefined && imageName !== null)) continue;
      const empty = imageName === '';
      this.ctx.report(
        'C2A211',
        { ...(empty ? locOf(image, fallback) : keyLocOf(service, fallback)), path: ['services', name, ...(empty ? ['image'] : [])] },
        { service: name, empty },
      );
    }
  }
}

/**
 * Removes what a model holds at `path` (compose-go's ResetProcessor): a mapping entry, or in
 * a list of `KEY=VALUE` strings (what merging two files' environments or labels makes) the
 * entries of that key. A list item by index is left alone, as compose-go leaves it.
 */
function removeAt(root: LMap, path: YamlPath): void {
  let node: LNode | undefined = root;
  for (const step of path.slice(0, -1)) {
    if (node?.kind === 'map') node = node.entries.get(String(step));
    else if (node?.kind === 'seq' && typeof step === 'number') node = node.items[step];
    else return;
  }
  const last = path.at(-1);
  if (last === undefined || !node) return;
  if (node.kind === 'map') node.entries.delete(String(last));
  else if (node.kind === 'seq' && typeof last === 'string') node.items = node.items.filter((item) => str(item)?.split('=')[0] !== last);
}

// ── Merge rules by path (Compose's merge specials) ─────────────────────────────────────

type MergeRule = (base: LNode, override: LNode, path: YamlPath, composer: Composer) => LNode;

const replace: MergeRule = (_base, override) => override;

/** Both sides as lists of `KEY=VALUE` strings (mappings sorted by key), appended. */
const toSequence: MergeRule = (base, override) => {
  const items = [...asSequence(base), ...asSequence(override)];
  return { kind: 'seq', items, ...(base.loc ? { loc: base.loc } : {}) };
};

const extraHosts: MergeRule = (base, override) => {
  const left = asSequence(base);
  const seen = new Set(left.map((n) => JSON.stringify(plain(n))));
  const right = asSequence(override).filter((n) => !seen.has(JSON.stringify(plain(n))));
  return { kind: 'seq', items: [...left, ...right], ...(base.loc ? { loc: base.loc } : {}) };
};

const build: MergeRule = (base, override, path, composer) => {
  const asMap = (n: LNode): LMap | undefined =>
    n.kind === 'map' ? n : str(n) !== undefined ? { kind: 'map', entries: new Map([['context', n]]), ...(n.loc ? { loc: n.loc } : {}) } : undefined;
  const b = asMap(base);
  const o = asMap(override);
  return b && o ? composer.mergeMappings(b, o, path) : override;
};

const byName =
  (defaults: (like: LNode) => LNode): MergeRule =>
  (base, override, path, composer) => {
    const b = asMapping(base, defaults);
    const o = asMapping(override, defaults);
    return b && o ? composer.mergeMappings(b, o, path) : override;
  };

const dependsOn = byName((like) => ({
  kind: 'map',
  entries: new Map<string, LNode>([
    ['condition', scalar('service_started', like)],
    ['required', scalar(true, like)],
  ]),
  ...(like.loc ? { loc: like.loc } : {}),
}));
const nullEntry = byName((like) => scalar(null, like));

const logging: MergeRule = (base, override, path, composer) => {
  if (base.kind !== 'map' || override.kind !== 'map') return override;
  const a = base.entries.get('driver');
  const b = override.entries.get('driver');
  if (!a || !b || JSON.stringify(plain(a)) === JSON.stringify(plain(b))) return composer.mergeMappings(base, override, path);
  return override;
};

const ipamConfig: MergeRule = (base, override, path, composer) => {
  if (base.kind !== 'seq' || override.kind !== 'seq') return override;
  const subnet = (n: LNode) => (n.kind === 'map' ? JSON.stringify(plain(n.entries.get('subnet'))) : undefined);
  const out: LNode[] = [];
  for (const original of base.items) {
    for (const item of override.items) {
      if (subnet(item) !== subnet(original)) {
        if (!out.some((n) => subnet(n) === subnet(item))) {
          out.push(item);
          continue;
        }
      }
      const merged = original.kind === 'map' && item.kind === 'map' ? composer.mergeMappings(original, item, path) : item;
      const at = out.findIndex((n) => subnet(n) === subnet(merged));
      if (at >= 0) out[at] = merged;
      else out.push(merged);
    }
  }
  return { kind: 'seq', items: out, ...(base.loc ? { loc: base.loc } : {}) };
};

const MERGE_RULES: [readonly string[], MergeRule][] = [
  [['networks', '*', 'ipam', 'config'], ipamConfig],
  [['networks', '*', 'labels'], toSequence],
  [['volumes', '*', 'labels'], toSequence],
  [['services', '*', 'annotations'], toSequence],
  [['services', '*', 'build'], build],
  [['services', '*', 'build', 'args'], toSequence],
  [['services', '*', 'build', 'additional_contexts'], toSequence],
  [['services', '*', 'build', 'extra_hosts'], extraHosts],
  [['services', '*', 'build', 'labels'], toSequence],
  [['services', '*', 'command'], replace],
  [['services', '*', 'depends_on'], dependsOn],
  [['services', '*', 'deploy', 'labels'], toSequence],
  [['services', '*', 'dns'], toSequence],
  [['services', '*', 'dns_opt'], toSequence],
  [['services', '*', 'dns_search'], toSequence],
  [['services', '*', 'entrypoint'], replace],
  [['services', '*', 'env_file'], toSequence],
  [['services', '*', 'label_file'], toSequence],
  [['services', '*', 'environment'], toSequence],
  [['services', '*', 'extra_hosts'], extraHosts],
  [['services', '*', 'healthcheck', 'test'], replace],
  [['services', '*', 'labels'], toSequence],
  [['services', '*', 'volumes', '*', 'volume', 'labels'], toSequence],
  [['services', '*', 'logging'], logging],
  [['services', '*', 'models'], nullEntry],
  [['services', '*', 'networks'], nullEntry],
  [['services', '*', 'sysctls'], toSequence],
  [['services', '*', 'tmpfs'], toSequence],
  [['services', '*', 'ulimits', '*'], replace],
];

function matches(pattern: readonly string[], path: YamlPath): boolean {
  return pattern.length === path.length && pattern.every((p, i) => p === '*' || p === String(path[i]));
}

function mergeRuleFor(path: YamlPath): MergeRule | undefined {
  return MERGE_RULES.find(([pattern]) => matches(pattern, path))?.[1];
}

/** A mapping as `KEY=VALUE` strings sorted by text (a null value gives `KEY`); lists as they are. */
function asSequence(node: LNode): LNode[] {
  if (node.kind === 'seq') return node.items;
  if (node.kind === 'scalar') return node.value === null ? [] : [node];
  const items: { text: string; node: LNode }[] = [];
  for (const [k, v] of node.entries) {
    if (v.kind === 'scalar' && v.value === null) items.push({ text: k, node: scalar(k, v) });
    else if (v.kind === 'seq') for (const e of v.items) items.push({ text: `${k}=${goString(e)}`, node: scalar(`${k}=${goString(e)}`, e) });
    else items.push({ text: `${k}=${goString(v)}`, node: scalar(`${k}=${goString(v)}`, v) });
  }
  items.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return items.map((i) => i.node);
}

/** How Compose prints a value into `KEY=VALUE` (Go's %v). */
function goString(node: LNode): string {
  const value = plain(node);
  if (value === null) return '<nil>';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function asMapping(node: LNode, defaults: (like: LNode) => LNode): LMap | undefined {
  if (node.kind === 'map') return node;
  if (node.kind !== 'seq') return undefined;
  const entries = new Map<string, LNode>();
  for (const item of node.items) {
    const name = str(item);
    if (name !== undefined) entries.set(name, defaults(item));
  }
  return { kind: 'map', entries, ...(node.loc ? { loc: node.loc } : {}) };
}

// ── Unique list items (Compose's EnforceUnicity) ───────────────────────────────────────

type Indexer = (item: LNode) => string;

const keyValue: Indexer = (item) => {
  const s = str(item);
  return s === undefined ? JSON.stringify(plain(item)) : s.split('=')[0]!;
};
const whole: Indexer = (item) => JSON.stringify(plain(item));
const volumeTarget: Indexer = (item) => {
  if (item.kind === 'map') return `target:${JSON.stringify(plain(item.entries.get('target')))}`;
  const s = str(item);
  if (s === undefined) return whole(item);
  const parts = s.split(':');
  return `target:${JSON.stringify(parts.length === 1 ? parts[0] : parts[1])}`;
};
const deviceTarget: Indexer = (item) => {
  if (item.kind === 'map') return `target:${JSON.stringify(plain(item.entries.get('target')))}`;
  const s = str(item);
  if (s === undefined) return whole(item);
  const parts = s.split(':');
  return parts.length === 1 ? parts[0]! : parts[1]!;
};
const mountTarget =
  (defaultDir: string): Indexer =>
  (item) => {
    if (item.kind === 'map') {
      const target = str(item.entries.get('target'));
      return target ?? `${defaultDir}/${str(item.entries.get('source')) ?? ''}`;
    }
    return `${defaultDir}/${str(item) ?? whole(item)}`;
  };
const envFilePath: Indexer = (item) => (item.kind === 'map' ? (str(item.entries.get('path')) ?? whole(item)) : (str(item) ?? whole(item)));
const port: Indexer = (item) => {
  if (item.kind !== 'map') return String(plain(item));
  const f = (k: string, d: string) => {
    const v = plain(item.entries.get(k));
    return v === undefined ? d : String(v);
  };
  return `${f('host_ip', '0.0.0.0')}:${f('published', '')}:${f('target', '')}/${f('protocol', 'tcp')}`;
};

const UNIQUE: [readonly string[], Indexer][] = [
  [['networks', '*', 'labels'], keyValue],
  [['services', '*', 'annotations'], keyValue],
  [['services', '*', 'build', 'args'], keyValue],
  [['services', '*', 'build', 'additional_contexts'], keyValue],
  [['services', '*', 'build', 'platforms'], keyValue],
  [['services', '*', 'build', 'tags'], keyValue],
  [['services', '*', 'build', 'labels'], keyValue],
  [['services', '*', 'cap_add'], keyValue],
  [['services', '*', 'cap_drop'], keyValue],
  [['services', '*', 'devices'], deviceTarget],
  [['services', '*', 'configs'], mountTarget('')],
  [['services', '*', 'deploy', 'labels'], keyValue],
  [['services', '*', 'dns'], keyValue],
  [['services', '*', 'dns_opt'], keyValue],
  [['services', '*', 'dns_search'], keyValue],
  [['services', '*', 'environment'], keyValue],
  [['services', '*', 'env_file'], envFilePath],
  [['services', '*', 'expose'], (item) => String(plain(item))],
  [['services', '*', 'labels'], keyValue],
  [['services', '*', 'links'], keyValue],
  [['services', '*', 'networks', '*', 'aliases'], keyValue],
  [['services', '*', 'networks', '*', 'link_local_ips'], keyValue],
  [['services', '*', 'ports'], port],
  [['services', '*', 'profiles'], keyValue],
  [['services', '*', 'secrets'], mountTarget('/run/secrets')],
  [['services', '*', 'sysctls'], keyValue],
  [['services', '*', 'tmpfs'], keyValue],
  [['services', '*', 'volumes'], volumeTarget],
];

/**
 * Lists Compose keeps unique whose repeats within one list are left for later passes, which
 * keep or refuse them with their line: repeated environment names are kept in order, as the
 * reference converter keeps them (Kubernetes applies the last, as Compose does); two volumes
 * at one path are refused (Kubernetes refuses such a pod). A later definition from another
 * file or from `extends` still replaces the earlier one, by Compose's merge rules.
 */
const UNIQUE_WHEN_MERGED: readonly (readonly string[])[] = [
  ['services', '*', 'environment'],
  ['services', '*', 'volumes'],
];

/** A merged list without repeats (see UNIQUE_WHEN_MERGED). */
function withUniqueItems(node: LNode, path: YamlPath): LNode {
  if (node.kind !== 'seq') return node;
  const copy: LSeq = { ...node, items: [...node.items] };
  removeRepeats(copy, path);
  return copy;
}

/** Removes repeated list items in place; a repeat replaces the first occurrence. */
function enforceUnicity(node: LNode, path: (string | number)[]): void {
  if (node.kind === 'map') {
    for (const [k, v] of node.entries) enforceUnicity(v, [...path, k]);
    return;
  }
  if (node.kind !== 'seq') return;
  if (UNIQUE_WHEN_MERGED.some((pattern) => matches(pattern, path))) return;
  removeRepeats(node, path);
}

function removeRepeats(node: LSeq, path: YamlPath): void {
  const indexer = UNIQUE.find(([pattern]) => matches(pattern, path))?.[1];
  if (!indexer) return;
  const out: LNode[] = [];
  const at = new Map<string, number>();
  for (const item of node.items) {
    const key = indexer(item);
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(item);
    } else {
      out[i] = item;
    }
  }
  node.items = out;
}

// ── Relative paths of imported resources ───────────────────────────────────────────────

/** A path relative to `from`, re-expressed relative to `to` (absolute paths unchanged). */
export function rebasePath(p: string, from: string, to: string): string {
  if (posix.isAbsolute(p) || p.startsWith('~') || from === to) return p;
  const joined = posix.join(from, p);
  if (posix.isAbsolute(joined) !== posix.isAbsolute(to)) return dotted(joined);
  return dotted(posix.relative(to, joined) || '.');
}

function dotted(p: string): string {
  return p.startsWith('/') || p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../') ? p : `./${p}`;
}

/** Rewrites the file paths of a loaded model from directory `from` to directory `to`. */
function rebaseModel(model: LMap, from: string, to: string): void {
  if (from === to) return;
  const rebase = (n: LNode | undefined): LNode | undefined => {
    const s = str(n);
    return s === undefined || s === '' ? n : { ...(n as LScalar), value: rebasePath(s, from, to) };
  };
  const rebaseEach = (n: LNode | undefined, one: (item: LNode) => LNode | undefined): LNode | undefined => {
    if (!n) return n;
    if (n.kind === 'seq') return { ...n, items: n.items.map((i) => one(i) ?? i) };
    return one(n);
  };
  const services = model.entries.get('services');
  if (services?.kind === 'map') {
    for (const service of services.entries.values()) {
      if (service.kind !== 'map') continue;
      const e = service.entries;
      const set = (key: string, value: LNode | undefined) => {
        if (value) e.set(key, value);
      };
      const buildNode = e.get('build');
      if (str(buildNode) !== undefined && !REMOTE_CONTEXT.test(str(buildNode)!)) set('build', rebase(buildNode));
      if (buildNode?.kind === 'map') {
        const context = buildNode.entries.get('context');
        if (str(context) !== undefined && !REMOTE_CONTEXT.test(str(context)!)) buildNode.entries.set('context', rebase(context)!);
      }
      set(
        'env_file',
        rebaseEach(e.get('env_file'), (item) => {
          if (item.kind === 'map') {
            const p = item.entries.get('path');
            return p ? { ...item, entries: new Map([...item.entries, ['path', rebase(p)!]]) } : item;
          }
          return rebase(item);
        }),
      );
      set('label_file', rebaseEach(e.get('label_file'), (item) => rebase(item)));
      const ext = e.get('extends');
      if (ext?.kind === 'map' && ext.entries.has('file')) ext.entries.set('file', rebase(ext.entries.get('file'))!);
      const volumes = e.get('volumes');
      if (volumes?.kind === 'seq') {
        volumes.items = volumes.items.map((v) => {
          if (v.kind === 'map') {
            const source = v.entries.get('source');
            const type = str(v.entries.get('type'));
            if (type === 'bind' && str(source)?.startsWith('.')) return { ...v, entries: new Map([...v.entries, ['source', rebase(source)!]]) };
            return v;
          }
          const s = str(v);
          if (s === undefined || !s.startsWith('.')) return v;
          const colon = s.indexOf(':');
          const source = colon < 0 ? s : s.slice(0, colon);
          if (colon < 0) return v;
          return { ...(v as LScalar), value: rebasePath(source, from, to) + s.slice(colon) };
        });
      }
    }
  }
  for (const kind of ['configs', 'secrets']) {
    const section = model.entries.get(kind);
    if (section?.kind !== 'map') continue;
    for (const resource of section.entries.values()) {
      if (resource.kind === 'map' && resource.entries.has('file')) resource.entries.set('file', rebase(resource.entries.get('file'))!);
    }
  }
}
