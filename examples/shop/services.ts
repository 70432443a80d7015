import {
  ActivePlacement,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  ReplicaScheduling,
  WorkloadKind,
} from '../../lib';

/**
 * An ordinary web service and its database, as a platform team runs them: the web tier divided 2:1 over
 * the public clusters with an autoscaler and a disruption budget, ready to start in the private cloud;
 * the database a StatefulSet with its claims in the private cloud only, reached from everywhere.
 */
export const shopServices: Record<string, MultiClusterServiceOptions> = {
  web: {
    namespace: 'shop',
    image: 'team/web:2.0.0',
    replicas: 9,
    ports: [{ name: 'http', port: 8080 }],
    scheduling: { type: ReplicaScheduling.DIVIDED, preferences: { 'hangzhou-1': { weight: 2 }, 'hangzhou-2': { weight: 1 } } },
    env: { DB_HOST: 'db.shop.svc' },
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    podTemplate: {
      metadata: { annotations: { 'prometheus.io/scrape': 'true' } },
      spec: {
        serviceAccountName: 'web',
        containers: [
          {
            name: 'web',
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
            livenessProbe: { httpGet: { path: '/livez', port: 8080 }, initialDelaySeconds: 10 },
            envFrom: [{ secretRef: { name: 'web-secrets' } }],
            volumeMounts: [
              { name: 'config', mountPath: '/etc/web' },
              { name: 'tmp', mountPath: '/tmp' },
            ],
          },
        ],
        volumes: [
          { name: 'config', configMap: { name: 'web-config' } },
          { name: 'tmp', emptyDir: {} },
        ],
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } },
        ],
      },
    },
    dependencies: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { 'app.yaml': 'cache: 256Mi\n' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } },
    ],
    // Created in every cluster by External Secrets from the team's vault, never written to Git.
    externalDependencies: [{ kind: 'Secret', name: 'web-secrets' }],
    autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 70 },
    disruptionBudget: { maxUnavailable: 1 },
    placements: [
      new ActivePlacement({ clusters: ['hangzhou-1', 'hangzhou-2'] }),
      new PlaceholderPlacement({ clusters: ['private-1'], networking: Networking.istio({ timeout: '5s', retries: { attempts: 2, perTryTimeout: '2s' } }) }),
    ],
    clusterOverrides: {
      // The private cloud's config points at its own cache.
      'private-1': { dependencies: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { 'app.yaml': 'cache: 1Gi\n' } }] },
    },
  },
  db: {
    namespace: 'shop',
    image: 'team/db:14.2',
    replicas: 3,
    workload: WorkloadKind.STATEFUL_SET,
    ports: [{ name: 'tcp-db', port: 5432 }],
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
    podTemplate: {
      spec: {
        containers: [{ name: 'db', readinessProbe: { tcpSocket: { port: 5432 } }, volumeMounts: [{ name: 'data', mountPath: '/var/lib/db' }] }],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }],
    disruptionBudget: { minAvailable: 2 },
    placements: [
      new ActivePlacement({ clusters: ['private-1'] }),
      new PlaceholderPlacement({ clusters: ['hangzhou-1', 'hangzhou-2'], networking: Networking.ISTIO }),
    ],
  },
};
