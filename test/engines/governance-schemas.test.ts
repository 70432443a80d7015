// Schema sweep (issue 12): a fleet using every governance and monitoring option, synthesized with each delivery
// engine, every emitted object (cluster folders and hub alike) validated against its real schema.
import YAML from 'yaml';
import { AdmissionEnforcement, AlertmanagerScheme, ClusterSet, ClusterSetApp, Delivery, FleetGovernance, FleetMonitoring, type IDeliveryEngine, MeshMtls, MultiClusterService } from '../../lib';
import { governanceClusters } from '../../examples/governance/fleet';
import { GOVERNED_NAMESPACE, governanceServices } from '../../examples/governance/services';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { propagateKarmada } from '../support/karmada-propagation';
import { expectValidAgainstSchemas } from '../support/schema';

type Obj = Record<string, any>;

const REPO = 'https://git.example.com/platform/sweep.git';
const CLUSTERS = governanceClusters.map((c) => (c.name === 'cluster-b' && c.mesh ? { ...c, mesh: { ...c.mesh, mtls: MeshMtls.STRICT } } : c));
const ENGINES: ReadonlyArray<[string, () => IDeliveryEngine]> = [
  ['Direct', () => Delivery.direct()],
  ['Argo CD', () => Delivery.argoCd({ repoURL: REPO, path: 'dist/sweep' })],
  ['Flux', () => Delivery.flux({ repoURL: REPO, path: 'dist/sweep' })],
  ['KubeVela', () => Delivery.kubeVela()],
  ['Karmada', () => Delivery.karmada()],
];

/**
 * The example's fleet with every option set (STRICT in one mesh, every prop of governance and monitoring): each
 * output folder's objects (the hub's included), and what the member clusters receive from a hub engine.
 */
function everything(delivery: IDeliveryEngine): { output: Obj[]; members: Obj[] } {
  const app = new ClusterSetApp({ outdir: '/nonexistent-never-written' });
  const fleet = new ClusterSet(app, 'fleet', { clusters: CLUSTERS, delivery });
  for (const [id, options] of Object.entries(governanceServices)) new MultiClusterService(fleet, id, options);
  new FleetGovernance(fleet, 'guardrails', {
    namespaces: [GOVERNED_NAMESPACE],
    limits: { default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '200m', memory: '256Mi' }, max: { cpu: '2', memory: '2Gi' } },
    quota: { requestsCpu: '4', requestsMemory: '4Gi', limitsCpu: '8', limitsMemory: '8Gi', pods: 20, allowLoadBalancers: true, allowNodePorts: true },
    clusterOverrides: { 'cluster-a': { limits: { max: { memory: '4Gi' } }, quota: { requestsCpu: '8', pods: 50 } } },
    admission: {
      disallowHostPath: true,
      allowedRegistries: true,
      requireLimits: true,
      maxCpu: '2',
      maxMemory: '4Gi',
      requireProbes: true,
      requiredLabels: ['team'],
      enforcementAction: AdmissionEnforcement.WARN,
      libraryRevision: '5c441fb645f257b2c428fe9aea22da24a94b5bab',
    },
    mesh: { strictMtls: true, authorizeCallers: true },
    networkPolicies: { defaultDeny: true },
    ingressFrom: { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' }, cidrs: ['198.51.100.11/32', '192.0.2.21/32'], serviceAccount: 'ingress-nginx' },
  });
  new FleetMonitoring(fleet, 'monitoring', {
    environment: 'prod',
    remoteWrite: { url: 'https://metrics.example.com/api/v1/write', dropReplicaLabel: true },
    alertmanagers: [{ name: 'alertmanager' }, { name: 'alertmanager-main', namespace: 'alerting', port: 'https', scheme: AlertmanagerScheme.HTTPS }],
    namespace: 'observability',
    serviceMonitorLabel: { key: 'example.com/scraped-by', value: 'fleet' },
    replicas: 2,
  });
  const folders = Object.fromEntries(app.render().map((f) => [f.folder, f.files.filter((file) => file.file !== 'kustomization.yaml').flatMap((file) => YAML.parseAllDocuments(file.yaml).map((d) => d.toJS() as Obj))]));
  const output = Object.values(folders).flat();
  // The folder engines (direct, Argo CD, Flux) apply each cluster's folder; KubeVela and Karmada deliver from the hub.
  if (delivery.clusterFolders) return { output, members: CLUSTERS.flatMap((c) => folders[c.name] ?? []) };
  const delivered = delivery.name === 'Delivery.kubeVela()' ? deliverKubeVela(folders.hub ?? [], CLUSTERS) : propagateKarmada(folders.hub ?? [], CLUSTERS);
  expect(delivered.problems).toEqual([]);
  return { output, members: Object.values(delivered.objects).flat() };
}

describe('every governance and monitoring option, through every engine', () => {
  test.each(ENGINES)('%s: every emitted object is valid against its schema', (_, engine) => {
    const { output, members } = everything(engine());
    expectValidAgainstSchemas(output);
    expect(members.length).toBeGreaterThan(40);
    expectValidAgainstSchemas(members);
    // What the options write reaches the clusters, so the sweep validates it.
    const kinds = new Set(members.map((o) => o.kind));
    for (const kind of ['LimitRange', 'ResourceQuota', 'PeerAuthentication', 'AuthorizationPolicy', 'NetworkPolicy', 'Prometheus', 'K8sAllowedRepos', 'K8sContainerLimits', 'K8sRequiredProbes', 'K8sRequiredLabels', 'K8sPSPHostFilesystem']) {
      expect([kind, kinds.has(kind)]).toEqual([kind, true]);
    }
  });
});
