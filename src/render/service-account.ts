// templates/service_account.yaml: the sandbox pods' ServiceAccount, created only when
// asked to (serviceAccountCreate) — and then it must be named.

import { formatGoValue, truthy } from './go-format.js';
import { commonLabels } from './names.js';
import { unquoted, type RenderScope, type RenderedObject } from './scope.js';

export const SERVICE_ACCOUNT_TEMPLATE = 'service_account.yaml';

export function renderServiceAccount(scope: RenderScope): RenderedObject[] {
  const { values } = scope;
  if (!truthy(values.serviceAccountCreate)) return [];
  if (!truthy(values.serviceAccountName)) {
    scope.reporter.report('C2A106', ['serviceAccountCreate']);
    return [];
  }
  return [
    {
      template: SERVICE_ACCOUNT_TEMPLATE,
      object: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: {
          name: formatGoValue(values.serviceAccountName),
          namespace: unquoted(scope, scope.release.namespace, [], 'namespace'),
          labels: commonLabels(values, scope.release),
        },
      },
      origins: [
        { at: ['metadata', 'name'], from: ['serviceAccountName'] },
        { at: ['metadata', 'labels'], from: ['labels'] },
      ],
    },
  ];
}
