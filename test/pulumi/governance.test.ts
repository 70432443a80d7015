// Issue 12 in the Pulumi flavour: FleetGovernance and FleetMonitoring, constructed after the services, plan the
// whole fleet with every check of the cdk8s flavour and create what the services did not.
import type * as pulumi from '@pulumi/pulumi';
import * as cdk8s from '../../lib';
import * as flavour from '../../lib/pulumi';
import type { ClusterProps, GovernanceProps, MonitoringProps, MultiClusterServiceOptions } from '../../lib';
import { expectValidAgainstSchemas } from '../support/schema';
import { installMocks, settle } from './mocks';
import { ISSUE_12_CLUSTERS, ISSUE_12_GUARDRAILS, ISSUE_12_MONITORING, issue12Service } from '../support/issue-12';
import { governanceClusters } from '../../examples/governance/fleet';
import { governanceGuardrails, governanceMonitoring } from '../../examples/governance/governance';
import { governanceServices } from '../../examples/governance/services';

const registered = installMocks();
/** Issue 12's acceptance program, as written there. */
const CLUSTERS = ISSUE_12_CLUSTERS;
const SERVICES: Record<string, MultiClusterServiceOptions> = { web: issue12Service('web'), orders: issue12Service('orders', { callers: ['web'] }) };
const GUARDRAILS = ISSUE_12_GUARDRAILS;
const MONITORING = ISSUE_12_MONITORING;
const body = issue12Service;

type Obj = Record<string, any>;

/** The program in the cdk8s flavour, each cluster's objects as synthesized. */
function viaCdk8s(services = SERVICES, governance: GovernanceProps[] = [GUARDRAILS], monitoring: MonitoringProps[] = [MONITORING], clusters = CLUSTERS, fleetId = 'fleet'): Record<string, Obj[]> {
  // Its Gatekeeper templates go into kustomization.yaml, which only ClusterSetApp writes; nothing is written here.
  const app = new cdk8s.ClusterSetApp({ outdir: 'not-written' });
  const fleet = new cdk8s.ClusterSet(app, fleetId, { clusters });
  for (const [name, options] of Object.entries(services)) new cdk8s.MultiClusterService(fleet, name, options);
  governance.forEach((props, i) => new cdk8s.FleetGovernance(fleet, i === 0 ? 'guardrails' : `guardrails${i}`, props));
  monitoring.forEach((props) => new cdk8s.FleetMonitoring(fleet, 'monitoring', props));
  return Object.fromEntries(clusters.map((c) => [c.name, fleet.chart(c.name).toJson() as Obj[]]));
}

let run = 0;

/** The program in the Pulumi flavour on a fresh fleet; the components, once every resource is registered. */
async function viaPulumi(
  name = `gov${run++}`,
  services = SERVICES,
  governance: GovernanceProps[] = [GUARDRAILS],
  monitoring: MonitoringProps[] = [MONITORING],
  clusters = CLUSTERS,
): Promise<{ name: string; parts: Array<flavour.FleetGovernance | flavour.FleetMonitoring> }> {
  const clusterSet = new flavour.ClusterSet(name, { clusters });
  const deployed = Object.entries(services).map(([id, options]) => new flavour.MultiClusterService(id, { ...options, name: id, clusterSet }));
  const parts = [
    ...governance.map((props, i) => new flavour.FleetGovernance(i === 0 ? 'guardrails' : `guardrails${i}`, { ...props, clusterSet })),
    ...monitoring.map((props) => new flavour.FleetMonitoring('monitoring', { ...props, clusterSet })),
  ];
  await settle([...deployed, ...parts].flatMap((c) => [...c.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
  return { name, parts };
}

/** Every Kubernetes object registered for fleet `name` in `cluster`, as its inputs. */
const inCluster = (name: string, cluster: string): Obj[] => registered.filter((r) => r.type.startsWith('kubernetes:') && r.provider?.includes(`::${name}-${cluster}::`)).map((r) => r.inputs);

/** An object without what the API server gives (a Service's ClusterIP: the cdk8s flavour allocates one, Pulumi reads it back). */
function comparable(o: Obj): Obj {
  if (o.kind !== 'Service' || o.spec?.clusterIP === undefined || o.spec.clusterIP === 'None') return o;
  const { clusterIP: _clusterIP, ...spec } = o.spec;
  return { ...o, spec };
}
const byKey = (objects: Obj[]) => Object.fromEntries(objects.map((o) => [`${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, comparable(o)]));

describe('issue 12 in the Pulumi flavour', () => {
  test('the governance example (design document 002: overrides per cluster, trust domains, ingressFrom, Thanos) creates the objects the cdk8s flavour writes', async () => {
    const services = Object.fromEntries(Object.entries(governanceServices).map(([id, options]) => [id, { ...options }]));
    const { name } = await viaPulumi(`example${run++}`, services, [governanceGuardrails], [governanceMonitoring], governanceClusters);
    const written = viaCdk8s(services, [governanceGuardrails], [governanceMonitoring], governanceClusters, name);
    for (const cluster of governanceClusters.map((c) => c.name)) {
      const objects = inCluster(name, cluster);
      expect(byKey(objects)).toEqual(byKey(written[cluster]));
      expectValidAgainstSchemas(objects);
      // The ingress controller and Prometheus are admitted by their own NetworkPolicies under default deny.
      const policies = objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name);
      expect(policies).toEqual(expect.arrayContaining([expect.stringMatching(/-ingress$/), expect.stringMatching(/-metrics$/)]));
    }
  });

  test('the acceptance program creates in each cluster the objects the cdk8s flavour writes, every one schema-valid', async () => {
    const { name, parts } = await viaPulumi('fleet');
    const written = viaCdk8s();
    for (const cluster of ['east', 'west']) {
      const objects = inCluster(name, cluster);
      expect(byKey(objects)).toEqual(byKey(written[cluster]));
      expectValidAgainstSchemas(objects);
      const kinds = new Set(objects.map((o) => o.kind));
      for (const kind of ['LimitRange', 'ResourceQuota', 'PeerAuthentication', 'AuthorizationPolicy', 'NetworkPolicy', 'Prometheus', 'K8sAllowedRepos', 'K8sRequiredLabels']) expect([cluster, kind, kinds.has(kind)]).toEqual([cluster, kind, true]);
    }
    const [guardrails, monitoring] = parts as [flavour.FleetGovernance, flavour.FleetMonitoring];
    // The ConstraintTemplates by reference, per cluster, as the cdk8s flavour lists them in kustomization.yaml.
    expect(Object.keys(guardrails.constraintTemplates)).toEqual(['east', 'west']);
    expect(guardrails.constraintTemplates.east.every((u) => u.startsWith('https://raw.githubusercontent.com/open-policy-agent/gatekeeper-library/'))).toBe(true);
    expect(guardrails.constraintTemplates.east).toHaveLength(5);
    expect(guardrails.objects.east).toEqual(expect.arrayContaining(['LimitRange shop/clusterset-limits', 'AuthorizationPolicy shop/orders-callers']));
    expect(monitoring.objects.east).toEqual(expect.arrayContaining(['Prometheus monitoring/clusterset']));
    // Children of their component under the cluster's Provider, each after its Namespace: the monitoring namespace, which no
    // service brought, is created as the ClusterSet's.
    const prometheus = registered.find((r) => r.name === 'fleet/east/monitoring/clusterset' && r.inputs.kind === 'Prometheus');
    expect(prometheus?.parent).toMatch(/clusterset:index:FleetMonitoring::monitoring$/);
    expect(prometheus?.provider).toMatch(/::fleet-east::/);
    expect(prometheus?.dependencies).toEqual(expect.arrayContaining([expect.stringMatching(/kubernetes:core\/v1:Namespace::fleet\/east\/monitoring$/)]));
    expect(registered.find((r) => r.name === 'fleet/east/monitoring' && r.type === 'kubernetes:core/v1:Namespace')?.parent).toMatch(/clusterset:index:ClusterSet::fleet$/);
    const constraint = registered.find((r) => r.name === 'fleet/east/fleet-guardrails' && r.inputs.kind === 'K8sAllowedRepos');
    expect(constraint?.parent).toMatch(/clusterset:index:FleetGovernance::guardrails$/);
  });
});

/** The problems of a construction refused with a ClusterSetValidationError. */
function refusal(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof flavour.ClusterSetValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ClusterSetValidationError');
}

describe('whole-fleet governance in the Pulumi flavour', () => {
  test('a quota the namespace’s services exceed is refused naming them, as in the cdk8s flavour, before anything of the governance is registered', async () => {
    const name = `quota${run++}`;
    const clusterSet = new flavour.ClusterSet(name, { clusters: CLUSTERS });
    for (const [id, options] of Object.entries(SERVICES)) new flavour.MultiClusterService(id, { ...options, name: id, clusterSet });
    const tight: GovernanceProps = { ...GUARDRAILS, quota: { ...GUARDRAILS.quota, requestsCpu: '300m' } };
    const problems = refusal(() => new flavour.FleetGovernance('tight', { ...tight, clusterSet }));
    expect(problems.join('\n')).toMatch(/quota/);
    expect(problems.join('\n')).toContain('orders');
    // The same problems, word for word, as the cdk8s flavour's (the paths are the same: fleet/tight).
    const cdk8sProblems = refusal(() => {
      const app = new cdk8s.ClusterSetApp({ outdir: 'not-written' });
      const fleet = new cdk8s.ClusterSet(app, name, { clusters: CLUSTERS });
      for (const [id, options] of Object.entries(SERVICES)) new cdk8s.MultiClusterService(fleet, id, options);
      new cdk8s.FleetGovernance(fleet, 'tight', tight);
      app.synth();
    });
    expect(problems).toEqual(cdk8sProblems);
    // Registrations reach the mock engine asynchronously: wait for any before looking.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(registered.filter((r) => r.type === flavour.FleetGovernance.TYPE && r.name === 'tight')).toEqual([]);
    expect(registered.filter((r) => r.type === 'kubernetes:core/v1:ResourceQuota' && r.name.startsWith(`${name}/`))).toEqual([]);
  });

  test('a declared caller that is no service of the fleet is refused once the whole fleet is known', () => {
    const name = `caller${run++}`;
    const clusterSet = new flavour.ClusterSet(name, { clusters: CLUSTERS });
    // Alone, orders cannot know whether "ghost" is constructed later: it is accepted.
    new flavour.MultiClusterService('orders', { ...body('orders'), name: 'orders', callers: ['ghost'], clusterSet });
    new flavour.MultiClusterService('web', { ...body('web'), name: 'web', clusterSet });
    expect(refusal(() => new flavour.FleetGovernance('guardrails', { ...GUARDRAILS, clusterSet }))).toEqual([
      `${name}/orders: callers[0] "ghost" is no service of the fleet (services of namespace "shop": orders, web); declare the caller as a MultiClusterService, or remove it from callers`,
    ]);
  });

  test('a service constructed after the governance of its fleet is refused, saying why and what to do', () => {
    const name = `late${run++}`;
    const clusterSet = new flavour.ClusterSet(name, { clusters: CLUSTERS });
    new flavour.MultiClusterService('web', { ...body('web'), name: 'web', clusterSet });
    new flavour.FleetMonitoring('monitoring', { ...MONITORING, clusterSet });
    expect(refusal(() => new flavour.MultiClusterService('orders', { ...body('orders'), name: 'orders', clusterSet }))).toEqual([
      `${name}/orders: is constructed after ${name}/monitoring, which planned the fleet's services as they were then: its guardrails, rules and monitoring ` +
        `would not count this one; construct every MultiClusterService of ${name} before its FleetGovernance and FleetMonitoring`,
    ]);
  });

  test('two governances of one namespace: limits in both are refused as in the cdk8s flavour; traffic rules add up, and the second creates what it adds', async () => {
    const limits: GovernanceProps = { namespaces: ['shop'], limits: GUARDRAILS.limits };
    const name = `two${run++}`;
    const clusterSet = new flavour.ClusterSet(name, { clusters: CLUSTERS });
    const services = Object.entries(SERVICES).map(([id, options]) => new flavour.MultiClusterService(id, { ...options, name: id, clusterSet }));
    const first = new flavour.FleetGovernance('guardrails', { ...limits, clusterSet });
    expect(refusal(() => new flavour.FleetGovernance('guardrails1', { ...limits, clusterSet }))).toEqual([
      `${name}/guardrails1: sets limits for namespace "shop", which ${name}/guardrails already does (one LimitRange per namespace); give them in one FleetGovernance`,
    ]);
    const rules: GovernanceProps = { namespaces: ['shop'], networkPolicies: { defaultDeny: true } };
    const second = new flavour.FleetGovernance('rules', { ...rules, clusterSet });
    await settle([...services, first, second].flatMap((c) => [...c.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
    expect(second.objects.east).toEqual(['NetworkPolicy shop/clusterset-default-deny', 'NetworkPolicy shop/orders-callers', 'NetworkPolicy shop/web-same-namespace']);
    const written = viaCdk8s(SERVICES, [limits, rules], []);
    for (const cluster of ['east', 'west']) expect(byKey(inCluster(name, cluster))).toEqual(byKey(written[cluster]));
  });
});

describe('the order of the components', () => {
  test('monitoring before governance creates the same objects as the issue’s order, and as the cdk8s flavour', async () => {
    const name = `order${run++}`;
    const clusterSet = new flavour.ClusterSet(name, { clusters: CLUSTERS });
    const services = Object.entries(SERVICES).map(([id, options]) => new flavour.MultiClusterService(id, { ...options, name: id, clusterSet }));
    const monitoring = new flavour.FleetMonitoring('monitoring', { ...MONITORING, clusterSet });
    const guardrails = new flavour.FleetGovernance('guardrails', { ...GUARDRAILS, clusterSet });
    await settle([...services, monitoring, guardrails].flatMap((c) => [...c.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
    const written = viaCdk8s();
    const renamed = (o: Obj) => (o.metadata.name === 'fleet-guardrails' ? { ...o, metadata: { ...o.metadata, name: `${name}-guardrails` } } : o);
    for (const cluster of ['east', 'west']) expect(byKey(inCluster(name, cluster))).toEqual(byKey(written[cluster].map(renamed)));
  });
});

describe('objects created before the whole-fleet plan', () => {
  /** Two services of three replicas each, active in prodc, which has room for four pods: the fleet degrades one of them to one replica. */
  const crowded = (): { clusters: ClusterProps[]; services: Record<string, MultiClusterServiceOptions> } => {
    const clusters: ClusterProps[] = CLUSTERS.map((c) => (c.name === 'east' ? { ...c, allocatable: { pods: 4 } } : c));
    const service = (name: string): MultiClusterServiceOptions => ({ ...body(name), replicas: 3, degrade: { floorPercent: 30 } });
    return { clusters, services: { web: service('web'), orders: service('orders') } };
  };

  test('an object a service created that the whole fleet plans otherwise is refused, naming the object, both values and the fix', () => {
    const { clusters, services } = crowded();
    const name = `crowded${run++}`;
    const clusterSet = new flavour.ClusterSet(name, { clusters });
    // orders first: alone it keeps its three replicas, and web, constructed after, is degraded; the whole fleet degrades orders (namespace/name order).
    for (const id of ['orders', 'web']) new flavour.MultiClusterService(id, { ...services[id], name: id, clusterSet });
    const problems = refusal(() => new flavour.FleetMonitoring('monitoring', { ...MONITORING, clusterSet }));
    expect(problems).toEqual([
      expect.stringContaining(`${name}/monitoring: the whole-fleet plan gives Deployment shop/orders in cluster "east", which ${name}/orders created, other content at spec.replicas: 3 when created, 1 in the whole fleet;`),
      expect.stringContaining(`Deployment shop/web in cluster "east", which ${name}/web created, other content at spec.replicas: 1 when created, 3 in the whole fleet;`),
    ]);
  });

  test('constructed in the order the whole fleet keeps their replicas, the same services are accepted and planned as the cdk8s flavour does', async () => {
    const { clusters, services } = crowded();
    const { name } = await viaPulumi(`crowded${run++}`, { web: services.web, orders: services.orders }, [], [MONITORING], clusters);
    const written = viaCdk8s(services, [], [MONITORING], clusters);
    for (const cluster of ['east', 'west']) expect(byKey(inCluster(name, cluster))).toEqual(byKey(written[cluster]));
  });
});

describe('the components’ own args', () => {
  test('args that are no object, or name no ClusterSet, are refused before anything is registered', () => {
    expect(refusal(() => new flavour.FleetGovernance('g', undefined as never))).toEqual(['g: args must be an object such as { clusterSet, namespaces: [...], limits, quota, ... }, got undefined']);
    expect(refusal(() => new flavour.FleetMonitoring('m', MONITORING as never))).toEqual(["m: clusterSet is required; pass the fleet whose services it governs, such as ClusterSet.fromConfig('fleet')"]);
    expect(refusal(() => new flavour.FleetGovernance('g', { namespaces: ['shop'], clusterSet: 'fleet' } as never))).toEqual(['g: clusterSet must be a ClusterSet, got the string "fleet"']);
  });

  test('props the cdk8s flavour refuses are refused alike: an unknown field, a malformed quota', () => {
    const name = `args${run++}`;
    const clusterSet = new flavour.ClusterSet(name, { clusters: CLUSTERS });
    new flavour.MultiClusterService('web', { ...body('web'), name: 'web', clusterSet });
    const bad = { namespaces: ['shop'], quota: { pods: 'many' }, limit: {} } as never;
    const problems = refusal(() => new flavour.FleetGovernance('guardrails', { ...(bad as object), clusterSet } as never));
    const cdk8sProblems = refusal(() => {
      const app = new cdk8s.ClusterSetApp({ outdir: 'not-written' });
      const fleet = new cdk8s.ClusterSet(app, name, { clusters: CLUSTERS });
      new cdk8s.MultiClusterService(fleet, 'web', body('web'));
      new cdk8s.FleetGovernance(fleet, 'guardrails', bad);
      app.synth();
    });
    expect(problems).toEqual(cdk8sProblems);
    expect(problems.join('\n')).toMatch(/unknown field "limit"/);
  });
});
