// What every pass is given besides its input: the diagnostics of the file being compiled, the
// conversion options, and what lowerings read from outside the IR (files through the host, the
// release the chart's names are judged against). A pass is a function of its input and this
// context; options are read here, never stored in the IR, so the IR of a stage only holds what
// the Compose file says and what the passes decided.

import { Context } from '../src/base/diagnostics.js';
import type { ConvertHost } from '../src/base/host.js';
import type { SourceFile } from '../src/base/source.js';
import type { ConversionOptions } from './options.js';
import type { ProjectNaming } from './support/images.js';

/** The conversion options with the switches every pass may branch on resolved to booleans. */
export interface PassOptions extends Readonly<ConversionOptions> {
  readonly strict: boolean;
  readonly allowPrivileged: boolean;
}

/** What a conversion reads besides its options, when it reads anything. */
export interface PassSurroundings {
  /** Files and environment; without it no file is read and the environment is empty. */
  host?: ConvertHost;
  /** The directory whose files lower:files may deliver (see ConvertOptions.filesRoot). */
  filesRoot?: string;
  /** The project root when no repository holds the compose file (see ConvertOptions.filesRootFallback). */
  filesRootFallback?: string;
  /** The release the names the chart derives are judged against (see ConvertOptions.release). */
  release?: string;
  /** What names the project besides its file (see ConvertOptions.projectName and projectDirectory). */
  project?: ProjectNaming;
}

const NO_HOST: ConvertHost = { readFile: () => undefined, env: {} };

export class PassContext extends Context {
  readonly options: PassOptions;
  readonly host: ConvertHost;
  readonly filesRoot: string | undefined;
  readonly filesRootFallback: string | undefined;
  readonly release: string | undefined;
  readonly project: ProjectNaming;
  /**
   * The variables interpolation substituted (the process environment and the env files),
   * which lower:files reads `environment:` sources of configs and secrets from. The driver sets
   * it once the compose pass has read the env files; until then it is empty.
   */
  interpolation: ReadonlyMap<string, string> = new Map();

  constructor(file: SourceFile, options: ConversionOptions = {}, surroundings: PassSurroundings = {}) {
    super(undefined, file);
    this.options = { ...options, strict: options.strict ?? false, allowPrivileged: options.allowPrivileged ?? false };
    this.host = surroundings.host ?? NO_HOST;
    this.filesRoot = surroundings.filesRoot;
    this.filesRootFallback = surroundings.filesRootFallback;
    this.release = surroundings.release;
    this.project = surroundings.project ?? {};
  }
}

/** A stage of the compiler: its input, the context, and a new output (the input is left as it is). */
export type Pass<In, Out> = (input: In, ctx: PassContext) => Out;
