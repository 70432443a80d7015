// The pods and dependencies of issue 10's acceptance program, as written there.
import type { ExternalDependency, Manifest } from '../../lib';

export const ISSUE_10_POD_TEMPLATE = {
  spec: {
    serviceAccountName: 'web',
    containers: [
      {
        name: 'web',
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
        envFrom: [{ secretRef: { name: 'web-secrets' } }],
        volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
        resources: { requests: { cpu: '250m', memory: '256Mi' } },
      },
    ],
    volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
  },
};

export const ISSUE_10_DEPENDENCIES: { dependencies: Manifest[]; externalDependencies: ExternalDependency[] } = {
  dependencies: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { 'app.yaml': 'x: 1' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } },
  ],
  externalDependencies: [{ kind: 'Secret', name: 'web-secrets' }],
};
