// The key-outcome table: for every key of a Compose file that the converter reads, the ONE
// thing that happens to it. normalize looks every key up here before it does anything with
// it, so what the converter does and what `compose2agent keys` prints cannot drift apart:
//
//   convert         translated with its Compose meaning (value-level problems are reported
//                   with the row's code by the pass that converts it)
//   ignore-info     dropped, with an info diagnostic saying why that is harmless
//   ignore-warning  dropped, with a warning: the sandbox behaves differently from Compose
//   reject          the file is refused, with the reason
//
// `reference` records what the reference converter does with the key; `--strict` refuses
// every key the reference refuses, for users who want exactly its behaviour.
//
// A key whose outcome depends on its value (a network's `driver`, `network_mode`, a
// dependency's condition) has value rows (`values`): each value's outcome, its code, the
// catalogue variant whose sentence says why, and its outcome under --strict where that
// differs. The passes that read those values ask `valueOutcome` rather than deciding inline.

import type { TableSentence } from '../src/base/message-helpers.js';
import type { Code } from '../src/base/messages.js';

export type Outcome = 'convert' | 'ignore-info' | 'ignore-warning' | 'reject';
export type ReferenceOutcome = 'convert' | 'ignore' | 'reject';

/** The mappings whose keys the table covers. */
export type KeyScope =
  | 'top'
  | 'service'
  | 'healthcheck'
  | 'deploy'
  | 'deploy.resources'
  | 'deploy.resources.limits'
  | 'deploy.resources.reservations'
  | 'network'
  | 'volume'
  | 'service.networks[]'
  | 'service.volumes[]'
  | 'config'
  | 'secret'
  | 'service.configs[]'
  | 'service.secrets[]'
  | 'service.env_file[]'
  | 'x-inspect_k8s_sandbox'
  | 'service.x-inspect_k8s_sandbox';

/** The outcome of a key's value, or of the values a pattern matches. */
export interface ValueOutcomeRow {
  /** The value; `prefix:*` for every value that starts with `prefix:`; `*` for every other value. */
  value: string;
  outcome: Outcome;
  code: Code;
  /** The variant (of the code's `reason` group in the catalogue) whose sentence says why. */
  variant?: string;
  /** For a value that converts: what it becomes. */
  becomes?: string;
  /** The value's outcome under --strict, where it differs from `outcome`. */
  strict?: { outcome: Outcome; code: Code; variant?: string };
}

export interface KeyOutcomeRow {
  scope: KeyScope;
  /** The key, or `x-*` for extension keys without a row of their own. */
  key: string;
  outcome: Outcome;
  reference: ReferenceOutcome;
  /** One line: why this outcome. */
  reason: TableSentence;
  /** The diagnostic the outcome reports (for `convert`: the code of its value-level checks). */
  code: Code;
  /** What to write instead (rejections and warnings). */
  hint?: TableSentence;
  /** The outcomes of the key's values, for a key whose outcome depends on its value. */
  values?: readonly ValueOutcomeRow[];
  /** Report the diagnostic once per file instead of at every occurrence. */
  once?: boolean;
  /** Resolved before normalisation (by the file-composition pass); normalize skips it. */
  resolvedEarlier?: boolean;
  /**
   * An ignored key that normalize still reads, because converting another key depends on
   * it (the published `ports` tell where an `extra_hosts` name for `host-gateway` leads).
   * Its own outcome is unchanged: nothing of it reaches the values.
   */
  readFor?: string;
}

type Row = Omit<KeyOutcomeRow, 'scope' | 'reason' | 'hint'> & { reason: string; hint?: string };

const NOT_YET = 'C2A030' as const;
const NEVER = 'C2A045' as const;
const INFO = 'C2A031' as const;
const WARN = 'C2A032' as const;

/**
 * The value rows of a key whose value is matched by what it is rather than by its text: the
 * pass asks `valueOutcome` with one of these (a hostname that is the service's own name, a
 * healthcheck test written as a string).
 */
export const THE_SERVICE_NAME = '(the service name)';
export const A_STRING = '(a string)';

/** Under --strict, only seccomp converts of security_opt, as in the reference converter. */
const REFERENCE_SECCOMP_ONLY = { outcome: 'reject', code: 'C2A035', variant: 'reference-seccomp-only' } as const;

/** Under --strict, every network driver but bridge is refused, as the reference converter refuses it. */
const REFERENCE_BRIDGE_ONLY = { outcome: 'reject', code: 'C2A035', variant: 'reference-bridge-driver-only' } as const;

const TOP: Row[] = [
  { key: 'version', outcome: 'ignore-info', reference: 'ignore', code: INFO, reason: 'the Compose specification no longer uses a file version' },
  { key: 'name', outcome: 'convert', reference: 'reject', code: 'C2A041', reason: 'the project name; it names the images of services built from source' },
  { key: 'include', outcome: 'convert', reference: 'reject', code: 'C2A030', resolvedEarlier: true, reason: 'included files are merged by the file-composition pass' },
  { key: 'services', outcome: 'convert', reference: 'convert', code: 'C2A040', reason: 'each service becomes an agent-env service (a StatefulSet and its DNS name); a name too long for inspect\'s release is shortened, and `coredns`, the name of the chart\'s DNS container, is renamed' },
  { key: 'networks', outcome: 'convert', reference: 'convert', code: 'C2A052', reason: 'networks become agent-env networks: who may reach whom' },
  { key: 'volumes', outcome: 'convert', reference: 'convert', code: 'C2A073', reason: 'named volumes become shared PersistentVolumeClaims' },
  { key: 'secrets', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'each secret\'s content (a file or a variable) is delivered to the services that use it' },
  { key: 'configs', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'each config\'s content (a file, inline content or a variable) is delivered to the services that use it' },
  { key: 'models', outcome: 'reject', reference: 'reject', code: NOT_YET, reason: 'Compose AI models are not converted yet', hint: 'run the model server as an ordinary service' },
  { key: 'x-inspect_k8s_sandbox', outcome: 'convert', reference: 'convert', code: 'C2A092', reason: 'the sandbox settings: allowed domains and entities, service account' },
  { key: 'x-k8s', outcome: 'convert', reference: 'convert', code: 'C2A093', reason: 'short alias of x-inspect_k8s_sandbox (using both is an error)' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, reason: 'extension fields are for the file\'s own use (YAML anchors)' },
];

const SERVICE: Row[] = [
  { key: 'annotations', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'agent-env sets annotations for the whole sandbox (values `annotations`), not per service' },
  { key: 'attach', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'log attachment is a setting of `docker compose up`' },
  { key: 'blkio_config', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes has no per-container block-I/O weights or limits' },
  { key: 'build', outcome: 'convert', reference: 'ignore', code: 'C2A041', reason: 'the service runs the image its build produces, under --image-registry unless `image:` names a registry (a name on no registry is refused without it, C2A214); `compose2agent images` lists what to build and push' },
  { key: 'cap_add', outcome: 'convert', reference: 'reject', code: 'C2A065', reason: 'becomes securityContext.capabilities.add' },
  { key: 'cap_drop', outcome: 'convert', reference: 'reject', code: 'C2A065', reason: 'becomes securityContext.capabilities.drop' },
  { key: 'cgroup', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the cgroup namespace is decided by the container runtime (gVisor)' },
  { key: 'cgroup_parent', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'Kubernetes places pods in its own cgroups' },
  { key: 'command', outcome: 'convert', reference: 'convert', code: 'C2A037', reason: 'becomes the container args (a string is split into shell words; `$(` and `$$` escaped from Kubernetes\' expansion); after an empty entrypoint, the container command; a default service without one runs its image\'s program, not the chart\'s keep-alive' },
  { key: 'configs', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'each config becomes a read-only file (default /<name>), delivered through annotations, which every pod of the sandbox carries (warned about when some services do not mount it)' },
  { key: 'container_name', outcome: 'convert', reference: 'reject', code: 'C2A057', reason: 'the container name stays resolvable as an additional DNS record of the service; every service resolves it, and a warning names those that share no network with it under Compose' },
  { key: 'cpu_count', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes expresses CPU only as requests and limits', hint: 'use `cpus`' },
  { key: 'cpu_percent', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes expresses CPU only as requests and limits', hint: 'use `cpus`' },
  { key: 'cpu_period', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes expresses CPU only as requests and limits', hint: 'use `cpus`' },
  { key: 'cpu_quota', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes expresses CPU only as requests and limits', hint: 'use `cpus`' },
  { key: 'cpu_rt_period', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes has no real-time CPU scheduling settings' },
  { key: 'cpu_rt_runtime', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes has no real-time CPU scheduling settings' },
  { key: 'cpu_shares', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes expresses CPU only as requests and limits', hint: 'use `cpus` or deploy.resources.reservations.cpus' },
  { key: 'cpus', outcome: 'convert', reference: 'convert', code: 'C2A088', reason: 'becomes the CPU limit (and request)' },
  { key: 'cpuset', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes does not pin containers to CPUs through the pod spec' },
  { key: 'credential_spec', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'Windows containers only' },
  {
    key: 'depends_on',
    outcome: 'convert',
    reference: 'reject',
    code: 'C2A302',
    reason: 'a service others wait for to complete (service_completed_successfully) runs once, then idles and is ready, and they wait for it in an init container; other conditions: all services start together, and readiness probes (from healthchecks) gate traffic',
    // The values are the dependencies' conditions (a list item is service_started).
    values: [
      { value: 'service_completed_successfully', outcome: 'convert', code: 'C2A302', becomes: 'the service waited for runs once, and the waiting service waits for it in an init container' },
      { value: '*', outcome: 'ignore-info', code: INFO, variant: 'services-start-together' },
    ],
  },
  { key: 'deploy', outcome: 'convert', reference: 'convert', code: 'C2A088', reason: 'deploy.resources becomes requests and limits' },
  { key: 'develop', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'settings of `docker compose watch`' },
  { key: 'device_cgroup_rules', outcome: 'reject', reference: 'reject', code: NEVER, reason: 'access to host devices cannot be given to a sandbox' },
  { key: 'devices', outcome: 'reject', reference: 'reject', code: NEVER, reason: 'host devices cannot be passed into a sandbox', hint: 'remove `devices`; GPUs are requested with deploy.resources.reservations.devices' },
  { key: 'dns', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'names resolve through the sandbox\'s own DNS, which forwards only to the cluster DNS' },
  { key: 'dns_opt', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the sandbox\'s resolv.conf is fixed by the chart' },
  { key: 'dns_search', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the sandbox\'s resolv.conf is fixed by the chart' },
  { key: 'domainname', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the pod\'s domain name is set by Kubernetes' },
  { key: 'entrypoint', outcome: 'convert', reference: 'convert', code: 'C2A310', reason: 'becomes the container command (a string is split into shell words; `$(` and `$$` escaped from Kubernetes\' expansion); an empty one runs the command alone, and without a command is refused (Docker would run the image\'s CMD without its ENTRYPOINT, which Kubernetes cannot)' },
  { key: 'env_file', outcome: 'convert', reference: 'reject', code: 'C2A013', reason: 'the files are read in order (interpolated as Compose does) and their variables put before `environment`, which wins; a bare `NAME` line, which would copy the converting machine\'s variable, is refused (C2A356) as a bare `environment` entry is' },
  { key: 'environment', outcome: 'convert', reference: 'convert', code: 'C2A038', reason: 'becomes the container env, in order (`$(` and `$$` in values escaped from Kubernetes\' expansion)' },
  { key: 'expose', outcome: 'ignore-info', reference: 'ignore', code: INFO, once: true, reason: 'every port of a service is reachable by the services it shares a network with, as under Compose' },
  { key: 'extends', outcome: 'convert', reference: 'reject', code: NOT_YET, resolvedEarlier: true, reason: 'merged by the file-composition pass' },
  { key: 'external_links', outcome: 'reject', reference: 'reject', code: NEVER, reason: 'containers outside the project do not exist in a sandbox' },
  { key: 'extra_hosts', outcome: 'convert', reference: 'reject', code: 'C2A300', reason: 'a name for a service of the project (its static address, or host-gateway when one service publishes ports there) becomes a DNS record of that service; other addresses are refused, since the chart cannot write /etc/hosts' },
  { key: 'gpus', outcome: 'convert', reference: 'reject', code: 'C2A087', reason: 'the GPUs counted become nvidia.com/gpu requests and limits, added to those deploy.resources reserves; `all` is refused (Kubernetes schedules a number of GPUs)' },
  { key: 'group_add', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the chart cannot set supplemental groups' },
  { key: 'healthcheck', outcome: 'convert', reference: 'convert', code: 'C2A083', reason: 'becomes the readiness probe' },
  {
    key: 'hostname',
    outcome: 'convert',
    reference: 'convert',
    code: 'C2A057',
    reason: 'the host name stays resolvable as an additional DNS record of the service; every service resolves it, where under Compose only the service itself did (a warning names the others)',
    values: [
      { value: THE_SERVICE_NAME, outcome: 'convert', code: 'C2A057', becomes: 'the name the service already answers to' },
      { value: '*', outcome: 'convert', code: 'C2A057', becomes: 'an additional DNS record of the service', strict: { outcome: 'reject', code: 'C2A035', variant: 'reference-hostname-is-service-name' } },
    ],
  },
  { key: 'image', outcome: 'convert', reference: 'convert', code: 'C2A042', reason: 'the container image' },
  { key: 'init', outcome: 'ignore-info', reference: 'ignore', code: INFO, once: true, reason: 'Kubernetes has no init-process option; gVisor reaps orphaned processes' },
  { key: 'ipc', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'every pod has its own IPC namespace; sharing one with the host or another service cannot be expressed' },
  { key: 'isolation', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'Windows containers only' },
  { key: 'label_file', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'container labels are Docker metadata' },
  { key: 'labels', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, reason: 'container labels are Docker metadata; agent-env labels are set for the whole sandbox' },
  { key: 'links', outcome: 'convert', reference: 'reject', code: 'C2A057', reason: 'a link alias stays resolvable as an additional DNS record of the linked service; every service resolves it, and a warning names those other than the linking one' },
  { key: 'logging', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'container logs go to the cluster\'s logging' },
  { key: 'mac_address', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'pods get their addresses from the cluster network' },
  { key: 'mem_limit', outcome: 'convert', reference: 'convert', code: 'C2A081', reason: 'becomes the memory limit (and request)' },
  { key: 'mem_reservation', outcome: 'convert', reference: 'reject', code: 'C2A081', reason: 'becomes the memory request' },
  { key: 'mem_swappiness', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'Kubernetes manages swap per node' },
  { key: 'memswap_limit', outcome: 'ignore-info', reference: 'ignore', code: INFO, reason: 'Kubernetes has no per-container swap limit' },
  { key: 'models', outcome: 'reject', reference: 'reject', code: NOT_YET, reason: 'Compose AI models are not converted yet' },
  {
    key: 'network_mode',
    outcome: 'convert',
    reference: 'convert',
    code: 'C2A050',
    reason: '`none` isolates the service; `bridge` without `networks` (Docker\'s own network, apart from the project) isolates it too, from the internet as well (C2A354); host and shared namespaces are refused',
    values: [
      { value: 'none', outcome: 'convert', code: 'C2A051', becomes: 'the service is isolated (networkIsolated); with `networks` as well, refused' },
      { value: 'bridge', outcome: 'convert', code: 'C2A354', becomes: 'without `networks`: Docker\'s own network, apart from the project, so the service is isolated, from the internet as well; with `networks`: those networks' },
      { value: 'default', outcome: 'convert', code: 'C2A050', becomes: 'Docker\'s default network (the bridge): the service joins the networks it lists' },
      { value: 'host', outcome: 'reject', code: 'C2A050', variant: 'host' },
      { value: 'service:*', outcome: 'reject', code: 'C2A050', variant: 'shared-namespace' },
      { value: 'container:*', outcome: 'reject', code: 'C2A050', variant: 'shared-namespace' },
      { value: '*', outcome: 'reject', code: 'C2A050', variant: 'without-sandbox-meaning' },
    ],
  },
  { key: 'networks', outcome: 'convert', reference: 'convert', code: 'C2A052', reason: 'the agent-env networks the service joins; aliases become DNS records' },
  { key: 'oom_kill_disable', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes decides out-of-memory kills from the memory limit' },
  { key: 'oom_score_adj', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes decides out-of-memory scores from the QoS class' },
  { key: 'pid', outcome: 'reject', reference: 'reject', code: NEVER, reason: 'a sandbox never shares the process namespace of the host or of another container' },
  { key: 'pids_limit', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes sets PID limits per node, not per container' },
  { key: 'platform', outcome: 'convert', reference: 'reject', code: 'C2A046', reason: 'the CPU architecture becomes a nodeSelector on kubernetes.io/arch' },
  { key: 'ports', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, readFor: 'extra_hosts', reason: 'publishing to the host has no meaning in a sandbox; services reach each other on every port, as under Compose' },
  { key: 'post_start', outcome: 'reject', reference: 'reject', code: NOT_YET, reason: 'the chart cannot set lifecycle hooks, and a post_start hook prepares what the service needs', hint: 'run the hook\'s command at the start of the entrypoint: a script that runs it, then `exec`s the program' },
  { key: 'pre_stop', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the chart cannot set lifecycle hooks, and it deletes a sandbox\'s pods without a grace period once the sample is over, when nothing of the evaluation runs any more' },
  { key: 'privileged', outcome: 'convert', reference: 'reject', code: 'C2A063', reason: '`false` is the default; `true` needs the explicit opt-in x-inspect_k8s_sandbox.allow_privileged' },
  { key: 'profiles', outcome: 'convert', reference: 'reject', code: NOT_YET, resolvedEarlier: true, reason: 'inactive profiles are dropped by the file-composition pass' },
  { key: 'provider', outcome: 'reject', reference: 'reject', code: NOT_YET, reason: 'provider services are not converted yet' },
  { key: 'pull_policy', outcome: 'convert', reference: 'reject', code: 'C2A047', reason: 'becomes the image pull policy' },
  { key: 'pull_refresh_after', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the pull policy decides when the cluster pulls an image again' },
  { key: 'read_only', outcome: 'convert', reference: 'reject', code: 'C2A065', reason: 'becomes securityContext.readOnlyRootFilesystem' },
  { key: 'restart', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, readFor: 'command', reason: 'Kubernetes always restarts the containers of a StatefulSet: a command that ends, which `no` (the default) or `on-failure` leaves exited, is warned about' },
  { key: 'runtime', outcome: 'convert', reference: 'convert', code: 'C2A042', reason: 'becomes the pod\'s runtimeClassName' },
  { key: 'scale', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the chart runs exactly one replica of every service' },
  { key: 'secrets', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'each secret becomes a read-only file (default /run/secrets/<name>), delivered through annotations, which every pod of the sandbox carries (warned about when some services do not mount it)' },
  {
    key: 'security_opt',
    outcome: 'convert',
    reference: 'convert',
    code: 'C2A061',
    reason: 'seccomp, no-new-privileges, apparmor and label become securityContext fields',
    // The values are the options, the part of an entry before `=` or `:`.
    values: [
      { value: 'seccomp', outcome: 'convert', code: 'C2A061', becomes: 'the seccompProfile: unconfined, builtin (as RuntimeDefault) or a Localhost profile' },
      { value: 'no-new-privileges', outcome: 'convert', code: 'C2A065', becomes: 'allowPrivilegeEscalation: false (unless `=false`)', strict: REFERENCE_SECCOMP_ONLY },
      { value: 'apparmor', outcome: 'convert', code: 'C2A062', becomes: 'the appArmorProfile: unconfined, RuntimeDefault or a Localhost profile', strict: REFERENCE_SECCOMP_ONLY },
      { value: 'label', outcome: 'convert', code: 'C2A066', becomes: 'the seLinuxOptions user, role, type or level (`label=disable` is refused)', strict: REFERENCE_SECCOMP_ONLY },
      { value: '*', outcome: 'reject', code: 'C2A065', variant: 'not-expressible', strict: REFERENCE_SECCOMP_ONLY },
    ],
  },
  { key: 'shm_size', outcome: 'convert', reference: 'reject', code: 'C2A081', reason: 'becomes a memory-backed emptyDir at /dev/shm' },
  { key: 'stdin_open', outcome: 'ignore-info', reference: 'reject', code: INFO, readFor: 'command', reason: 'the agent runs commands through exec, not the container\'s stdin; a default service without command keeps the chart\'s keep-alive, as Docker keeps the image\'s shell waiting; another service without command is warned about (its shell would exit)' },
  { key: 'stop_grace_period', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, reason: 'the chart stops sandbox pods immediately' },
  { key: 'stop_signal', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the chart stops sandbox pods immediately' },
  { key: 'storage_opt', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes has no per-container storage driver options' },
  { key: 'sysctls', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the chart cannot set pod sysctls' },
  { key: 'tmpfs', outcome: 'convert', reference: 'reject', code: 'C2A081', reason: 'each path becomes a memory-backed emptyDir mount' },
  { key: 'tty', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, readFor: 'command', reason: 'the agent runs commands through exec, which allocates its own terminal; a default service without command keeps the chart\'s keep-alive, as Docker keeps the image\'s shell waiting; another service without command is warned about (its shell would exit)' },
  { key: 'ulimits', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes has no per-container ulimits' },
  { key: 'use_api_socket', outcome: 'reject', reference: 'reject', code: NEVER, reason: 'it hands the container the Docker engine API, which controls the host' },
  { key: 'user', outcome: 'convert', reference: 'convert', code: 'C2A060', reason: 'numeric uid[:gid] becomes runAsUser/runAsGroup; a name is looked up in the local Dockerfile the service builds from, and converted where it gives the name a certain ID (C2A069)' },
  { key: 'userns_mode', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'user namespaces are decided by the container runtime (gVisor)' },
  { key: 'uts', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'a pod never shares the host\'s UTS namespace' },
  { key: 'volumes', outcome: 'convert', reference: 'convert', code: 'C2A070', reason: 'named volumes mount their claim; anonymous volumes and tmpfs become emptyDirs; bind mounts of project files are delivered read-only, in annotations every pod carries (warned about when some services do not mount them); other host paths are refused, and so is the Docker socket unless --drop-docker-socket drops its mount with a warning (C2A257)' },
  { key: 'volumes_from', outcome: 'convert', reference: 'reject', code: 'C2A308', reason: 'the other service\'s named volumes and bind mounts are mounted here too, at the same paths (read-only with :ro); its anonymous volumes cannot be shared between pods, and containers outside the project do not exist' },
  { key: 'working_dir', outcome: 'convert', reference: 'convert', code: 'C2A042', reason: 'becomes the container workingDir' },
  { key: 'x-default', outcome: 'convert', reference: 'convert', code: 'C2A091', reason: '`true` makes the service the default (agent) service' },
  { key: 'x-local', outcome: 'ignore-warning', reference: 'ignore', code: WARN, reason: 'Kubernetes pulls every image from a registry; a local-only image must be pushed first' },
  { key: 'x-inspect_k8s_sandbox', outcome: 'convert', reference: 'convert', code: 'C2A092', reason: 'per-service sandbox settings: extra resources, the privileged opt-in' },
  { key: 'x-k8s', outcome: 'convert', reference: 'convert', code: 'C2A093', reason: 'short alias of x-inspect_k8s_sandbox (using both is an error)' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, reason: 'extension fields are for the file\'s own use' },
];

const HEALTHCHECK: Row[] = [
  {
    key: 'test',
    outcome: 'convert',
    reference: 'convert',
    code: 'C2A083',
    reason: 'CMD, CMD-SHELL and the string form become an exec probe; NONE disables it',
    // The values are the test's forms: the first word of a list, or a string.
    values: [
      { value: 'NONE', outcome: 'convert', code: 'C2A083', becomes: 'no readiness probe', strict: { outcome: 'reject', code: 'C2A083' } },
      { value: 'CMD', outcome: 'convert', code: 'C2A083', becomes: 'an exec probe running the program' },
      { value: 'CMD-SHELL', outcome: 'convert', code: 'C2A083', becomes: 'an exec probe running the command line with `sh -c`' },
      { value: A_STRING, outcome: 'convert', code: 'C2A083', becomes: 'an exec probe running the string with `sh -c`, as CMD-SHELL', strict: { outcome: 'reject', code: 'C2A035', variant: 'reference-healthcheck-lists-only' } },
      { value: '*', outcome: 'reject', code: 'C2A083' },
    ],
  },
  { key: 'disable', outcome: 'convert', reference: 'reject', code: 'C2A084', reason: '`true` means no probe' },
  { key: 'interval', outcome: 'convert', reference: 'convert', code: 'C2A080', reason: 'becomes periodSeconds' },
  { key: 'timeout', outcome: 'convert', reference: 'convert', code: 'C2A080', reason: 'becomes timeoutSeconds' },
  { key: 'start_period', outcome: 'convert', reference: 'convert', code: 'C2A080', reason: 'becomes initialDelaySeconds' },
  { key: 'start_interval', outcome: 'ignore-info', reference: 'ignore', code: INFO, readFor: 'start_period', reason: 'Kubernetes probes have one period; the warning about a start_period says how often Docker would have checked meanwhile' },
  { key: 'retries', outcome: 'convert', reference: 'convert', code: 'C2A083', reason: 'N retries become failureThreshold N+1' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const DEPLOY: Row[] = [
  { key: 'resources', outcome: 'convert', reference: 'convert', code: 'C2A088', reason: 'limits and reservations become limits and requests' },
  { key: 'replicas', outcome: 'convert', reference: 'reject', code: 'C2A089', reason: 'the chart runs one replica: 1 is kept, anything else is warned about' },
  { key: 'mode', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the chart runs one replica of every service' },
  { key: 'endpoint_mode', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'services are reached through a headless Service' },
  { key: 'labels', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'Swarm service labels are metadata' },
  { key: 'placement', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Swarm placement constraints do not map to Kubernetes node labels' },
  { key: 'restart_policy', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'Kubernetes always restarts the containers of a StatefulSet' },
  { key: 'rollback_config', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'Swarm rolling-update settings' },
  { key: 'update_config', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'Swarm rolling-update settings' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const DEPLOY_RESOURCES: Row[] = [
  { key: 'limits', outcome: 'convert', reference: 'convert', code: 'C2A088', reason: 'becomes resources.limits' },
  { key: 'reservations', outcome: 'convert', reference: 'convert', code: 'C2A088', reason: 'becomes resources.requests' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const LIMITS: Row[] = [
  { key: 'cpus', outcome: 'convert', reference: 'convert', code: 'C2A088', reason: 'becomes limits.cpu' },
  { key: 'memory', outcome: 'convert', reference: 'convert', code: 'C2A081', reason: 'becomes limits.memory' },
  { key: 'pids', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Kubernetes sets PID limits per node, not per container' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const RESERVATIONS: Row[] = [
  { key: 'cpus', outcome: 'convert', reference: 'convert', code: 'C2A088', reason: 'becomes requests.cpu' },
  { key: 'memory', outcome: 'convert', reference: 'convert', code: 'C2A081', reason: 'becomes requests.memory' },
  { key: 'devices', outcome: 'convert', reference: 'reject', code: 'C2A087', reason: 'GPU reservations with a count become nvidia.com/gpu requests and limits' },
  { key: 'generic_resources', outcome: 'reject', reference: 'reject', code: NOT_YET, reason: 'Swarm generic resources are not converted yet' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const NETWORK: Row[] = [
  {
    key: 'driver',
    outcome: 'convert',
    reference: 'convert',
    code: 'C2A059',
    reason: 'every driver but host and none becomes an ordinary agent-env network',
    values: [
      { value: 'bridge', outcome: 'convert', code: 'C2A059', becomes: 'an ordinary agent-env network' },
      { value: 'host', outcome: 'reject', code: 'C2A059', strict: REFERENCE_BRIDGE_ONLY },
      { value: 'none', outcome: 'reject', code: 'C2A059', strict: REFERENCE_BRIDGE_ONLY },
      { value: '*', outcome: 'ignore-info', code: INFO, variant: 'network-driver-without-meaning', strict: REFERENCE_BRIDGE_ONLY },
    ],
  },
  { key: 'external', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the sandbox creates its own network; other workloads cannot join it' },
  { key: 'internal', outcome: 'convert', reference: 'ignore', code: 'C2A315', reason: 'a service only on internal networks gets no internet: when x-inspect_k8s_sandbox allows domains or internet entities, a CiliumNetworkPolicy (additionalResources) denies its pods egress to the world' },
  { key: 'name', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the Docker network name is not visible inside the containers' },
  { key: 'driver_opts', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'driver options have no Kubernetes equivalent' },
  { key: 'ipam', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'pods get their addresses from the cluster network' },
  { key: 'enable_ipv4', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'address families are decided by the cluster network' },
  { key: 'enable_ipv6', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'address families are decided by the cluster network' },
  { key: 'attachable', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'no container outside the sandbox can join its networks' },
  { key: 'labels', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'network labels are Docker metadata' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const SERVICE_NETWORK: Row[] = [
  { key: 'aliases', outcome: 'convert', reference: 'reject', code: 'C2A057', reason: 'aliases stay resolvable as additional DNS records of the service; every service resolves them, and a warning names those not on the alias\'s network' },
  { key: 'ipv4_address', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, readFor: 'extra_hosts', reason: 'pods get their addresses from the cluster network; services reach each other by name' },
  { key: 'ipv6_address', outcome: 'ignore-info', reference: 'reject', code: INFO, once: true, readFor: 'extra_hosts', reason: 'pods get their addresses from the cluster network; services reach each other by name' },
  { key: 'link_local_ips', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'pods get their addresses from the cluster network' },
  { key: 'mac_address', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'pods get their addresses from the cluster network' },
  { key: 'driver_opts', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'driver options have no Kubernetes equivalent' },
  { key: 'priority', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'network attachment order has no Kubernetes equivalent' },
  { key: 'gw_priority', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the pod\'s default route is set by the cluster network' },
  { key: 'interface_name', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'a pod has one network interface' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const VOLUME: Row[] = [
  { key: 'driver', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the chart provisions every volume as its own shared claim' },
  { key: 'driver_opts', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the chart provisions every volume as its own shared claim' },
  { key: 'external', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'the chart creates a new, empty claim; existing Docker volume data is not available' },
  { key: 'name', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the claim is named after the release and the volume key' },
  { key: 'labels', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'volume labels are Docker metadata' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const SERVICE_VOLUME: Row[] = [
  { key: 'type', outcome: 'convert', reference: 'reject', code: 'C2A075', reason: 'volume, tmpfs, anonymous volumes and bind mounts of project files convert; npipe, cluster and image mounts are refused' },
  { key: 'source', outcome: 'convert', reference: 'reject', code: 'C2A074', reason: 'the named volume, or the project file or directory bind-mounted: text that fits is delivered through annotations; binary files, files past the 252 KiB budget and directories of more than 256 files are baked into a derived image of the service under --image-registry (C2A217), and refused without it' },
  { key: 'target', outcome: 'convert', reference: 'reject', code: 'C2A075', reason: 'the mount path' },
  { key: 'read_only', outcome: 'convert', reference: 'reject', code: 'C2A072', reason: 'honoured for memory-backed mounts; the chart mounts claims read-write; bind-mounted files are always read-only' },
  { key: 'consistency', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'a Docker Desktop file-sharing setting' },
  { key: 'bind', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'bind options (propagation, selinux, recursive) have no meaning for files delivered read-only; create_host_path: true makes a missing source an empty emptyDir (C2A216), as the short syntax does; without it a missing source is an error' },
  { key: 'volume', outcome: 'convert', reference: 'reject', code: 'C2A075', reason: 'a claim starts empty, never with the image\'s files (a warning says so), so `nocopy: true` only marks that as intended; `subpath` is refused' },
  { key: 'tmpfs', outcome: 'convert', reference: 'reject', code: 'C2A081', reason: '`size` becomes the emptyDir sizeLimit; `mode` is ignored' },
  { key: 'image', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'options of image mounts; image mounts themselves are refused' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

// Top-level configs and secrets: where the content comes from.
const CONFIG: Row[] = [
  { key: 'file', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'the file (under the project directory) whose content is delivered' },
  { key: 'content', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'the inline content delivered' },
  { key: 'environment', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'the variable (from the conversion environment) whose value is delivered' },
  { key: 'external', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: '`true` is refused: a sandbox cannot see configs created outside it' },
  { key: 'name', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the Docker object name is not visible inside the containers' },
  { key: 'labels', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'config labels are Docker metadata' },
  { key: 'template_driver', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Swarm config templates are not expanded; the content is delivered as written' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const SECRET: Row[] = [
  { key: 'file', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'the file (under the project directory) whose content is delivered' },
  { key: 'environment', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'the variable (from the conversion environment) whose value is delivered' },
  { key: 'external', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: '`true` is refused: a sandbox cannot see secrets created outside it' },
  { key: 'name', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'the Docker object name is not visible inside the containers' },
  { key: 'labels', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'secret labels are Docker metadata' },
  { key: 'driver', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Swarm secret drivers do not exist in a sandbox; the file or variable is delivered' },
  { key: 'driver_opts', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Swarm secret drivers do not exist in a sandbox' },
  { key: 'template_driver', outcome: 'ignore-warning', reference: 'reject', code: WARN, reason: 'Swarm secret templates are not expanded; the content is delivered as written' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

// A service's use of a config or secret (long syntax).
const FILE_GRANT: Row[] = [
  { key: 'source', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'the top-level config or secret delivered' },
  { key: 'target', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'the path of the file in the container (relative secret targets are under /run/secrets)' },
  { key: 'mode', outcome: 'convert', reference: 'reject', code: 'C2A078', reason: 'the file\'s permission bits (default 0444)' },
  { key: 'uid', outcome: 'convert', reference: 'reject', code: 'C2A079', reason: 'delivered files belong to root; a uid other than 0 is warned about' },
  { key: 'gid', outcome: 'convert', reference: 'reject', code: 'C2A079', reason: 'delivered files belong to root; a gid other than 0 is warned about' },
  { key: 'x-*', outcome: 'ignore-info', reference: 'reject', code: INFO, reason: 'extension fields are for the file\'s own use' },
];

const ENV_FILE: Row[] = [
  { key: 'path', outcome: 'convert', reference: 'reject', code: 'C2A013', reason: 'the env file, relative to the compose file\'s directory' },
  { key: 'required', outcome: 'convert', reference: 'reject', code: 'C2A013', reason: '`false` lets the file be missing' },
  { key: 'format', outcome: 'convert', reference: 'reject', code: 'C2A049', reason: '`raw` takes values literally (no quotes, no interpolation), as `docker run --env-file` does' },
];

const SANDBOX: Row[] = [
  { key: 'allow_domains', outcome: 'convert', reference: 'convert', code: 'C2A094', reason: 'becomes allowDomains: the only internet names the sandbox may reach' },
  { key: 'allow_entities', outcome: 'convert', reference: 'convert', code: 'C2A094', reason: 'becomes allowEntities (Cilium entities such as world)' },
  { key: 'automount_service_account_token', outcome: 'convert', reference: 'convert', code: 'C2A094', reason: 'becomes automountServiceAccountToken' },
  { key: 'service_account_create', outcome: 'convert', reference: 'convert', code: 'C2A094', reason: 'becomes serviceAccountCreate' },
  { key: 'service_account_name', outcome: 'convert', reference: 'convert', code: 'C2A094', reason: 'becomes serviceAccountName' },
];

const SERVICE_SANDBOX: Row[] = [
  { key: 'resources', outcome: 'convert', reference: 'convert', code: 'C2A086', reason: 'requests and limits merged into those built from the Compose keys (a conflict is an error)' },
  { key: 'allow_privileged', outcome: 'convert', reference: 'reject', code: 'C2A063', reason: 'the explicit opt-in that lets `privileged: true` through' },
];

const SCOPES: [KeyScope, Row[]][] = [
  ['top', TOP],
  ['service', SERVICE],
  ['healthcheck', HEALTHCHECK],
  ['deploy', DEPLOY],
  ['deploy.resources', DEPLOY_RESOURCES],
  ['deploy.resources.limits', LIMITS],
  ['deploy.resources.reservations', RESERVATIONS],
  ['network', NETWORK],
  ['volume', VOLUME],
  ['service.networks[]', SERVICE_NETWORK],
  ['service.volumes[]', SERVICE_VOLUME],
  ['config', CONFIG],
  ['secret', SECRET],
  ['service.configs[]', FILE_GRANT],
  ['service.secrets[]', FILE_GRANT],
  ['service.env_file[]', ENV_FILE],
  ['x-inspect_k8s_sandbox', SANDBOX],
  ['service.x-inspect_k8s_sandbox', SERVICE_SANDBOX],
];

/** The table's sentences, branded: the only place they are written. */
const sentence = (text: string) => text as TableSentence;

const TABLE: readonly KeyOutcomeRow[] = SCOPES.flatMap(([scope, rows]) =>
  rows.map(({ reason, hint, ...row }) => ({ scope, ...row, reason: sentence(reason), ...(hint !== undefined ? { hint: sentence(hint) } : {}) })),
);

/** The outcome of a key the table has no row for: one newer than the table. */
export const UNKNOWN_KEY: { code: 'C2A030'; reason: TableSentence } = { code: 'C2A030', reason: sentence('compose2agent does not know this key yet') };
const INDEX = new Map(TABLE.map((row) => [`${row.scope}\u0000${row.key}`, row]));

/** Every row, scope by scope, in a stable order: what `compose2agent keys` prints. */
export function keyTable(): KeyOutcomeRow[] {
  return TABLE.map((row) => ({ ...row }));
}

/** The scopes the table covers, in order. */
export function keyScopes(): KeyScope[] {
  return SCOPES.map(([scope]) => scope);
}

/**
 * The row for a key: its own, else the scope's `x-*` row for extension keys. Undefined
 * for a key the table does not know (a key newer than the table: treated as not supported).
 */
export function keyOutcome(scope: KeyScope, key: string): KeyOutcomeRow | undefined {
  return INDEX.get(`${scope}\u0000${key}`) ?? (key.startsWith('x-') ? INDEX.get(`${scope}\u0000x-*`) : undefined);
}

/**
 * Under --strict, what the reference converter does with a key (the table's `reference`
 * column), which then decides the key's whole outcome; without --strict, undefined: the
 * key's own outcome holds.
 */
export function referenceOutcome(scope: KeyScope, key: string, strict: boolean): ReferenceOutcome | undefined {
  return strict ? keyOutcome(scope, key)?.reference : undefined;
}

/** What one value of a key becomes: its outcome, code and the catalogue variant saying why. */
export interface ValueOutcome {
  outcome: Outcome;
  code: Code;
  variant?: string;
}

function matches(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith(':*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}

/**
 * The outcome of one value of a key that has value rows, under --strict where that differs:
 * the first row whose value matches (so `*` rows come last). Undefined for a key without
 * value rows.
 */
export function valueOutcome(scope: KeyScope, key: string, value: string, strict: boolean): ValueOutcome | undefined {
  const row = keyOutcome(scope, key)?.values?.find((r) => matches(r.value, value));
  if (!row) return undefined;
  const chosen = strict && row.strict ? row.strict : row;
  return { outcome: chosen.outcome, code: chosen.code, ...(chosen.variant !== undefined ? { variant: chosen.variant } : {}) };
}

/**
 * The reasons a real-world Compose file may be rejected, by diagnostic code: a short,
 * documented list (the README prints it, from `compose2agent keys --format markdown`), and
 * the corpus test checks that every rejected file is rejected for one of them. A new kind of
 * rejection must be added here on purpose, with its one-line reason.
 */
export const REJECTION_REASONS: Readonly<Partial<Record<Code, string>>> = {
  C2A011: 'a required variable is not set (`${VAR:?err}`): set it as the eval\'s own tooling does',
  C2A020: 'the file is not a Compose document (e.g. an empty fragment meant to be included)',
  C2A040: 'the file has no services (a fragment meant to be included or extended)',
  C2A200: 'an included or extended file does not exist (often a path built from an unset variable)',
  C2A206: 'a service extends a service that is not defined (in a fragment whose includer defines it)',
  C2A211: 'a service has neither an image nor a build context (a base service meant to be extended)',
  C2A052: 'a service joins a network that is not declared (in a fragment whose includer declares it)',
  C2A074: 'a service mounts a volume that is not declared (in a fragment whose includer declares it)',
  C2A030: 'a key that compose2agent does not convert yet (such as Compose AI models)',
  C2A303: 'a service others wait for to complete whose program is its image\'s own (no entrypoint or command to keep alive after it completes)',
  C2A310: 'an empty entrypoint without a command: Docker runs the image\'s CMD without its ENTRYPOINT, which a Kubernetes container cannot',
  C2A306: 'services that wait for each other to complete (a cycle Compose refuses as well)',
  C2A307: 'a service depends on a service that is not defined (Compose refuses it as well)',
  C2A308: 'volumes_from that cannot be kept: an anonymous volume shared between services, a container outside the project, an undefined service',
  C2A309: 'a value the chart writes unquoted that YAML would read differently (a working_dir `yes`, an environment variable named `Y`)',
  C2A300: 'an extra_hosts name for an address outside the project (the Docker host itself, an address no service has)',
  C2A045: 'a key that cannot be converted safely: host PID namespace, host devices, the Docker API',
  C2A050: 'host networking or another container\'s network namespace',
  C2A060: 'a user given by name that the build\'s Dockerfile does not give a certain ID (or no local build): Kubernetes needs the numeric uid',
  C2A063: '`privileged: true` without the explicit opt-in (x-inspect_k8s_sandbox.allow_privileged or --allow-privileged)',
  C2A070: 'a bind mount of a host path outside the project (/tmp, /lib/modules, ...)',
  C2A071: 'a bind mount of the Docker socket (boilerplate no service uses: --drop-docker-socket drops it with a warning)',
  C2A078: 'a file that cannot be delivered into the sandbox: missing, a host device path (/proc, /sys, /dev), or (without --image-registry, which bakes bind-mounted files into a derived image) not text or too large',
};
