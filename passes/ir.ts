// The intermediate representation between the Compose document and the agent-env values.
//
// Plain, JSON-serialisable data (no classes, no Maps) so that `--print-after <pass>` and the
// golden files can show it as it is. Every node that came from the input keeps the YAML
// `path` it came from, so a later pass can report a diagnostic at that node through the
// Context. Passes return new trees and never mutate the tree they are given.
//
// The stages have their own types. normalize produces a NormalizedIR: the Compose half only
// (what the user wrote, every short syntax expanded). The lowerings add the target half, the
// agent-env decisions, one concern at a time: a LoweringIR, where a service's `k8s` holds what
// has been decided so far. The last lowering completes it: in a LoweredIR every service's `k8s`
// is its agent-env service, so emit:values only projects it into the chart's key order.
// Conversion options are not in the IR; passes read them from their context (context.ts).

import type { YamlPath } from '../src/base/source.js';

export type Path = YamlPath;

// ── agent-env values (chart 0.14.0) ────────────────────────────────────────────────────

/** A Kubernetes quantity or a number, as the chart passes it through to the pod spec. */
export type Quantity = string | number;

export interface AgentEnvEnvVar {
  name: string;
  /** The chart quotes the value, so numbers and booleans keep their YAML type here. */
  value: string | number | boolean;
}

export interface AgentEnvPort {
  protocol: string;
  port: number;
}

export interface ExecProbe {
  exec: { command: string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface ResourceRequirements {
  limits?: Record<string, Quantity>;
  requests?: Record<string, Quantity>;
}

export interface SecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type: 'Unconfined' | 'RuntimeDefault' | 'Localhost'; localhostProfile?: string };
  appArmorProfile?: { type: 'Unconfined' | 'RuntimeDefault' | 'Localhost'; localhostProfile?: string };
  seLinuxOptions?: { user?: string; role?: string; type?: string; level?: string };
}

/** A pod volume given as an object (the chart renders it verbatim). */
export type PodVolume = EmptyDirVolume | DownwardApiVolume;

export interface EmptyDirVolume {
  name: string;
  emptyDir: { medium?: 'Memory'; sizeLimit?: string };
}

/**
 * Files taken from the pod's own annotations (see passes/lower/files.ts for why files reach
 * the sandbox this way). Each item is one file; `mode` is set when it is not 0644.
 */
export interface DownwardApiVolume {
  name: string;
  downwardAPI: { items: DownwardApiItem[] };
}

export interface DownwardApiItem {
  path: string;
  fieldRef: { fieldPath: string };
  mode?: number;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

/** An init container, as the chart renders it (no volumes; the chart sets its env). */
export interface InitContainer {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
}

export interface AgentEnvService {
  runtimeClassName?: string;
  image: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  dnsRecord?: boolean;
  additionalDnsRecords?: string[];
  ports?: AgentEnvPort[];
  env?: AgentEnvEnvVar[];
  /** `<volume>:<mountPath>` strings (PVCs of top-level volumes) and pod volume objects. */
  volumes?: (string | PodVolume)[];
  volumeMounts?: VolumeMount[];
  resources?: ResourceRequirements;
  readinessProbe?: ExecProbe;
  imagePullPolicy?: string;
  securityContext?: SecurityContext;
  initContainers?: InitContainer[];
  nodeSelector?: Record<string, string>;
  networks?: string[];
  networkIsolated?: boolean;
}

/** An `additionalResources` entry: a Helm template (rendered with `tpl`) or an object. */
export type AdditionalResource = string | Record<string, unknown>;

export interface AgentEnvValues {
  allowDomains?: string[];
  allowEntities?: string[];
  networks?: Record<string, Record<string, never>>;
  services: Record<string, AgentEnvService>;
  volumes?: Record<string, Record<string, never>>;
  additionalResources?: AdditionalResource[];
  /** Metadata of every sandbox object; also carries the files delivered into containers. */
  annotations?: Record<string, string>;
  automountServiceAccountToken?: boolean;
  serviceAccountCreate?: boolean;
  serviceAccountName?: string;
}

// ── normalised Compose ─────────────────────────────────────────────────────────────────

/** A value and where it was written. */
export interface Located<T> {
  value: T;
  path: Path;
}

/** A command line as words; `fromString` records that it was written as one string. */
export interface Words {
  words: string[];
  fromString: boolean;
  path: Path;
}

export interface EnvVar {
  name: string;
  value: string | number | boolean;
  path: Path;
}

export type ServiceVolume =
  | {
      type: 'volume';
      source: string;
      target: string;
      readOnly: boolean;
      /** The short syntax's mode text after the target (`ro`, `rw,nocopy`), when written. */
      options?: string;
      /** `nocopy` (short syntax) or `volume.nocopy: true`: the image's files are not copied in. */
      nocopy?: boolean;
      path: Path;
    }
  | { type: 'anonymous'; target: string; readOnly: boolean; path: Path }
  | {
      type: 'bind';
      source: string;
      target: string;
      readOnly: boolean;
      /** Whether Compose creates a missing source as an empty directory (short syntax, or `bind.create_host_path`). */
      createHostPath: boolean;
      path: Path;
    }
  | { type: 'tmpfs'; target: string; readOnly: boolean; sizeLimit?: string; path: Path }
  | { type: 'other'; kind: string; target: string; path: Path };

export interface Tmpfs {
  target: string;
  sizeLimit?: string;
  readOnly: boolean;
  path: Path;
}

export type HealthTest = { kind: 'exec'; command: string[] } | { kind: 'none' } | { kind: 'inherit' };

export interface Healthcheck {
  test: HealthTest;
  disabled: boolean;
  /** Durations in whole seconds (rounded up; the normaliser warns when it rounds). */
  intervalSeconds?: number;
  timeoutSeconds?: number;
  startPeriodSeconds?: number;
  /** Not converted (a probe has one period), so kept exact: it only reaches a warning. */
  startIntervalSeconds?: number;
  retries?: number;
  path: Path;
}

export interface ResourceSpec {
  cpus?: Located<number | string>;
  memory?: Located<string>;
  gpus?: Located<number>;
}

export interface Resources {
  /** Present when the section sets a quantity, also when to zero (`cpus: 0`: no limit). */
  limits?: ResourceSpec;
  reservations?: ResourceSpec;
  /** `deploy.resources` was given (it wins over the mem_limit/cpus shortcuts). */
  fromDeploy: boolean;
}

export interface UserSpec {
  /** Absent: a numeric user; `named` is a NamedUserSpec. */
  kind?: never;
  uid: number;
  gid?: number;
  path: Path;
}

/** What a service's `build` says about where its image comes from. */
export interface BuildSource {
  /** The build context as written (relative to the compose file's directory, or a URL). */
  context: string;
  /** The Dockerfile, relative to the context (Compose's default: `Dockerfile`). */
  dockerfile?: string;
  /** An inline Dockerfile (`build.dockerfile_inline`), instead of `dockerfile`. */
  dockerfileInline?: string;
  /** The build stage (`build.target`). */
  target?: string;
  /** Build arguments that have a value, in order. */
  args: Record<string, string>;
}

/**
 * A `user` that names its user or group (`nonroot`, `app:staff`) on a service built from
 * source: not yet resolved, since only the build's Dockerfile can give the numeric IDs
 * Kubernetes needs. lower:security resolves it, or refuses it.
 */
export interface NamedUserSpec {
  kind: 'named';
  /** The value as written. */
  written: string;
  /** The user's name, or its numeric ID. */
  user: string | number;
  /** The group's name or numeric ID, when given. */
  group?: string | number;
  build: BuildSource;
  path: Path;
}

export type SecurityOpt =
  | { kind: 'seccomp'; profile: string; path: Path }
  | { kind: 'no-new-privileges'; enabled: boolean; path: Path }
  | { kind: 'apparmor'; profile: string; path: Path }
  | { kind: 'label'; field: string; value: string; path: Path };

export type NetworkMode =
  | { kind: 'default'; path: Path }
  /** Docker's own bridge network: outside every network of the project. */
  | { kind: 'bridge'; path: Path }
  | { kind: 'none'; path: Path };

export interface ServiceNetwork {
  /** The Compose network name (as the service wrote it). */
  name: string;
  aliases: string[];
  /**
   * Static addresses (`ipv4_address`, `ipv6_address`). The sandbox cannot give them to pods;
   * they are kept because an `extra_hosts` entry of another service may name one of them.
   */
  addresses?: Located<string>[];
  path: Path;
}

/** A port range, `start` to `end` inclusive (`end` is `start` for a single port). */
export interface PortRange {
  start: number;
  end: number;
}

/**
 * A `ports` entry. The sandbox publishes nothing; published ports are kept only because an
 * `extra_hosts` name that leads to the Docker host (`host-gateway`) reached the service
 * through them.
 */
export interface PublishedPort {
  target: PortRange;
  /** The host port(s); undefined when Compose picks an ephemeral one. */
  published?: PortRange;
  /** Published only on the host's loopback, where `host-gateway` does not lead. */
  loopbackOnly: boolean;
  protocol: string;
  path: Path;
}

/** An `extra_hosts` entry: a name and the address(es) it resolved to in the container. */
export interface ExtraHost {
  name: string;
  /** An IP address, or `host-gateway` (the machine that runs Docker). */
  addresses: string[];
  /** The entry as written (`name:address`, `name=address`, or `name: address` of a mapping). */
  written: string;
  path: Path;
}

/** A `volumes_from` entry: `service[:ro|:rw]` (or `container:name`, outside the project). */
export interface VolumesFrom {
  service?: string;
  container?: string;
  readOnly: boolean;
  path: Path;
}

/** A `depends_on` entry (list entries are `service_started`). */
export interface Dependency {
  service: string;
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  path: Path;
}

export interface ServiceLink {
  service: string;
  alias?: string;
  path: Path;
}

export interface ServiceExtension {
  /** Extra requests/limits merged into the resources built from the Compose keys. */
  resources?: { requests?: Record<string, Quantity>; limits?: Record<string, Quantity> };
  /** The explicit opt-in that lets `privileged: true` through. */
  allowPrivileged?: boolean;
  path: Path;
}

/** What lower:* passes decide for a service, as far as they have decided it. */
export interface LoweredService {
  /** The name in the values (`default`, or the Compose name made a DNS label). */
  name?: string;
  /**
   * command: [] for a default service that runs its image's ENTRYPOINT: with the Compose
   * command as its arguments, or with the image's CMD when the service sets neither.
   */
  clearCommand?: boolean;
  dnsRecord?: boolean;
  additionalDnsRecords?: string[];
  networks?: string[];
  networkIsolated?: boolean;
  volumes?: (string | PodVolume)[];
  volumeMounts?: VolumeMount[];
  resources?: ResourceRequirements;
  readinessProbe?: ExecProbe;
  securityContext?: SecurityContext;
  nodeSelector?: Record<string, string>;
  /**
   * The container's command and args when they are not the Compose entrypoint and command:
   * the command alone after an empty entrypoint (passes/lower/default-service.ts), or the
   * wrapper of a service others wait for to complete (passes/lower/start-order.ts).
   */
  process?: { command: string[]; args?: string[] };
  /** Containers that run before the service's own: waits for services it depends on. */
  initContainers?: InitContainer[];
  /**
   * Decided by lower:files: bind mounts whose files cannot travel as annotations (not text,
   * too large, too many), to be baked into a derived image of the service instead.
   */
  bakedMounts?: BakedMount[];
  /** Decided by lower:image: the derived image holding `bakedMounts`, which the service runs. */
  derivedImage?: DerivedImage;
}

/** One file of a baked bind mount. */
export interface BakedFile {
  /** The file, relative to the build context (the project root). */
  from: string;
  /** Its absolute path in the container. */
  to: string;
  /** The permission bits the bind mount presents it with (0644, 0755 when executable). */
  mode: number;
  /** SHA-256 of its bytes, in hex. */
  sha256: string;
}

/** A bind mount whose files are copied into a derived image. */
export interface BakedMount {
  source: string;
  target: string;
  readOnly: boolean;
  files: BakedFile[];
  /** The build context `files[].from` is relative to: the project root, relative to the compose file's directory. */
  context: string;
  path: Path;
}

/** An image `FROM` a service's own, with the files of its baked bind mounts copied in. */
export interface DerivedImage {
  /** The name it is pushed and pulled under. */
  name: string;
  /** The service's own image (the pushed name of a built one). */
  base: string;
  /** The build context: the project root, relative to the compose file's directory. */
  context: string;
  /** The Dockerfile, relative paths from the context. */
  dockerfile: string;
}

/** One `env_file` entry: its path (relative to the compose file's directory, or absolute). */
export interface EnvFileRef {
  file: string;
  required: boolean;
  /** `raw` takes values literally; undefined is the Compose `.env` syntax. */
  format?: 'raw';
  path: Path;
}

/** A service's use of a top-level config or secret (short or long syntax). */
export interface FileGrant {
  source: string;
  /** As written; undefined means the Compose default (/<name> for configs, /run/secrets/<name>). */
  target?: string;
  mode?: number;
  uid?: string;
  gid?: string;
  path: Path;
}

/** A top-level config or secret: where its content comes from. */
export interface FileResource {
  name: string;
  /** A file path (relative to the compose file's directory, or absolute). */
  file?: string;
  /** Inline content (configs only). */
  content?: string;
  /** The environment variable holding the content. */
  environment?: string;
  external?: boolean;
  path: Path;
}

/** A service as normalize leaves it: the Compose half. */
export interface ComposeService {
  /** The Compose service name. */
  name: string;
  path: Path;
  image?: Located<string>;
  /** Set when the service has a `build` section: its image (named by `image`, or derived) is built from source. */
  builtImage?: boolean;
  runtime?: Located<string>;
  entrypoint?: Words;
  command?: Words;
  workingDir?: Located<string>;
  environment: EnvVar[];
  /**
   * `environment` or `volumes` written as an empty list or mapping: the values keep them as
   * `env: []` / `volumes: []`, as the reference converter does (the chart renders nothing).
   */
  writtenEmpty?: ('environment' | 'volumes')[];
  envFiles: EnvFileRef[];
  configs: FileGrant[];
  secrets: FileGrant[];
  volumes: ServiceVolume[];
  tmpfs: Tmpfs[];
  shmSize?: Located<string>;
  healthcheck?: Healthcheck;
  resources: Resources;
  user?: UserSpec | NamedUserSpec;
  securityOpts: SecurityOpt[];
  capAdd: Located<string>[];
  capDrop: Located<string>[];
  privileged?: Located<boolean>;
  readOnly?: Located<boolean>;
  networkMode?: NetworkMode;
  /** Undefined when the service has no `networks` key (it joins Compose's `default`). */
  networks?: ServiceNetwork[];
  hostname?: Located<string>;
  containerName?: Located<string>;
  links: ServiceLink[];
  /** `extra_hosts`, when given. */
  extraHosts?: ExtraHost[];
  /** `depends_on`, when given. */
  dependsOn?: Dependency[];
  /** `volumes_from`, when given: the services whose volumes this one mounts as well. */
  volumesFrom?: VolumesFrom[];
  /** `ports`, when given. */
  publishedPorts?: PublishedPort[];
  platform?: Located<string>;
  /** The Kubernetes image pull policy (Always, Never, IfNotPresent). */
  pullPolicy?: Located<string>;
  xDefault: boolean;
  /**
   * `tty: true` or `stdin_open: true`: Docker keeps the image's shell waiting on them, so a
   * default service with neither command nor entrypoint keeps the chart's keep-alive.
   */
  keepsShellWaiting?: Located<boolean>;
  /** `restart` as written: whether Compose leaves the service exited when its program ends. */
  restart?: Located<string>;
  extension?: ServiceExtension;
}

/** A service during the lowerings: the Compose half and the decisions made so far. */
export interface ServiceIR extends ComposeService {
  k8s: LoweredService;
}

/**
 * A service's target half once every lowering ran: its agent-env service, complete, under the
 * name the values give it (the container's image, command, args and env as the chart must
 * write them: `$` escaped from Kubernetes' expansion).
 */
export interface TargetService extends LoweredService, AgentEnvService {
  name: string;
}

/** A service after the lowerings. */
export interface LoweredServiceIR extends ComposeService {
  k8s: TargetService;
}

export interface NetworkIR {
  name: string;
  path: Path;
  driver?: Located<string>;
  /** `internal: true`: under Compose its containers reach nothing outside the project. */
  internal?: Located<boolean>;
}

export interface VolumeIR {
  name: string;
  path: Path;
}

export interface SandboxExtension {
  allowDomains?: Located<string[]>;
  allowEntities?: Located<string[]>;
  automountServiceAccountToken?: Located<boolean>;
  serviceAccountCreate?: Located<boolean>;
  serviceAccountName?: Located<string>;
  path: Path;
}

/** The project as normalize leaves it: the Compose half, no decision of the target. */
export interface NormalizedIR {
  /** Top-level `name`, when given. */
  projectName?: string;
  services: ComposeService[];
  networks: NetworkIR[];
  volumes: VolumeIR[];
  configs: FileResource[];
  secrets: FileResource[];
  sandbox?: SandboxExtension;
}

/** The project during the lowerings: each sets its part of the target half. */
export interface LoweringIR extends Omit<NormalizedIR, 'services'> {
  services: ServiceIR[];
  /** Decided by lower:networks: the agent-env networks, in order of declaration. */
  k8sNetworks?: string[];
  /** Decided by lower:storage: the agent-env volume (PVC) names. */
  k8sVolumes?: string[];
  /** Decided by lower:egress: internet access and the service account. */
  k8sSandbox?: LoweredSandbox;
  /**
   * Decided by lower:egress: objects the values add through `additionalResources` (policies
   * that keep a Compose restriction the chart's own templates cannot express).
   */
  k8sAdditionalResources?: AdditionalResource[];
  /** Decided by lower:files: annotations holding the files delivered into containers. */
  k8sAnnotations?: Record<string, string>;
}

/**
 * The project after the lowerings: every service's target half is complete. The project-wide
 * decisions are absent when there is nothing to write (no network, no volume, no file, ...).
 */
export interface LoweredIR extends LoweringIR {
  services: LoweredServiceIR[];
}

export interface LoweredSandbox {
  allowDomains?: string[];
  allowEntities?: string[];
  automountServiceAccountToken?: boolean;
  serviceAccountCreate?: boolean;
  serviceAccountName?: string;
}

/** A copy of a service with some fields replaced; the input is left untouched. */
export function withService(ir: LoweringIR, index: number, service: ServiceIR): LoweringIR {
  const services = ir.services.slice();
  services[index] = service;
  return { ...ir, services };
}

/** A copy of the IR where `fn` rewrites every service's lowered half. */
export function mapLowered(ir: LoweringIR, fn: (service: ServiceIR, index: number) => LoweredService): LoweringIR {
  return { ...ir, services: ir.services.map((s, i) => ({ ...s, k8s: fn(s, i) })) };
}
