// Images of services built from source. In a cluster nothing builds images, so a service
// with `build` needs an image that was built and pushed beforehand. Its name is the one
// Docker Compose gives the images it builds, `<project>-<service>`, under the registry the
// user names (`--image-registry`), with an optional tag (`--image-tag`).

import { posix } from 'node:path';
import type { BuildSource } from '../ir.js';
import type { ConversionOptions } from '../options.js';
import type { ParsedDocument } from '../../src/yaml/reader.js';

export interface BuildPlanEntry extends BuildSource {
  service: string;
  /** The image to build and run: the service's own `image`, or the derived name. */
  image: string;
  /** Whether `image` was derived (the service had no `image`). */
  derived: boolean;
}

export interface BuildPlanOptions extends Pick<ConversionOptions, 'imageRegistry' | 'imageTag'> {
  projectName: string;
}

/** The build plan of a composed document: one entry per service with `build`, in order. */
export function buildPlan(doc: ParsedDocument, opts: BuildPlanOptions): BuildPlanEntry[] {
  const services = record(record(doc.data)?.services);
  if (!services) return [];
  const plan: BuildPlanEntry[] = [];
  for (const [name, value] of Object.entries(services)) {
    const service = record(value);
    if (!service) continue;
    const build = service.build;
    const source = buildSource(build);
    if (!source) continue;
    const own = typeof service.image === 'string' && service.image !== '' ? service.image : undefined;
    plan.push({
      service: name,
      ...source,
      image: own === undefined ? builtImageName(opts.projectName, name, opts) : (localImageUnderRegistry(own, opts) ?? own),
      derived: own === undefined,
    });
  }
  return plan;
}

/** `[<registry>/]<project>-<service>[:<tag>]`, the name Compose gives a built image. */
export function builtImageName(project: string, service: string, opts: Pick<ConversionOptions, 'imageRegistry' | 'imageTag'> = {}): string {
  const registry = opts.imageRegistry?.replace(/\/+$/, '');
  // Compose uses the service name as written; image references must be lower case.
  const base = `${project}-${service}`.toLowerCase();
  return `${registry ? `${registry}/` : ''}${base}${opts.imageTag ? `:${opts.imageTag}` : ''}`;
}

/**
 * Whether an image reference names its registry: Docker reads the first path component as a
 * registry host when it holds a `.` or a `:`, or is `localhost`; any other name is on Docker
 * Hub, where whoever registers it first owns it.
 */
export function namesRegistry(image: string): boolean {
  const slash = image.indexOf('/');
  if (slash < 0) return false;
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/**
 * The name a built image with a local name (`image: app` beside `build:`) is pushed and
 * pulled under: `<registry>/<image>`, with --image-tag when the image has no tag or digest.
 * Undefined when the image names a registry, or no registry was given.
 */
export function localImageUnderRegistry(image: string, opts: Pick<ConversionOptions, 'imageRegistry' | 'imageTag'>): string | undefined {
  const registry = opts.imageRegistry?.replace(/\/+$/, '');
  if (!registry || namesRegistry(image)) return undefined;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tagged = lastPart.includes(':') || image.includes('@');
  return `${registry}/${image}${!tagged && opts.imageTag ? `:${opts.imageTag}` : ''}`;
}

/** Compose's project-name normalisation: lower case, only [a-z0-9_-], no leading _ or -. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

/** How a project is named besides its own top-level `name`: what the command knows of it. */
export interface ProjectNaming {
  /** A name given for the project (`docker compose -p`, a `projects:` entry of compose2agent.yaml); wins over the file's. */
  explicit?: string;
  /**
   * The absolute directory of the project's (first) compose file, whose name is the project's
   * when neither names it. Without it, the directory of the file name, when that has one.
   */
  directory?: string;
}

/**
 * The name a project converts under when nothing names it and its file name carries no
 * directory: a Compose text given to the library in memory has no directory to be named after.
 */
export const UNNAMED_PROJECT = 'project';

/**
 * The project name as Compose chooses it, for every command (convert, images, check): the
 * name given for the project, else the top-level `name`, else the name of the project's
 * directory, normalised. Undefined when that leaves nothing (Compose refuses an empty project
 * name); a file name without a directory and no `naming.directory` gives UNNAMED_PROJECT.
 */
export function decideProjectName(declared: unknown, filename: string, naming: ProjectNaming = {}): string | undefined {
  for (const given of [naming.explicit, declared]) {
    if (typeof given === 'string' && normalizeProjectName(given) !== '') return normalizeProjectName(given);
  }
  const directory = naming.directory ?? posix.dirname(posix.normalize(filename));
  if (naming.directory === undefined && (directory === '.' || directory === '..' || directory.endsWith('/..'))) return UNNAMED_PROJECT;
  // The last segment, whichever separator the host's paths use.
  const name = normalizeProjectName(directory.split(/[\\/]/).filter((segment) => segment !== '').pop() ?? '');
  return name === '' ? undefined : name;
}

/** What a service's `build` value (a context path, or the long form) says; undefined when it is neither. */
export function buildSource(build: unknown): BuildSource | undefined {
  if (build === undefined || build === null) return undefined;
  const spec = typeof build === 'string' ? { context: build } : record(build);
  if (!spec) return undefined;
  const dockerfileInline = typeof spec.dockerfile_inline === 'string' ? spec.dockerfile_inline : undefined;
  const dockerfile = typeof spec.dockerfile === 'string' ? spec.dockerfile : dockerfileInline === undefined ? 'Dockerfile' : undefined;
  return {
    context: typeof spec.context === 'string' && spec.context !== '' ? spec.context : '.',
    ...(dockerfile !== undefined ? { dockerfile } : {}),
    ...(dockerfileInline !== undefined ? { dockerfileInline } : {}),
    ...(typeof spec.target === 'string' ? { target: spec.target } : {}),
    args: buildArgs(spec.args),
  };
}

/** A build context Compose fetches (a Git URL, another service's image): no local files. */
export const REMOTE_CONTEXT = /^(https?:\/\/|git:\/\/|ssh:\/\/|github\.com\/|git@)|:\/\/|^service:/;

function buildArgs(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'string') continue;
      const eq = item.indexOf('=');
      // `NAME` alone takes the value from the environment at build time: nothing to record.
      if (eq > 0) out[item.slice(0, eq)] = item.slice(eq + 1);
    }
  } else {
    for (const [k, v] of Object.entries(record(value) ?? {})) {
      if (v !== null && v !== undefined) out[k] = String(v);
    }
  }
  return out;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
