// Pass — lower:files: files of the project delivered into the containers (bind mounts of
// project files and directories, `configs`, `secrets`) and `env_file`.
//
// How files reach a container. The obvious carrier, a ConfigMap in `additionalResources`,
// cannot be used: its name must be unique per release (inspect installs many releases of
// the same values side by side in one namespace, each with a random release name, and two
// releases creating one object name collide: Helm refuses to adopt an object another
// release owns), so it would be `{{ template "agentEnv.fullname" $ }}-…` — but the pod spec
// must name the ConfigMap literally, and the chart writes a service's `volumes` objects with
// toYaml, never through `tpl`. The only pod volumes whose names follow the release are the
// chart's own (claims of `volumes`, the CoreDNS and resolv.conf ConfigMaps), and their
// contents are fixed. A release-independent name collides between concurrent releases.
//
// What the chart does carry into every pod without naming anything is `annotations`: the
// chart writes them into each pod's own metadata. A `downwardAPI` volume turns a pod's own
// annotations into files, so every file becomes one annotation (key
// `files.compose2agent/<hash of the content, in letters>`, so equal files are stored once) and every
// mount one downwardAPI volume whose items map annotations to file names. Nothing depends
// on the release name, concurrent releases cannot collide, and the files exist before the
// container starts. The costs, each reported where it applies:
//   - the files are read-only (as ConfigMap files would be): a writable bind mount is warned
//     about; an empty directory becomes an emptyDir instead, writable but not shared;
//   - annotations are text: a file that is not UTF-8 text is refused;
//   - Kubernetes allows 256 KiB of annotations per object, so the files of one sandbox may
//     total FILES_LIMIT bytes; above FILES_WARN a warning says that the Helm release record
//     (limited to 1 MiB, and holding a copy of the annotations for every object) may not fit;
//   - files belong to root; the mode is 0644, 0755 for executable files, and 0444 or the
//     given `mode` for configs and secrets; a `uid`/`gid` is warned about;
//   - the chart puts `annotations` on every object of the release, so the contents are
//     readable by whoever may read any of the sandbox's objects in the cluster (as the values
//     themselves are: Helm keeps them in the release record), though a container sees only
//     the files its own mounts name: a process in a pod cannot read its pod's annotations
//     without the Kubernetes API, which the sandbox's containers are not given by default.
//     agent-env 0.14.0 has no per-service annotations, and no other per-pod carrier that
//     needs no literal object name, so a file cannot be kept to the pods that mount it: a
//     file some services mount and others do not is warned about at each line delivering
//     it, naming the services whose pods carry it all the same (a flag meant for a victim
//     service sits in the metadata of the agent's own pod). Files every pod mounts are quiet.
//
// Which files may be read: only files under the project root (the repository of the compose
// file, else the directory `check` checks or `convert` runs in when the compose file is
// under it, else its own directory; see ConvertOptions.filesRoot), symbolic links resolved, never a
// `.git` directory (it can hold credentials). The Docker socket, /proc, /sys and any other
// host path are refused with their reason: a sandbox never sees the machine running Compose.
//
// `env_file` (compose-go's semantics): files are read in order; values may reference the
// conversion environment first, then the service's `environment`, then variables defined
// earlier; `format: raw` takes values literally. The variables come before `environment`,
// whose entries win.

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { ConvertHost, HostEntry } from '../../src/base/host.js';
import type { Context } from '../../src/base/diagnostics.js';
import type { ArgsOf } from '../../src/base/messages.js';
import type { PassContext } from '../context.js';
import { type BareName, parseDotenv, reportEnvFile, type DotenvResult } from '../front/dotenv.js';
import type {
  BakedMount,
  LoweringIR,
  DownwardApiItem,
  EnvVar,
  FileGrant,
  FileResource,
  Path,
  PodVolume,
  ServiceIR,
  ServiceVolume,
  VolumeMount,
} from '../ir.js';
import { SourceFile } from '../../src/base/source.js';

/** What lower:files reads from its context. */
interface FilesOptions {
  host: ConvertHost;
  /** The compose file's path; relative sources are resolved against its directory. */
  composeFile: string;
  /** Overrides the project root (see ConvertOptions.filesRoot). */
  filesRoot?: string;
  /** The project root when no repository holds the compose file (see ConvertOptions.filesRootFallback). */
  filesRootFallback?: string;
  /** The interpolation environment (for `environment:` sources and env file references). */
  env: ReadonlyMap<string, string>;
  /** `--drop-docker-socket`: a mount of the Docker socket is dropped with a warning, not refused. */
  dropDockerSocket?: boolean;
  /**
   * `--image-registry`: bind-mounted files that do not fit annotations are baked into a derived
   * image pushed there (passes/support/derived-images.ts), instead of refused.
   */
  imageRegistry?: string;
}

/** Kubernetes: 256 KiB of annotations per object; 4 KiB stay free for inspect's own. */
export const FILES_LIMIT = 252 * 1024;
/** Above this the Helm release record (1 MiB, a copy per object) may not hold the files. */
export const FILES_WARN = 64 * 1024;
/** The most files one directory mount may hold. */
export const MAX_DIRECTORY_FILES = 256;
export const ANNOTATION_PREFIX = 'files.compose2agent/';

/**
 * 24 hex digits of the content's SHA-256, each written as a letter (0 → a … f → p). Helm
 * prints annotations with go-yaml v2, which orders keys by a comparison that treats digit
 * runs as numbers and is not transitive over keys mixing digits and letters (79e6 < 7f5d <
 * 8e4b < 79e6); Go's random map order then makes Helm's output differ from run to run.
 * Between keys of letters only the comparison is plain character order, a total order.
 */
function letterHash(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex').slice(0, 24);
  return hex.replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));
}

const DEFAULT_MODE = 0o644;

const GRANT_MODE = 0o444;

/** Paths that hand the container a piece of the host, with the reason given for each. */
const HOST_PATHS: [RegExp, 'host-proc' | 'host-sys' | 'host-dev' | 'host-root'][] = [
  [/^\/proc(\/|$)/, 'host-proc'],
  [/^\/sys(\/|$)/, 'host-sys'],
  [/^\/dev(\/|$)/, 'host-dev'],
  [/^\/$/, 'host-root'],
];

/** What a file delivered into the sandbox is, as diagnostics name it (the catalogue's group `what`). */
type FileSubject =
  | { what: 'source'; source: string }
  | { what: 'bind-mount'; source: string; within?: string }
  | { what: 'config'; name: string }
  | { what: 'secret'; name: string }
  | { what: 'env-file'; file: string }
  | { what: 'mounted-file'; mountPath: string; service: string };

/** Why bytes cannot be delivered as text (the catalogue's group `problem`). */
type TextProblem = { problem: 'not-utf8' } | { problem: 'unsafe-character'; character: string };

interface Delivered {
  /** Path relative to the mount (a file name, or a path inside a mounted directory). */
  path: string;
  annotation: string;
  mode: number;
}

/**
 * `created`: the source does not exist, and Compose creates it empty (already reported).
 * `baked`: the files do not fit annotations and go into a derived image instead.
 */
type Content = { ok: true; files: Delivered[]; emptyDirectory?: boolean; created?: boolean; baked?: BakedMount } | { ok: false };

/** A file a bind mount brings, found but not yet delivered. */
interface FoundFile {
  /** Relative to the mount ('' for a mount of the file itself). */
  rel: string;
  path: string;
  entry: Extract<HostEntry, { kind: 'file' }>;
}

/** Why a bind mount's files cannot travel as annotations (C2A217's `why`). */
export type UnfitReason = 'not-text' | 'too-large' | 'too-many' | 'over-budget';

/** One line of the file that delivers files into a service: a bind mount or a grant. */
interface Delivery {
  service: ServiceIR;
  what: FileSubject;
  at: Path;
  annotations: string[];
}

class FileState {
  readonly annotations = new Map<string, string>();
  /** Every delivery, in file order, to find who carries files they do not mount. */
  readonly deliveries: Delivery[] = [];
  total = 0;
  private overLimit = false;
  private warned = false;
  private located?: { root: string; real: string | undefined };
  constructor(
    private readonly ctx: Context,
    readonly opts: FilesOptions,
    readonly baseDir: string,
  ) {}

  /**
   * The project root, found on first use: looking for `.git` reads every directory above
   * the compose file, which most files (those that mount nothing) never need.
   */
  get root(): string {
    return this.locate().root;
  }

  private get rootReal(): string | undefined {
    return this.locate().real;
  }

  private locate(): { root: string; real: string | undefined } {
    if (!this.located) {
      const root = projectRoot(this.opts, this.baseDir);
      this.located = { root, real: this.opts.host.readEntry?.(root)?.realPath };
    }
    return this.located;
  }

  /** The project root as messages name it. */
  get rootName(): string {
    if (this.root !== this.baseDir) return `the project directory ${this.root}`;
    return this.root === '.' ? "the compose file's directory" : `the compose file's directory ${this.root}`;
  }

  /**
   * A path relative to the compose file's directory that an absolute host path seems to
   * point to: `/home/me/src/<project>/<dir of the compose file>/x/y` was written on the
   * author's machine for `./x/y`. Read from the path's text alone, nothing is looked up.
   */
  projectPathIn(path: string): string | undefined {
    const fromRoot = posix.relative(this.root, this.baseDir);
    const markers = [posix.join(posix.basename(this.root), fromRoot), ...(fromRoot !== '' ? [fromRoot] : [])];
    for (const marker of markers) {
      const at = path.lastIndexOf(`/${marker}/`);
      if (marker !== '' && marker !== '.' && at >= 0) return `./${path.slice(at + marker.length + 2)}`;
    }
    return undefined;
  }

  entry(path: string): HostEntry | undefined {
    const { host } = this.opts;
    if (host.readEntry) return host.readEntry(path);
    const text = host.readFile(path);
    return text === undefined ? undefined : { kind: 'file', bytes: new TextEncoder().encode(text), executable: false };
  }

  resolve(source: string): string {
    return posix.normalize(posix.isAbsolute(source) ? source : posix.join(this.baseDir, source));
  }

  /** Why a resolved path may not be read, or undefined when it may. */
  refusal(path: string, real: string | undefined): string | undefined {
    const inside = (p: string, r: string) => {
      const rel = posix.relative(r, p);
      return rel === '' || (!rel.startsWith('../') && rel !== '..' && !posix.isAbsolute(rel));
    };
    const check = real !== undefined && this.rootReal !== undefined ? inside(real, this.rootReal) : sameKind(path, this.root) && inside(path, this.root);
    if (!check) return 'outside';
    const rel = real !== undefined && this.rootReal !== undefined ? posix.relative(this.rootReal, real) : posix.relative(this.root, path);
    if (rel.split('/').includes('.git')) return 'git';
    return undefined;
  }

  /** Whether storing these texts as annotations would take the files past FILES_LIMIT. */
  wouldOverflow(texts: readonly string[]): boolean {
    let total = this.total;
    const added = new Set<string>();
    for (const text of texts) {
      const annotation = ANNOTATION_PREFIX + letterHash(text);
      if (this.annotations.has(annotation) || added.has(annotation)) continue;
      added.add(annotation);
      total += annotation.length + Buffer.byteLength(text, 'utf8');
    }
    return total > FILES_LIMIT;
  }

  /** Stores a file's text as an annotation; reports when the files grow too large. */
  store(text: string, at: Path, what: FileSubject): string {
    const annotation = ANNOTATION_PREFIX + letterHash(text);
    if (!this.annotations.has(annotation)) {
      this.annotations.set(annotation, text);
      this.total += annotation.length + Buffer.byteLength(text, 'utf8');
      if (this.total > FILES_LIMIT && !this.overLimit) {
        this.overLimit = true;
        this.ctx.report('C2A078', at, { ...what, reason: 'files-over-limit', total: this.total, limit: FILES_LIMIT });
      } else if (this.total > FILES_WARN && !this.warned) {
        this.warned = true;
        this.ctx.report('C2A079', at, { ...what, detail: 'files-near-limit', total: this.total });
      }
    }
    return annotation;
  }
}

function sameKind(a: string, b: string): boolean {
  return posix.isAbsolute(a) === posix.isAbsolute(b);
}

/**
 * Control characters (but tab, line feed and carriage return), the Unicode line and paragraph
 * separators and the byte-order mark: Helm refuses some of them in values files, and YAML
 * writers disagree on how to quote the rest, so a file holding them is not delivered.
 */
const UNSAFE_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** The text an annotation carries, or why the bytes cannot be one. */
function asText(bytes: Uint8Array): { text: string } | TextProblem {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { problem: 'not-utf8' };
  }
  const bad = UNSAFE_CHARACTER.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return { problem: 'unsafe-character', character: code };
  }
  return { text };
}

/**
 * The project root: filesRoot, else the nearest directory above the file holding `.git`,
 * else filesRootFallback when the compose file is under it, else the compose file's directory.
 */
function projectRoot(opts: FilesOptions, baseDir: string): string {
  if (opts.filesRoot !== undefined) return posix.normalize(opts.filesRoot);
  const { host } = opts;
  if (!host.readEntry) return baseDir;
  let dir = baseDir;
  let real = host.readEntry(dir)?.realPath;
  for (let depth = 0; depth < 64; depth++) {
    if (host.readEntry(posix.join(dir, '.git')) !== undefined) return dir;
    const parent = posix.normalize(posix.join(dir, '..'));
    const parentEntry = host.readEntry(parent);
    if (parentEntry?.kind !== 'directory' || parentEntry.realPath === undefined || parentEntry.realPath === real) break;
    dir = parent;
    real = parentEntry.realPath;
  }
  const fallback = opts.filesRootFallback === undefined ? undefined : posix.normalize(opts.filesRootFallback);
  if (fallback !== undefined && sameKind(fallback, baseDir)) {
    const rel = posix.relative(fallback, baseDir);
    if (rel === '' || (rel !== '..' && !rel.startsWith('../'))) return fallback;
  }
  return baseDir;
}

export function lowerFiles(ir: LoweringIR, ctx: PassContext): LoweringIR {
  const opts: FilesOptions = {
    host: ctx.host,
    composeFile: ctx.file.path,
    filesRoot: ctx.filesRoot,
    filesRootFallback: ctx.filesRootFallback,
    dropDockerSocket: ctx.options.dropDockerSocket,
    env: ctx.interpolation,
    ...(ctx.options.imageRegistry && !ctx.options.strict ? { imageRegistry: ctx.options.imageRegistry } : {}),
  };
  const baseDir = posix.dirname(opts.composeFile);
  const state = new FileState(ctx, opts, baseDir);
  const configs = new Map(ir.configs.map((c) => [c.name, c]));
  const secrets = new Map(ir.secrets.map((c) => [c.name, c]));
  const services = ir.services.map((s) => lowerService(s, state, ctx, configs, secrets));
  reportExposedFiles(ir, state.deliveries, ctx);
  const annotations = Object.fromEntries(state.annotations);
  return { ...ir, services, ...(state.annotations.size > 0 ? { k8sAnnotations: annotations } : {}) };
}

function lowerService(
  s: ServiceIR,
  state: FileState,
  ctx: Context,
  configs: Map<string, FileResource>,
  secrets: Map<string, FileResource>,
): ServiceIR {
  const volumes: PodVolume[] = [];
  const mounts: VolumeMount[] = [];
  const baked: BakedMount[] = [];
  let counter = 0;
  const deliver = (files: Delivered[], target: string, single: boolean, what: FileSubject, at: Path) => {
    state.deliveries.push({ service: s, what, at, annotations: files.map((f) => f.annotation) });
    counter++;
    const name = `files-${counter}`;
    const items: DownwardApiItem[] = files.map((f) => ({
      path: f.path,
      fieldRef: { fieldPath: `metadata.annotations['${f.annotation}']` },
      ...(f.mode !== DEFAULT_MODE ? { mode: f.mode } : {}),
    }));
    volumes.push({ name, downwardAPI: { items } });
    mounts.push({ name, mountPath: target, ...(single ? { subPath: files[0]!.path } : {}), readOnly: true });
  };

  for (const v of s.volumes) {
    if (v.type !== 'bind' || !v.target.startsWith('/')) continue;
    const content = bindContent(v, s, state, ctx);
    if (!content.ok) continue;
    if (content.baked) {
      baked.push(content.baked);
      continue;
    }
    if (content.emptyDirectory) {
      counter++;
      const name = `files-${counter}`;
      volumes.push({ name, emptyDir: {} });
      mounts.push({ name, mountPath: v.target, ...(v.readOnly ? { readOnly: true } : {}) });
      if (content.created) continue;
      ctx.report('C2A079', v.path, { what: 'bind-mount', source: v.source, detail: 'empty-directory' });
      continue;
    }
    const single = content.files.length === 1 && content.files[0]!.path === '';
    if (single) content.files[0]!.path = posix.basename(v.target) || 'file';
    if (!v.readOnly) {
      ctx.report('C2A079', v.path, { what: 'bind-mount', source: v.source, detail: 'read-only', target: v.target, single });
    }
    deliver(content.files, v.target, single, { what: 'source', source: v.source }, v.path);
  }

  for (const [kind, grants, resources] of [
    ['config', s.configs, configs],
    ['secret', s.secrets, secrets],
  ] as const) {
    for (const grant of grants) {
      const delivered = grantContent(kind, grant, resources, state, ctx);
      if (!delivered) continue;
      const target = grantTarget(kind, grant);
      deliver([{ ...delivered, path: posix.basename(target) || grant.source }], target, true, { what: kind, name: grant.source }, grant.path);
    }
  }

  const allMounts = [...(s.k8s.volumeMounts ?? []), ...mounts];
  // The chart mounts a claim string at the text between its first and second colons.
  const claimTargets = (s.k8s.volumes ?? []).flatMap((v) => (typeof v === 'string' ? [v.split(':')[1] ?? ''] : []));
  const seen = new Set<string>([...claimTargets, ...(s.k8s.volumeMounts ?? []).map((m) => m.mountPath)]);
  for (const m of mounts) {
    if (seen.has(m.mountPath)) {
      ctx.report('C2A078', s.path, { what: 'mounted-file', mountPath: m.mountPath, service: s.name, reason: 'mount-path-taken' });
    }
    seen.add(m.mountPath);
  }

  const environment = withEnvFiles(s, state, ctx);
  if (volumes.length === 0 && baked.length === 0 && environment === s.environment) return s;
  return {
    ...s,
    environment,
    k8s: {
      ...s.k8s,
      ...(volumes.length > 0 ? { volumes: [...(s.k8s.volumes ?? []), ...volumes], volumeMounts: allMounts } : {}),
      ...(baked.length > 0 ? { bakedMounts: baked } : {}),
    },
  };
}

// ── who carries files they do not mount ──────────────────────────────────────────────

/**
 * Warns at each delivery whose files sit in the metadata of pods that do not mount them:
 * the chart writes `annotations` into every object, so per-service delivery is impossible.
 */
function reportExposedFiles(ir: LoweringIR, deliveries: readonly Delivery[], ctx: Context): void {
  const mountedBy = new Map<string, Set<ServiceIR>>();
  for (const d of deliveries) {
    for (const a of d.annotations) mountedBy.set(a, (mountedBy.get(a) ?? new Set()).add(d.service));
  }
  const reader = (s: ServiceIR) => ({ reader: s.k8s.name === 'default' ? ('agent-service' as const) : ('service' as const), name: s.name });
  const token = ir.k8sSandbox?.automountServiceAccountToken === true;
  for (const d of deliveries) {
    const readers = ir.services.filter((s) => d.annotations.some((a) => !mountedBy.get(a)!.has(s)));
    if (readers.length === 0) continue;
    // The agent's service first: it is the reader that matters most.
    readers.sort((a, b) => Number(b.k8s.name === 'default') - Number(a.k8s.name === 'default'));
    const mounters = ir.services.filter((s) => d.annotations.every((a) => mountedBy.get(a)!.has(s)));
    ctx.report('C2A323', d.at, {
      ...d.what,
      service: d.service.name,
      mounters: mounters.map((s) => s.name),
      readers: readers.map(reader),
      token,
    });
  }
}

// ── bind mounts ────────────────────────────────────────────────────────────────────────

function bindContent(v: Extract<ServiceVolume, { type: 'bind' }>, s: ServiceIR, state: FileState, ctx: Context): Content {
  const what: FileSubject = { what: 'bind-mount', source: v.source };
  if (/(^|\/)docker\.sock$/.test(v.source)) {
    // Dropping is what the opt-in asks for; the warning keeps it from being silent.
    if (state.opts.dropDockerSocket) ctx.report('C2A257', v.path, { source: v.source, service: s.name });
    else ctx.report('C2A071', v.path, { source: v.source });
    return { ok: false };
  }
  if (v.source.startsWith('~')) {
    ctx.report('C2A070', v.path, { source: v.source, target: v.target, root: state.rootName });
    return { ok: false };
  }
  const path = state.resolve(v.source);
  for (const [pattern, reason] of HOST_PATHS) {
    if (pattern.test(path)) {
      // The host path's variant is typed by HOST_PATHS; TypeScript does not spread a union of variants.
      ctx.report('C2A078', v.path, { ...what, reason } as ArgsOf<'C2A078'>);
      return { ok: false };
    }
  }
  const entry = state.entry(path);
  const refusal = state.refusal(path, entry?.realPath);
  if (refusal === 'outside') {
    const inProject = posix.isAbsolute(v.source) ? state.projectPathIn(path) : undefined;
    ctx.report('C2A070', v.path, { source: v.source, target: v.target, root: state.rootName, ...(inProject ? { inProject } : {}) });
    return { ok: false };
  }
  if (refusal === 'git') {
    ctx.report('C2A078', v.path, { ...what, reason: 'inside-git' });
    return { ok: false };
  }
  if (!entry) {
    if (v.createHostPath) {
      ctx.report('C2A216', v.path, { source: v.source, target: v.target });
      return { ok: true, files: [], emptyDirectory: true, created: true };
    }
    ctx.report('C2A078', v.path, { ...what, reason: 'missing-source', path });
    return { ok: false };
  }
  if (entry.kind === 'other') {
    ctx.report('C2A078', v.path, { ...what, reason: 'not-file-or-directory', path, ...(entry.what !== undefined ? { kind: entry.what } : {}) });
    return { ok: false };
  }
  if (entry.kind === 'file') return deliverOrBake(v, s, [{ rel: '', path, entry }], false, state, ctx);
  const files: FoundFile[] = [];
  let tooMany = false;
  let ok = true;
  const walking = new Set<string>(entry.realPath !== undefined ? [entry.realPath] : []);
  const walk = (dir: string, rel: string, listing: Extract<HostEntry, { kind: 'directory' }>) => {
    // Compose would deliver an entry whose name is not UTF-8; no downwardAPI path or image
    // COPY line can name it, so it is left out as a FIFO is, with a warning.
    for (const entry of listing.unnamable ?? []) {
      ctx.report('C2A350', v.path, { ...what, entry: rel === '' ? entry.shown : `${rel}/${entry.shown}`, kind: 'name-not-utf8', directory: entry.directory });
    }
    for (const name of [...listing.entries].sort()) {
      if (!ok) return;
      const childPath = posix.join(dir, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const child = state.entry(childPath);
      const childRefusal = state.refusal(childPath, child?.realPath);
      if (childRefusal !== undefined) {
        ok = false;
        ctx.report('C2A078', v.path, childRefusal === 'git' ? { ...what, reason: 'holds-git', entry: childRel } : { ...what, reason: 'holds-link-outside', entry: childRel, root: state.rootName });
        return;
      }
      if (!child || child.kind === 'other') {
        ctx.report('C2A350', v.path, { ...what, entry: childRel, ...(child?.what !== undefined ? { kind: 'special', description: child.what } : { kind: child ? 'neither-file-nor-directory' : 'unreadable' }) });
        continue;
      }
      if (name.startsWith('..')) {
        // Kubernetes keeps names starting with '..' for its own bookkeeping in the volume.
        ok = false;
        ctx.report('C2A078', v.path, { ...what, reason: 'holds-dot-dot-name', entry: childRel });
        return;
      }
      if (child.kind === 'directory') {
        // A link back to a directory being walked (`loop -> .`) would make the walk endless.
        if (child.realPath !== undefined && walking.has(child.realPath)) {
          ctx.report('C2A350', v.path, { ...what, entry: childRel, kind: 'link-loop' });
          continue;
        }
        if (child.realPath !== undefined) walking.add(child.realPath);
        walk(childPath, childRel, child);
        if (child.realPath !== undefined) walking.delete(child.realPath);
      }
      else if (child.kind === 'file') {
        if (files.length >= MAX_DIRECTORY_FILES) tooMany = true;
        files.push({ rel: childRel, path: childPath, entry: child });
      }
    }
  };
  walk(path, '', entry);
  if (!ok) return { ok: false };
  return files.length === 0 ? { ok: true, files: [], emptyDirectory: true } : deliverOrBake(v, s, files, tooMany, state, ctx);
}

/**
 * The files of a bind mount as annotations when they fit; else, with --image-registry, baked
 * into the service's derived image (an info says so, and what changes); else refused, as the
 * first file that does not fit says.
 */
function deliverOrBake(
  v: Extract<ServiceVolume, { type: 'bind' }>,
  s: ServiceIR,
  found: readonly FoundFile[],
  tooMany: boolean,
  state: FileState,
  ctx: Context,
): Content {
  const what: FileSubject = { what: 'bind-mount', source: v.source };
  const unfit = state.opts.imageRegistry !== undefined && (s.image !== undefined || s.builtImage) ? unfitReason(found, tooMany, state) : undefined;
  if (unfit !== undefined) {
    const files = found.map((f) => ({
      from: posix.relative(state.root, f.path),
      to: f.rel === '' ? v.target : posix.join(v.target, f.rel),
      mode: f.entry.executable ? 0o755 : DEFAULT_MODE,
      sha256: createHash('sha256').update(f.entry.bytes).digest('hex'),
    }));
    ctx.report('C2A217', v.path, { source: v.source, service: s.name, files: files.length, why: unfit, readOnly: v.readOnly, directory: found[0]!.rel !== '' });
    return { ok: true, files: [], baked: { source: v.source, target: v.target, readOnly: v.readOnly, files, context: posix.relative(state.baseDir, state.root) || '.', path: v.path } };
  }
  if (tooMany) {
    ctx.report('C2A078', v.path, { ...what, reason: 'too-many-files', limit: MAX_DIRECTORY_FILES });
    return { ok: false };
  }
  const files: Delivered[] = [];
  for (const f of found) {
    const file = fileContent(f.entry, f.path, v.path, f.rel === '' ? what : { ...what, within: f.rel }, state, ctx);
    if (!file) return { ok: false };
    files.push({ ...file, path: f.rel });
  }
  return { ok: true, files };
}

/** Why the files cannot travel as annotations, or undefined when they can. */
function unfitReason(found: readonly FoundFile[], tooMany: boolean, state: FileState): UnfitReason | undefined {
  if (tooMany) return 'too-many';
  const texts: string[] = [];
  for (const f of found) {
    if (f.entry.bytes.length > FILES_LIMIT) return 'too-large';
    const decoded = asText(f.entry.bytes);
    if ('problem' in decoded) return 'not-text';
    texts.push(decoded.text);
  }
  return state.wouldOverflow(texts) ? 'over-budget' : undefined;
}

function fileContent(
  entry: Extract<HostEntry, { kind: 'file' }>,
  path: string,
  at: Path,
  what: FileSubject,
  state: FileState,
  ctx: Context,
): Omit<Delivered, 'path'> | undefined {
  if (entry.bytes.length > FILES_LIMIT) {
    ctx.report('C2A078', at, { ...what, reason: 'file-too-large', path, limit: FILES_LIMIT });
    return undefined;
  }
  const decoded = asText(entry.bytes);
  if ('problem' in decoded) {
    ctx.report('C2A078', at, { ...what, reason: 'bind-mounted-file-problem', path, ...decoded });
    return undefined;
  }
  return { annotation: state.store(decoded.text, at, what), mode: entry.executable ? 0o755 : DEFAULT_MODE };
}

// ── configs and secrets ────────────────────────────────────────────────────────────────

function grantTarget(kind: 'config' | 'secret', grant: FileGrant): string {
  const target = grant.target ?? grant.source;
  if (target.startsWith('/')) return target;
  return kind === 'secret' ? `/run/secrets/${target}` : `/${target}`;
}

function grantContent(
  kind: 'config' | 'secret',
  grant: FileGrant,
  resources: Map<string, FileResource>,
  state: FileState,
  ctx: Context,
): Omit<Delivered, 'path'> | undefined {
  const what: FileSubject = { what: kind, name: grant.source };
  const resource = resources.get(grant.source);
  if (!resource) {
    ctx.report('C2A078', grant.path, { ...what, reason: 'undeclared', kind, source: grant.source });
    return undefined;
  }
  const resourceWhat: FileSubject = { what: kind, name: resource.name };
  for (const [key, id] of [
    ['uid', grant.uid],
    ['gid', grant.gid],
  ] as const) {
    if (id !== undefined && id !== '0' && id !== 'root') {
      ctx.report('C2A079', [...grant.path, key], { ...what, detail: 'owner-not-honoured', key, id });
    }
  }
  const mode = grant.mode ?? GRANT_MODE;
  let text: string | undefined;
  if (resource.external) {
    ctx.report('C2A078', resource.path, { ...resourceWhat, reason: 'external', kind });
    return undefined;
  }
  if (resource.file !== undefined) {
    const path = state.resolve(resource.file);
    const entry = state.entry(path);
    const refusal = state.refusal(path, entry?.realPath);
    if (refusal !== undefined || resource.file.startsWith('~')) {
      ctx.report(
        'C2A078',
        [...resource.path, 'file'],
        refusal === 'git'
          ? { ...resourceWhat, reason: 'resource-file-inside-git', file: resource.file }
          : { ...resourceWhat, reason: 'resource-file-outside', file: resource.file, root: state.rootName },
      );
      return undefined;
    }
    if (entry?.kind !== 'file') {
      ctx.report('C2A078', [...resource.path, 'file'], entry ? { ...resourceWhat, reason: 'resource-not-a-file', path } : { ...resourceWhat, reason: 'resource-file-missing', path });
      return undefined;
    }
    const decoded = asText(entry.bytes);
    if ('problem' in decoded) {
      ctx.report('C2A078', [...resource.path, 'file'], { ...resourceWhat, reason: 'file-problem', path, ...decoded });
      return undefined;
    }
    text = decoded.text;
  } else if (resource.content !== undefined || resource.environment !== undefined) {
    const key = resource.content !== undefined ? 'content' : 'environment';
    const value = resource.content ?? state.opts.env.get(resource.environment!);
    if (value === undefined) {
      ctx.report('C2A078', [...resource.path, 'environment'], { ...resourceWhat, reason: 'variable-not-set', variable: resource.environment! });
      return undefined;
    }
    const decoded = asText(new TextEncoder().encode(value));
    if ('problem' in decoded) {
      ctx.report('C2A078', [...resource.path, key], { ...resourceWhat, reason: key === 'content' ? 'content-problem' : 'value-problem', ...decoded });
      return undefined;
    }
    text = decoded.text;
  } else {
    ctx.report('C2A078', resource.path, kind === 'config' ? { ...resourceWhat, reason: 'config-without-source' } : { ...resourceWhat, reason: 'secret-without-source' });
    return undefined;
  }
  return { annotation: state.store(text, grant.path, what), mode };
}

// ── env_file ───────────────────────────────────────────────────────────────────────────

/** The same cap as for a compose file (C2A003): an env file is not a place for megabytes. */
const ENV_FILE_LIMIT = 4 * 1024 * 1024;

/** The names a template of a missing env file goes by, after the env file's own name. */
const ENV_FILE_TEMPLATE_SUFFIXES: readonly string[] = ['.example', '.sample', '.template', '.dist'];

function withEnvFiles(s: ServiceIR, state: FileState, ctx: Context): EnvVar[] {
  if (s.envFiles.length === 0) return s.environment;
  const serviceEnv = new Map(s.environment.map((e) => [e.name, String(e.value)]));
  // compose-go: the conversion environment first, then the service's own environment.
  const lookup = (name: string) => state.opts.env.get(name) ?? serviceEnv.get(name);
  // A bare NAME would copy the converting machine's variable, which is not the sandbox's:
  // refused (C2A356) as a bare `environment: [NAME]` is (C2A038). `NAME=${NAME}` copies it
  // at conversion time, on purpose.
  const bareLookup = (name: string) => serviceEnv.get(name);
  const vars = new Map<string, { value: string; at: Path }>();
  for (const ref of s.envFiles) {
    const path = state.resolve(ref.file);
    const entry = state.entry(path);
    const refusal = state.refusal(path, entry?.realPath);
    if (refusal !== undefined || ref.file.startsWith('~')) {
      const what: FileSubject = { what: 'env-file', file: ref.file };
      ctx.report('C2A078', ref.path, refusal === 'git' ? { ...what, reason: 'env-file-inside-git' } : { ...what, reason: 'env-file-outside', root: state.rootName });
      continue;
    }
    if (entry?.kind !== 'file') {
      // Something that is there but is no file (a FIFO, a device, a dangling link) is an error
      // even for an optional env_file: Compose fails reading it, it does not skip it.
      if (entry !== undefined) ctx.report('C2A013', ref.path, entry.kind === 'directory' ? { path, reason: 'directory' } : { path, reason: 'not-regular', ...(entry.what !== undefined ? { kind: entry.what } : {}) });
      else if (ref.required) {
        // A repository that keeps secrets out of git ships a template to copy instead (agent.env.example).
        const template = ENV_FILE_TEMPLATE_SUFFIXES.map((suffix) => ref.file + suffix).find((t) => state.entry(state.resolve(t))?.kind === 'file');
        ctx.report('C2A013', ref.path, { path, ...(template !== undefined ? { template } : {}) });
      }
      continue;
    }
    if (entry.bytes.length > ENV_FILE_LIMIT) {
      ctx.report('C2A013', ref.path, { path, reason: 'too-large', limit: ENV_FILE_LIMIT });
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(entry.bytes);
    } catch {
      ctx.report('C2A014', ref.path, { detail: 'not-utf8', path });
      continue;
    }
    const inherited = new Map([...vars].map(([k, v]) => [k, v.value]));
    const parsed: RawResult & { unset?: DotenvResult['unset'] } =
      ref.format === 'raw' ? parseRaw(text, bareLookup) : parseDotenv(text, lookup, inherited, bareLookup);
    const file = new SourceFile(path, text);
    for (const bare of parsed.bare) ctx.report('C2A356', { loc: file.loc(bare.offset, bare.offset + bare.name.length) }, { name: bare.name, file: ref.file });
    reportEnvFile(ctx, file, parsed);
    if (parsed.error) continue;
    for (const [k, v] of parsed.vars) vars.set(k, { value: v, at: ref.path });
  }
  const fromFiles: EnvVar[] = [...vars]
    .filter(([name]) => !serviceEnv.has(name))
    .map(([name, { value, at }]) => ({ name, value, path: at }));
  return fromFiles.length === 0 ? s.environment : [...fromFiles, ...s.environment];
}

/**
 * The `raw` env file format (`docker run --env-file`): NAME=value lines taken literally,
 * blank lines and `#` comments skipped, a bare NAME copied from the lookup when it is set
 * there (and listed in `bare` when it is not).
 */
interface RawResult {
  vars: Map<string, string>;
  bare: BareName[];
  error?: { offset: number; message: string };
}

function parseRaw(text: string, lookup: (name: string) => string | undefined): RawResult {
  const vars = new Map<string, string>();
  const bare: BareName[] = [];
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const start = offset;
    offset += rawLine.length + 1;
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    const name = eq < 0 ? trimmed : trimmed.slice(0, eq);
    if (name === '' || /\s/.test(name)) {
      return { vars, bare, error: { offset: start, message: `variable '${name}' contains whitespace or is empty` } };
    }
    if (eq >= 0) vars.set(name, trimmed.slice(eq + 1));
    else {
      const value = lookup(name);
      if (value !== undefined) vars.set(name, value);
      else bare.push({ name, offset: start + line.length - trimmed.length });
    }
  }
  return { vars, bare };
}
