// Values Helm renders into pods Kubernetes refuses, or never creates: reported at the value.
//
// Helm does not look inside what it renders, so `helm template` (and `helm install`) take
// values whose pods cannot exist: a service named like the chart's own DNS container, an
// init container or volume named like another of the pod, a StatefulSet or a claim's pod
// volume whose name outgrows Kubernetes' limits once prefixed with the release's fullname.
// Each is an error here, at the line of the value that causes it.

import { CHART_CONTAINER, CHART_VOLUMES, claimNameProblem, judgedRelease, serviceNameProblem, type JudgedRelease } from './pod-names.js';
import { isTable, type Tree } from './coalesce.js';
import type { KeyReporter } from './scope.js';

/** What already has a name in a pod (the catalogue's group `holder` of C2A322). */
type Holder =
  | { holder: 'service-container' }
  | { holder: 'dns-container' }
  | { holder: 'chart-volume' }
  | { holder: 'init-container' | 'volume' | 'same-claim'; holderIndex: number };

/**
 * `release` is the release rendered as; `fullname` the fullname it gives. Lengths are judged
 * against the release inspect will install as unless `release` is one the user chose.
 */
export function checkPods(values: Tree, release: string, fullname: string, reporter: KeyReporter): void {
  const services = isTable(values.services) ? values.services : {};
  const judged = judgedRelease(values, release);
  for (const name of Object.keys(services).sort()) {
    const service = services[name];
    if (isTable(service)) checkService(name, service, judged, fullname, reporter);
  }
}

function checkService(name: string, service: Tree, judged: JudgedRelease, fullname: string, reporter: KeyReporter): void {
  const at = ['services', name];
  if (name === CHART_CONTAINER) {
    reporter.reportAt('C2A322', at, true, { service: name, detail: 'service-named-like-dns-container', container: CHART_CONTAINER, strict: false });
  }
  const tooLong = serviceNameProblem(judged, name);
  if (tooLong) {
    reporter.reportAt('C2A321', at, true, { subject: 'service', service: name, ...tooLong, ...judged.described });
  }

  // Container names are unique across a pod's init containers and containers.
  const containers = new Map<string, Holder>([
    [name, { holder: 'service-container' }],
    [CHART_CONTAINER, { holder: 'dns-container' }],
  ]);
  const inits = Array.isArray(service.initContainers) ? service.initContainers : [];
  inits.forEach((init, i) => {
    const initName = isTable(init) && typeof init.name === 'string' ? init.name : undefined;
    if (initName === undefined) return;
    const other = containers.get(initName);
    if (other !== undefined) {
      reporter.report('C2A322', [...at, 'initContainers', i, 'name'], { service: name, detail: 'init-container-name-taken', initName, ...other });
    }
    containers.set(initName, { holder: 'init-container', holderIndex: i });
  });

  // Volume names are unique in a pod; the chart names a claim's volume `<fullname>-<claim>`.
  const volumes = new Map<string, Holder>(CHART_VOLUMES.map((v) => [v, { holder: 'chart-volume' }]));
  const list = Array.isArray(service.volumes) ? service.volumes : [];
  list.forEach((volume, i) => {
    let volumeName: string | undefined;
    if (typeof volume === 'string') {
      const claim = volume.split(':')[0] ?? '';
      volumeName = `${fullname}-${claim}`;
      const problem = claimNameProblem(judged, claim);
      if (problem) {
        reporter.report('C2A321', [...at, 'volumes', i], { subject: 'volume-of-service', claim, service: name, ...problem, ...judged.described });
      }
    } else if (isTable(volume) && typeof volume.name === 'string') {
      volumeName = volume.name;
    }
    if (volumeName === undefined) return;
    const other = volumes.get(volumeName);
    if (other !== undefined) {
      reporter.report('C2A322', [...at, 'volumes', i], { service: name, detail: typeof volume === 'string' ? 'claim-volume-name-taken' : 'volume-name-taken', volumeName, ...other });
    }
    volumes.set(volumeName, { holder: typeof volume === 'string' ? 'same-claim' : 'volume', holderIndex: i });
  });
}
