// Issue 10's acceptance program, as written there, in the cdk8s flavour, the Pulumi flavour and with the
// pods handed over as a cdk8s-plus-27 Deployment: the same objects per cluster, all schema-valid, every pod
// within the restricted profile.
import type * as pulumi from '@pulumi/pulumi';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as cdk8s from '../../lib';
import * as flavour from '../../lib/pulumi';
import { installMocks, settle } from '../pulumi/mocks';
import { podSecurityFailures, podTemplatesOf } from '../support/pod-security-standards';
import { expectValidAgainstSchemas } from '../support/schema';
import { ISSUE_10_DEPENDENCIES, ISSUE_10_POD_TEMPLATE } from '../support/issue-10';

const registered = installMocks();
type Obj = Record<string, any>;

const clusters = ['a', 'b', 'c'].map((name, i) => ({
  name,
  serviceCidr: `10.${96 + i * 16}.0.0/16`,
  podCidr: `10.${200 + i * 8}.0.0/16`,
  mesh: { network: `net-${name}` },
}));
const namespaces = [{ name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } }];

/** The service of the program; `pods` is its podTemplate, or the cdk8s-plus workload standing for it. */
function web(Placements: typeof cdk8s | typeof flavour, pods: Partial<cdk8s.MultiClusterServiceProps>) {
  return {
    namespace: 'shop',
    image: 'team/web:2.0.0',
    replicas: 9,
    ports: [{ name: 'http', port: 8080 }],
    scheduling: { type: cdk8s.ReplicaScheduling.DIVIDED, preferences: { a: { weight: 2 }, b: { weight: 1 } } },
    ...pods,
    ...ISSUE_10_DEPENDENCIES,
    autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 70 },
    disruptionBudget: { maxUnavailable: 1 },
    placements: [new Placements.ActivePlacement({ clusters: ['a', 'b'] }), new Placements.PlaceholderPlacement({ clusters: ['c'], networking: cdk8s.Networking.ISTIO })],
  };
}

const podTemplate = ISSUE_10_POD_TEMPLATE;

function synthCdk8s(pods: (scratch: Chart) => Partial<cdk8s.MultiClusterServiceProps>): Record<string, Obj[]> {
  const app = Testing.app();
  const scratch = new Chart(app, 'scratch');
  const fleet = new cdk8s.ClusterSet(app, 'fleet', { clusters, namespaces });
  new cdk8s.MultiClusterService(fleet, 'web', web(cdk8s, pods(scratch)) as cdk8s.MultiClusterServiceProps);
  app.synth();
  return Object.fromEntries(clusters.map((c) => [c.name, fleet.chart(c.name).toJson() as Obj[]]));
}

const kindsIn = (objects: Obj[]) => objects.map((o) => `${o.kind} ${o.metadata.name}`).sort();

describe("issue 10's acceptance program", () => {
  const byCluster = synthCdk8s(() => ({ podTemplate }));

  test('a and b run the workload with autoscalers bounded 2–8 and 1–4, budgets and dependencies; c holds it at 0 with its dependencies only', () => {
    const hpa = (cluster: string) => byCluster[cluster].find((o) => o.kind === 'HorizontalPodAutoscaler');
    expect([hpa('a')?.spec.minReplicas, hpa('a')?.spec.maxReplicas]).toEqual([2, 8]);
    expect([hpa('b')?.spec.minReplicas, hpa('b')?.spec.maxReplicas]).toEqual([1, 4]);
    for (const cluster of ['a', 'b']) {
      expect(kindsIn(byCluster[cluster])).toEqual(expect.arrayContaining(['ConfigMap web-config', 'ServiceAccount web', 'PodDisruptionBudget web', 'HorizontalPodAutoscaler web', 'Deployment web']));
      expect(byCluster[cluster].find((o) => o.kind === 'Deployment')?.spec).not.toHaveProperty('replicas');
    }
    expect(kindsIn(byCluster.c)).toEqual(expect.arrayContaining(['ConfigMap web-config', 'ServiceAccount web', 'Deployment web']));
    expect(byCluster.c.filter((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(byCluster.c.find((o) => o.kind === 'Deployment')?.spec.replicas).toBe(0);
  });

  test('every object is schema-valid and every pod passes the restricted profile', () => {
    const all = Object.values(byCluster).flat();
    expectValidAgainstSchemas(all);
    const pods = podTemplatesOf(all);
    expect(pods.length).toBe(3);
    for (const { object, template } of pods) expect([object, podSecurityFailures(template, 'restricted')]).toEqual([object, []]);
  });

  test('a missing dependency fails with the field path and the cluster', () => {
    const app = Testing.app();
    const fleet = new cdk8s.ClusterSet(app, 'fleet', { clusters, namespaces });
    const props = web(cdk8s, { podTemplate }) as cdk8s.MultiClusterServiceProps;
    new cdk8s.MultiClusterService(fleet, 'web', { ...props, externalDependencies: [] });
    let problems: string[] = [];
    try {
      app.synth();
    } catch (error) {
      problems = cdk8s.ClusterSetErrors.problemsOf(error);
    }
    expect(problems).toContainEqual(expect.stringContaining('fleet/web: cluster "a": spec.template.spec.containers[0].envFrom[0].secretRef.name refers to Secret "web-secrets"'));
  });

  test('the same service given as a cdk8s-plus-27 Deployment produces the same objects', () => {
    const handed = synthCdk8s((scratch) => {
      const deployment = new kplus.Deployment(scratch, 'web', { containers: [{ image: 'team/web:2.0.0' }] });
      // cdk8s-plus renders the pod its own way (defaults, probes); the podTemplate it stands for is its template.
      return { workloadTemplate: deployment };
    });
    const app = new App();
    const twin = new kplus.Deployment(new Chart(app, 'twin'), 'web', { containers: [{ image: 'team/web:2.0.0' }] });
    const template = (ApiObject.of(twin).toJson() as Obj).spec.template;
    delete template.metadata.labels['cdk8s.io/metadata.addr'];
    if (Object.keys(template.metadata.labels).length === 0) delete template.metadata.labels;
    const asTemplate = synthCdk8s(() => ({ podTemplate: template }));
    expect(handed).toEqual(asTemplate);
  });

  test('the Pulumi flavour creates the same objects in each cluster', async () => {
    const fleet = new flavour.ClusterSet('fleet', { clusters: clusters.map((c) => ({ ...c, context: c.name })), namespaces });
    const service = new flavour.MultiClusterService('web', { clusterSet: fleet, name: 'web', ...web(flavour, { podTemplate }) } as flavour.MultiClusterServiceArgs);
    await settle([...service.resources.values()].map((r) => r.urn as pulumi.Output<unknown>));
    for (const cluster of ['a', 'b', 'c']) {
      const created = registered.filter((r) => r.name.startsWith(`fleet/${cluster}/`) && !r.type.startsWith('pulumi:')).map((r) => `${r.inputs.kind} ${r.inputs.metadata.name}`);
      expect(created.sort()).toEqual(kindsIn(byCluster[cluster]));
    }
  });
});
