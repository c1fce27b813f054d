// templates/pvc.yaml: one PersistentVolumeClaim per chart volume — an NFS-CSI claim that
// every pod of the release can mount (ReadWriteMany), unless the volume gives a spec.

import { truthy } from './go-format.js';
import { table, toYamlValue, type RenderScope, type RenderedObject } from './scope.js';

export const PVC_TEMPLATE = 'pvc.yaml';

export function renderPersistentVolumeClaims(scope: RenderScope): RenderedObject[] {
  const volumes = table(scope.values.volumes);
  return Object.keys(volumes)
    .sort()
    .map((name) => {
      const volume = volumes[name];
      const spec = truthy(volume) ? table(volume).spec : undefined;
      const custom = truthy(spec);
      return {
        template: PVC_TEMPLATE,
        object: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: {
            name: `${scope.fullname}-${name}`,
            annotations: toYamlValue(scope.values.annotations),
            labels: toYamlValue(scope.values.labels),
          },
          spec: custom
            ? toYamlValue(spec)
            : {
                storageClassName: 'nfs-csi',
                accessModes: ['ReadWriteMany'],
                // Required by the API, ignored by NFS.
                resources: { requests: { storage: '1Ki' } },
              },
        },
        origins: [
          { at: ['metadata', 'annotations'], from: ['annotations'] },
          { at: ['metadata', 'labels'], from: ['labels'] },
          ...(custom ? [{ at: ['spec'], from: ['volumes', name, 'spec'] }] : []),
        ],
      };
    });
}
