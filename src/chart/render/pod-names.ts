// Names the chart derives that Kubernetes refuses, found before anything is installed.
//
// The chart adds to every pod a container and two volumes of fixed names, and names objects
// `<fullname>-<service>` and `<fullname>-<volume>` without checking their length; Helm
// renders whatever results and the cluster refuses it later, mostly without failing the
// install: a StatefulSet whose pods cannot be created just never becomes ready. These
// helpers say which names cannot work, for the converter (at the Compose line) and for
// `render` (at the values line).
//
// Under inspect the release is not `helm template`'s `release-name` but a random name of
// INSPECT_RELEASE_LENGTH characters per sample (`uuid().lower()[:8]` in inspect_k8s_sandbox),
// so without a release of the user's choosing (none, or Helm's placeholder `release-name`,
// which every command defaults to) the names are judged against that length.

import { fullname } from './names.js';

/** The release `helm template` renders as when given none: a placeholder, not a choice. */
export const HELM_DEFAULT_RELEASE = 'release-name';
/** The length of the release names inspect gives each sample. */
export const INSPECT_RELEASE_LENGTH = 8;
/** The container the chart adds to every pod: the pod's own DNS server. */
export const CHART_CONTAINER = 'coredns';
/** The volumes the chart adds to every pod (the Corefile and resolv.conf ConfigMaps). */
export const CHART_VOLUMES: readonly string[] = ['coredns-config', 'resolv-conf'];
/**
 * The longest StatefulSet name whose pods can be created: each pod is labelled
 * `controller-revision-hash: <name>-<hash>`, the hash up to 10 characters, and a label
 * value holds at most 63.
 */
export const STATEFULSET_NAME_MAX = 63 - 11;
/** A pod's volume names are DNS labels. */
export const POD_VOLUME_NAME_MAX = 63;

/** The release the names are judged against, and how messages describe it (the catalogue's group `judged`). */
export interface JudgedRelease {
  fullname: string;
  described: { judged: 'given'; releaseName: string } | { judged: 'inspect'; randomLength: number; placeholder: string };
}

/**
 * The fullname names are judged against: the given release's, or that of a release of
 * inspect's length (no such name contains the chart's name, so the fullname is
 * `agent-env-` and 8 characters).
 */
export function judgedRelease(values: Record<string, unknown>, release: string | undefined): JudgedRelease {
  if (release !== undefined && release !== HELM_DEFAULT_RELEASE) return { fullname: fullname(values, { release, namespace: '' }), described: { judged: 'given', releaseName: release } };
  const placeholder = 'x'.repeat(INSPECT_RELEASE_LENGTH);
  return {
    fullname: fullname(values, { release: placeholder, namespace: '' }),
    described: { judged: 'inspect', randomLength: INSPECT_RELEASE_LENGTH, placeholder },
  };
}

export interface NameProblem {
  /** Which limit, with what Kubernetes does past it: a variant of the catalogue's group `nameLimit`. */
  nameLimit: 'statefulset' | 'claim-volume';
  name: string;
  limit: number;
  /** The longest the Compose or values name may be. */
  max: number;
}

/** `<fullname>-<name>` when it is longer than `limit`, with why that breaks the sandbox. */
function overLimit(judged: JudgedRelease, name: string, limit: number, nameLimit: NameProblem['nameLimit']): NameProblem | undefined {
  const full = `${judged.fullname}-${name}`;
  if (full.length <= limit) return undefined;
  return { nameLimit, name: full, limit, max: limit - judged.fullname.length - 1 };
}

/** Why the StatefulSet (and Service) of a service cannot work, if it cannot. */
export function serviceNameProblem(judged: JudgedRelease, service: string): NameProblem | undefined {
  return overLimit(judged, service, STATEFULSET_NAME_MAX, 'statefulset');
}

/** Why the pod volume of a named volume (its claim, `<fullname>-<volume>`) cannot work. */
export function claimNameProblem(judged: JudgedRelease, volume: string): NameProblem | undefined {
  return overLimit(judged, volume, POD_VOLUME_NAME_MAX, 'claim-volume');
}
