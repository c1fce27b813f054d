// The passes of the compiler by name, in the order the driver runs them: the table the
// registry (registry.ts) attaches the lowering functions to. Kept apart from the registry so
// that what only needs the names (`--print-after`'s choices, `--help`) loads no pass.

export type Stage = 'front' | 'normalize' | 'lower' | 'emit';

export interface PassInfo {
  name: string;
  stage: Stage;
  /** One line: what the pass does. */
  does: string;
}

export const PASSES = [
  { name: 'parse', stage: 'front', does: 'YAML text → a plain tree and a source map, scalars typed as Compose types them' },
  { name: 'interpolate', stage: 'front', does: 'variables substituted from the environment and the .env or --env-file files' },
  { name: 'compose', stage: 'front', does: 'include, extends and profiles resolved into one document' },
  { name: 'validate', stage: 'front', does: 'the Compose specification schema checked; invalid nodes removed' },
  { name: 'normalize', stage: 'normalize', does: 'every key looked up in the key table; short syntax made long; the typed IR' },
  { name: 'lower:default-service', stage: 'lower', does: "which service the agent runs in, and whether it keeps the chart's keep-alive" },
  { name: 'lower:networks', stage: 'lower', does: 'Compose networks → agent-env networks: who may reach whom' },
  { name: 'lower:dns', stage: 'lower', does: 'every name that resolved under Compose → a DNS record' },
  { name: 'lower:egress', stage: 'lower', does: 'internet access and the service account of the sandbox' },
  { name: 'lower:security', stage: 'lower', does: 'user (a name looked up in the build\'s Dockerfile), capabilities, read-only root, privileged → a security context' },
  { name: 'lower:storage', stage: 'lower', does: 'named, anonymous and memory volumes → claims and emptyDirs' },
  { name: 'lower:files', stage: 'lower', does: 'bind mounts, configs, secrets and env files → delivered file contents (files too large or not text for that: baked into a derived image)' },
  { name: 'lower:resources', stage: 'lower', does: 'limits, reservations, GPUs and platform → resources and node selectors' },
  { name: 'lower:image', stage: 'lower', does: 'services built from source, and services whose files are baked into a derived image → the image name they are pushed under' },
  { name: 'lower:start-order', stage: 'lower', does: 'services others wait for to complete run once; the waits become init containers' },
  { name: 'lower:container', stage: 'lower', does: 'image, command, args, env → the container, `$` escaped; values YAML would misread refused' },
  { name: 'emit:values', stage: 'emit', does: "the lowered IR → agent-env values, in the chart's key order" },
] as const satisfies readonly PassInfo[];

export type PassName = (typeof PASSES)[number]['name'];
export type LoweringName = Extract<(typeof PASSES)[number], { stage: 'lower' }>['name'];

export const PASS_NAMES: readonly PassName[] = PASSES.map((p) => p.name);
