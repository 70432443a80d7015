import fc from 'fast-check';
import { hybridManifests } from '../../examples/hybrid/app';
import { ServiceExport, ServiceExportV1Beta1, ServiceImport, ServiceImportSpecType } from '../../imports/multicluster.x-k8s.io';
import {
  ActivePlacement,
  type ClusterProps,
  type FleetPlan,
  IstioApiVersion,
  McsApiVersion,
  MeshMtls,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  ReplicaScheduling,
  WorkloadKind,
} from '../../lib';
import { appA, plan, twoClusters } from '../support/fleet';
import { CRD_ROOT, crdsAvailable, expectValidAgainstSchemas } from '../support/schema';

const everyManifest = (fleetPlan: FleetPlan) => fleetPlan.clusters.flatMap((c) => c.objects.map((o) => o.manifest as unknown as Record<string, unknown>));

test('the upstream CRDs are present beside the repo', () => {
  // Without them CRD kinds cannot be checked; every schema test below would report it object by object.
  expect({ root: CRD_ROOT, present: crdsAvailable() }).toEqual({ root: CRD_ROOT, present: true });
});

describe('every emitted object is valid against its upstream schema', () => {
  test('the hybrid example, as cdk8s renders it', () => {
    const all = Object.values(hybridManifests()).flat();
    expect(all.length).toBe(16);
    expectValidAgainstSchemas(all);
  });

  const strictMesh = (): ClusterProps[] => twoClusters().map((c) => ({ ...c, mesh: { network: c.name, mtls: MeshMtls.STRICT, apiVersion: IstioApiVersion.V1 } }));
  const cases: Array<[string, Record<string, MultiClusterServiceOptions>, ClusterProps[]]> = [
    ['ENDPOINT_SLICE', { 'app-a': appA(Networking.ENDPOINT_SLICE) }, twoClusters()],
    ['ISTIO with mixed ports', { 'app-a': appA(Networking.ISTIO, { ports: [{ name: 'http', port: 80 }, { name: 'tcp-db', port: 5432 }, { name: 'https', port: 443 }] }) }, twoClusters()],
    ['ISTIO v1 with STRICT mTLS', { 'app-a': appA(Networking.ISTIO) }, strictMesh()],
    ['EXTERNAL_NAME', { 'app-a': appA(Networking.EXTERNAL_NAME) }, twoClusters()],
    [
      'a StatefulSet with resources, command and args',
      {
        db: {
          ...appA(Networking.EXTERNAL_NAME),
          workload: WorkloadKind.STATEFUL_SET,
          command: ['postgres'],
          args: ['-c', 'max_connections=200'],
          resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
          annotations: { 'example.com/owner': 'data' },
        },
      },
      twoClusters(),
    ],
    [
      'a pod template with probes, sidecar, init container, volumes and a StatefulSet claim',
      {
        db: {
          ...appA(Networking.EXTERNAL_NAME),
          workload: WorkloadKind.STATEFUL_SET,
          dependencies: [
            { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db-config' }, data: { 'db.conf': 'x = 1' } },
            { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'db' } },
          ],
          podTemplate: {
            metadata: { labels: { tier: 'data' } },
            spec: {
              serviceAccountName: 'db',
              containers: [
                { name: 'db', readinessProbe: { tcpSocket: { port: 7070 } }, volumeMounts: [{ name: 'data', mountPath: '/var/lib/db' }, { name: 'cfg', mountPath: '/etc/db' }] },
                { name: 'exporter', image: 'prom/exporter:1.0', ports: [{ name: 'metrics', containerPort: 9187 }] },
              ],
              initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
              volumes: [{ name: 'cfg', configMap: { name: 'db-config' } }],
              tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
              topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'db' } } }],
            },
          },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        },
      },
      twoClusters(),
    ],
    [
      'autoscalers and disruption budgets (divided Deployment, duplicated StatefulSet)',
      {
        'app-a': appA(Networking.ISTIO, {
          replicas: 4,
          scheduling: { type: ReplicaScheduling.DIVIDED },
          placements: [new ActivePlacement({ clusters: ['prodc', 'localproda'] })],
          autoscaling: {
            minReplicas: 2,
            maxReplicas: 10,
            cpuUtilization: 70,
            memoryUtilization: 80,
            metrics: [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } }],
            behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
          },
          disruptionBudget: { maxUnavailablePercent: 25 },
        }),
        db: { ...appA(Networking.EXTERNAL_NAME), workload: WorkloadKind.STATEFUL_SET, replicas: 3, autoscaling: { minReplicas: 3, maxReplicas: 6 }, disruptionBudget: { minAvailable: 2 } },
      },
      twoClusters(),
    ],
    ['MCS v1beta1', { 'app-a': appA(Networking.ISTIO) }, twoClusters().map((c) => ({ ...c, mcs: { apiVersion: McsApiVersion.V1BETA1 } }))],
  ];
  test.each(cases)('%s', (_name, services, clusters) => {
    expectValidAgainstSchemas(everyManifest(plan(services, clusters)));
  });

  test('a broken autoscaler or budget is caught, so the case above can fail', () => {
    const manifests = everyManifest(plan(cases.find(([name]) => name.startsWith('autoscalers'))?.[1] ?? {}, twoClusters()));
    const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler') as Record<string, any>;
    const pdb = manifests.find((m) => m.kind === 'PodDisruptionBudget') as Record<string, any>;
    expect(() => expectValidAgainstSchemas([{ ...hpa, spec: { ...hpa.spec, minReplicas: '2' } }])).toThrow(/HorizontalPodAutoscaler ns\/app-a/);
    expect(() => expectValidAgainstSchemas([{ ...pdb, spec: { ...pdb.spec, selector: 'app' } }])).toThrow(/PodDisruptionBudget ns\/app-a/);
  });

  test('random fleets', () => {
    const modes = [Networking.ENDPOINT_SLICE, Networking.ISTIO, Networking.EXTERNAL_NAME];
    fc.assert(
      fc.property(fc.nat(2), fc.boolean(), fc.integer({ min: 1, max: 3 }), (mode, strictChoice, ports) => {
        // EXTERNAL_NAME towards STRICT mTLS is refused (Istio applies no DestinationRule to an alias).
        const strict = strictChoice && modes[mode] !== Networking.EXTERNAL_NAME;
        const clusters = twoClusters().map((c) => ({ ...c, mesh: { network: c.name, ...(strict ? { mtls: MeshMtls.STRICT } : {}) } }));
        const services = {
          api: {
            ...appA(),
            ports: ['http', 'grpc-api', 'tcp-admin'].slice(0, ports).map((name, i) => ({ name, port: 8000 + i })),
            placements: [new ActivePlacement({ clusters: ['prodc'] }), new PlaceholderPlacement({ clusters: ['localproda'], networking: modes[mode] })],
          },
        };
        expectValidAgainstSchemas(everyManifest(plan(services, clusters)));
      }),
      { numRuns: 20 },
    );
  });
});

describe('the typed bindings in imports/ produce valid objects', () => {
  test('ServiceExport v1alpha1 and v1beta1, ServiceImport', () => {
    expectValidAgainstSchemas([
      ServiceExport.manifest({ metadata: { name: 'app-a', namespace: 'ns' } }),
      ServiceExportV1Beta1.manifest({ metadata: { name: 'app-a', namespace: 'ns' }, spec: { exportedLabels: { tier: 'web' } } }),
      ServiceImport.manifest({ metadata: { name: 'app-a', namespace: 'ns' }, spec: { type: ServiceImportSpecType.CLUSTER_SET_IP, ports: [{ name: 'http', port: 7070, protocol: 'TCP' }], ips: ['243.1.0.4'] } }),
    ]);
  });

  test('an invalid object is caught, so the checks above can fail', () => {
    const [service] = everyManifest(plan({ 'app-a': appA() })).filter((m) => m.kind === 'Service');
    const broken = { ...service, spec: { ...(service.spec as object), ports: [{ name: 'http', port: 'seventy' }] } };
    expect(() => expectValidAgainstSchemas([broken])).toThrow(/Service ns\/app-a/);
  });
});
