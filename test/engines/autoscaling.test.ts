// Every engine carries the autoscalers and budgets to the clusters that run the service, and tells its
// tool to leave the replicas to the autoscaler: Argo CD ignoreDifferences, Karmada's retained replicas,
// KubeVela apply-once; direct and Flux folders carry the plan as it is (the workload has no replicas).
import { parse } from 'yaml';
import {
  ActivePlacement,
  type ClusterProps,
  ClusterSet,
  ClusterSetApp,
  Delivery,
  type FleetPlan,
  MultiClusterService,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  PodSecurityLevel,
  ReplicaScheduling,
} from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { applicationSet } from '../../lib/engines/argocd';
import { autoscaledWorkloads } from '../../lib/engines/autoscaled';
import { karmadaObjects, RETAIN_REPLICAS_LABEL } from '../../lib/engines/karmada';
import { kubeVelaApplications } from '../../lib/engines/kubevela';
import { propagateKarmada } from '../support/karmada-propagation';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { expectValidAgainstSchemas } from '../support/schema';
import { readTree, removeDir, tempDir } from '../support/files';

type Obj = Record<string, any>;

const clusters: ClusterProps[] = ['a', 'b', 'c'].map((name, i) => ({ name, labels: { region: name }, serviceCidr: `10.${i * 16}.0.0/16`, podCidr: `10.${128 + i * 16}.0.0/16`, mesh: { network: name } }));

function web(divided: boolean, extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions {
  return {
    namespace: 'shop',
    image: 'team/web:2.0.0',
    replicas: 9,
    ports: [{ name: 'http', port: 8080 }],
    ...(divided ? { scheduling: { type: ReplicaScheduling.DIVIDED, preferences: { a: { weight: 2 }, b: { weight: 1 } } } } : {}),
    autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 70 },
    disruptionBudget: { maxUnavailable: 1 },
    placements: [new ActivePlacement({ clusters: ['a', 'b'] }), new PlaceholderPlacement({ clusters: ['c'], networking: Networking.EXTERNAL_NAME })],
    ...extra,
  };
}

const planOf = (options: MultiClusterServiceOptions, delivery = Delivery.direct()): FleetPlan =>
  planFleet({ path: 'fleet', clusters, services: [{ path: 'fleet/web', name: 'web', options }] }, { delivery });
const kinds = (objects: readonly Obj[] | undefined) => (objects ?? []).map((o) => o.kind).sort();
const workload = (objects: readonly Obj[] | undefined) => (objects ?? []).find((o) => o.kind === 'Deployment');
const bounds = (objects: readonly Obj[] | undefined) => (objects ?? []).filter((o) => o.kind === 'HorizontalPodAutoscaler').map((h) => `${h.spec.minReplicas}-${h.spec.maxReplicas}`);

describe('Argo CD', () => {
  const gitops = { repoURL: 'https://git.example.com/fleet.git' };

  test('ignoreDifferences on /spec/replicas of each autoscaled workload, without RespectIgnoreDifferences (placeholders still sync replicas: 0)', () => {
    const set = applicationSet('fleet', clusters, gitops, autoscaledWorkloads(planOf(web(true)))) as Obj;
    expect(set.spec.template.spec.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'shop', jsonPointers: ['/spec/replicas'] }]);
    expect(set.spec.template.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true } });
    expectValidAgainstSchemas([set]);
  });

  test('no autoscaler, no ignoreDifferences: the ApplicationSet is as before', () => {
    const set = applicationSet('fleet', clusters, gitops, autoscaledWorkloads(planOf(web(true, { autoscaling: undefined })))) as Obj;
    expect(set.spec.template.spec).not.toHaveProperty('ignoreDifferences');
    expect(set).toEqual(applicationSet('fleet', clusters, gitops));
  });

  test("the cluster folders carry the plan: a and b the workload without replicas, its autoscaler and budget; c the workload at 0", () => {
    const delivered = Delivery.argoCd(gitops).deliver({ fleetName: 'fleet', clusters, plan: planOf(web(true)) });
    const byCluster = Object.fromEntries((delivered.clusters ?? []).map((c) => [c.cluster, c.objects as Obj[]]));
    expect([bounds(byCluster.a), bounds(byCluster.b), bounds(byCluster.c)]).toEqual([['2-8'], ['1-4'], []]);
    expect([workload(byCluster.a)?.spec.replicas, workload(byCluster.c)?.spec.replicas]).toEqual([undefined, 0]);
    expect(kinds(byCluster.c)).not.toContain('PodDisruptionBudget');
  });
});

describe('Flux and direct folders', () => {
  test.each([
    ['Flux', Delivery.flux({ repoURL: 'https://git.example.com/fleet.git' })],
    ['direct', Delivery.direct()],
  ])('%s: each cluster folder holds what the plan gives it', (_name, engine) => {
    const plan = planOf(web(false));
    const delivered = engine.deliver({ fleetName: 'fleet', clusters, plan });
    expect((delivered.clusters ?? []).map((c) => c.objects)).toEqual(plan.clusters.map((c) => c.objects.map((o) => o.manifest)));
    expect((delivered.clusters ?? []).map((c) => bounds(c.objects as Obj[]))).toEqual([['3-12'], ['3-12'], []]);
  });
});

describe('Karmada', () => {
  test.each([true, false])('divided %s: members get the autoscalers with their own bounds, the budgets, and the workload labelled to retain its replicas', (divided) => {
    const hub = karmadaObjects(planOf(web(divided), Delivery.karmada()));
    expectValidAgainstSchemas(hub.filter((o) => !o.apiVersion.startsWith('policy.karmada.io')) as unknown as Obj[]);
    const delivered = propagateKarmada(hub, clusters);
    expect(delivered.problems).toEqual([]);
    expect([bounds(delivered.objects.a), bounds(delivered.objects.b), bounds(delivered.objects.c)]).toEqual(divided ? [['2-8'], ['1-4'], []] : [['3-12'], ['3-12'], []]);
    for (const c of ['a', 'b']) {
      expect(kinds(delivered.objects[c])).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Namespace', 'PodDisruptionBudget', 'Service', 'ServiceExport']);
      expect(workload(delivered.objects[c])?.metadata.labels[RETAIN_REPLICAS_LABEL]).toBe('true');
    }
    // Karmada starts each member from its planned share (it needs a count to schedule), then retains it.
    expect([workload(delivered.objects.a)?.spec.replicas, workload(delivered.objects.b)?.spec.replicas]).toEqual(divided ? [6, 3] : [9, 9]);
    // A divided workload reaches no placeholder (Karmada propagates it only where it has replicas); a duplicated one arrives at 0, without the label.
    const placeholder = workload(delivered.objects.c);
    if (divided) expect(placeholder).toBeUndefined();
    else expect([placeholder?.spec.replicas, placeholder?.metadata.labels?.[RETAIN_REPLICAS_LABEL]]).toEqual([0, undefined]);
  });

  test('an update keeps the count each autoscaler reached, and still scales a placeholder scaled by hand back to 0', () => {
    const hub = karmadaObjects(planOf(web(false), Delivery.karmada()));
    const first = propagateKarmada(hub, clusters);
    const scaled = (cluster: string, replicas: number) => first.objects[cluster].map((o) => (o.kind === 'Deployment' ? { ...o, spec: { ...o.spec, replicas } } : o));
    const again = propagateKarmada(hub, clusters, { a: scaled('a', 11), b: scaled('b', 4), c: scaled('c', 2) });
    expect(['a', 'b', 'c'].map((c) => workload(again.objects[c])?.spec.replicas)).toEqual([11, 4, 0]);
  });

  test('without autoscaling the workload has no retain label and its replicas are Karmada\'s', () => {
    const hub = karmadaObjects(planOf(web(false, { autoscaling: undefined, replicas: 2 }), Delivery.karmada()));
    expect(hub.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.labels?.[RETAIN_REPLICAS_LABEL])).toEqual([undefined]);
    const first = propagateKarmada(hub, clusters);
    const again = propagateKarmada(hub, clusters, { a: first.objects.a.map((o) => (o.kind === 'Deployment' ? { ...o, spec: { ...o.spec, replicas: 5 } } : o)) });
    expect(workload(again.objects.a)?.spec.replicas).toBe(2);
  });
});

describe('KubeVela', () => {
  test.each([true, false])('divided %s: an apply-once policy keeps the live replicas of the workload; the members get what the plan says', (divided) => {
    const plan = planOf(web(divided), Delivery.kubeVela());
    const [app] = kubeVelaApplications(plan) as Obj[];
    expect(app.spec.policies.filter((p: Obj) => p.type === 'apply-once')).toEqual([
      { name: 'apply-once-replicas', type: 'apply-once', properties: { enable: true, rules: [{ selector: { componentNames: ['web'], resourceTypes: ['Deployment'] }, strategy: { path: ['spec.replicas'] } }] } },
    ]);
    // The workload component renders without replicas (no scaler trait); the placeholder's scale-down adds one at 0.
    expect(app.spec.components[0].traits).toBeUndefined();
    const delivered = deliverKubeVela([app], clusters);
    expect(delivered.problems).toEqual([]);
    expect([bounds(delivered.objects.a), bounds(delivered.objects.b), bounds(delivered.objects.c)]).toEqual(divided ? [['2-8'], ['1-4'], []] : [['3-12'], ['3-12'], []]);
    expect(['a', 'b', 'c'].map((c) => workload(delivered.objects[c])?.spec.replicas)).toEqual([undefined, undefined, 0]);
    expect(kinds(delivered.objects.c)).not.toContain('PodDisruptionBudget');
  });

  test('without autoscaling: no apply-once policy, and the scaler trait as before', () => {
    // Only a pod written as the template says (PRIVILEGED) is a KubeVela webservice, whose replicas the scaler trait carries.
    const [app] = kubeVelaApplications(planOf(web(false, { autoscaling: undefined, replicas: 2, podSecurity: PodSecurityLevel.PRIVILEGED }), Delivery.kubeVela())) as Obj[];
    expect(app.spec.policies.filter((p: Obj) => p.type === 'apply-once')).toEqual([]);
    expect(app.spec.components[0].traits).toEqual([{ type: 'scaler', properties: { replicas: 2 } }]);
  });
});

describe('through the cdk8s flavour', () => {
  test('ClusterSetApp with Argo CD writes each autoscaler after its workload and the ignoreDifferences on the hub', () => {
    const outdir = tempDir('autoscaling');
    try {
      const app = new ClusterSetApp({ outdir });
      const fleet = new ClusterSet(app, 'fleet', { clusters, delivery: Delivery.argoCd({ repoURL: 'https://git.example.com/fleet.git' }) });
      new MultiClusterService(fleet, 'web', web(true));
      app.synth();
      const files = readTree(outdir);
      expect(Object.keys(files).filter((f) => f.startsWith('a/'))).toEqual([
        'a/0-Namespace.shop.k8s.yaml',
        'a/1-Deployment.shop.web.k8s.yaml',
        'a/1-Service.shop.web.k8s.yaml',
        'a/2-HorizontalPodAutoscaler.shop.web.k8s.yaml',
        'a/2-PodDisruptionBudget.shop.web.k8s.yaml',
        'a/2-ServiceExport.shop.web.k8s.yaml',
        'a/kustomization.yaml',
      ]);
      expect(Object.keys(files).filter((f) => f.startsWith('c/') && /Horizontal|Disruption/.test(f))).toEqual([]);
      const deployment = parse(files['a/1-Deployment.shop.web.k8s.yaml']) as Obj;
      expect(deployment.spec).not.toHaveProperty('replicas');
      expect((parse(files['c/1-Deployment.shop.web.k8s.yaml']) as Obj).spec.replicas).toBe(0);
      expect(parse(files['a/2-HorizontalPodAutoscaler.shop.web.k8s.yaml']).spec).toMatchObject({ minReplicas: 2, maxReplicas: 8 });
      const [set] = Object.entries(files).filter(([f]) => f.startsWith('hub/')).map(([, content]) => parse(content) as Obj);
      expect(set.spec.template.spec.ignoreDifferences).toEqual([{ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'shop', jsonPointers: ['/spec/replicas'] }]);
    } finally {
      removeDir(outdir);
    }
  });
});
