// Cluster status and migrations in the Pulumi flavour: the same plan as the cdk8s flavour's, service by
// service, with the migration's clusters checked when the fleet is constructed.
import type * as pulumi from '@pulumi/pulumi';
import { ClusterSet, ClusterSetValidationError, ClusterStatus, FleetGovernance, MigrationPhase, MultiClusterService } from '../../lib/pulumi';
import type { ClusterProps, MigrationProps, MultiClusterServiceOptions } from '../../lib';
import { appA, synthFleet, twoClusters } from '../support/fleet';
import { installMocks, settle } from './mocks';

const registered = installMocks();

/** prodc, localproda and a third cluster, spare, ready to receive. */
const threeClusters = (status: Partial<Record<string, ClusterStatus>> = {}): ClusterProps[] =>
  [...twoClusters(), { name: 'spare', serviceCidr: '10.200.0.0/16', podCidr: '10.201.0.0/16' }].map((c) => (status[c.name] ? { ...c, status: status[c.name] } : c));

const SERVICES: Record<string, MultiClusterServiceOptions> = { 'app-a': appA(), 'app-b': appA(undefined, { name: 'app-b', replicas: 3 }) };

/** What Pulumi creates in each cluster, as `Kind ns/name replicas`. */
async function viaPulumi(name: string, clusters: ClusterProps[], migrations: MigrationProps[]): Promise<Record<string, string[]>> {
  const fleet = new ClusterSet(name, { clusters, migrations });
  const services = Object.entries(SERVICES).map(([id, options]) => new MultiClusterService(`${name}-${id}`, { name: id, ...options, clusterSet: fleet }));
  await settle(services.flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
  const result: Record<string, string[]> = {};
  for (const c of clusters) {
    result[c.name] = registered
      .filter((r) => r.type.startsWith('kubernetes:') && r.provider?.includes(`${name}-${c.name}::`) && r.inputs.kind !== 'Namespace')
      .map((r) => line(r.inputs))
      .sort();
  }
  return result;
}

function line(o: Record<string, any>): string {
  return `${o.kind} ${o.metadata.namespace}/${o.metadata.name}${o.spec?.replicas !== undefined ? ` ${o.spec.replicas}` : ''}`;
}

let run = 0;

describe('operations in the Pulumi flavour', () => {
  test.each([MigrationPhase.BOTH_ACTIVE, MigrationPhase.SWITCH, MigrationPhase.DRAIN])('a migration at %s creates what the cdk8s flavour writes', async (phase) => {
    const clusters = threeClusters({ localproda: ClusterStatus.CORDONED });
    const migrations = [{ from: 'prodc', to: 'spare', phase }];
    const name = `op${run++}`;
    const pulumiObjects = await viaPulumi(name, clusters, migrations);
    const written = synthFleet({ ...SERVICES }, clusters, migrations);
    for (const c of clusters) expect(pulumiObjects[c.name]).toEqual(written[c.name].filter((o) => o.kind !== 'Namespace').map(line).sort());
    expect(pulumiObjects.spare).toContain('Deployment ns/app-b 3');
  });

  test('a cluster down re-plans each service as the cdk8s flavour does', async () => {
    const clusters = threeClusters({ prodc: ClusterStatus.UNAVAILABLE });
    const pulumiObjects = await viaPulumi(`op${run++}`, clusters, []);
    const written = synthFleet({ ...SERVICES }, clusters);
    for (const c of clusters) expect(pulumiObjects[c.name]).toEqual(written[c.name].filter((o) => o.kind !== 'Namespace').map(line).sort());
    expect(pulumiObjects.prodc.filter((o) => o.startsWith('Deployment'))).toEqual(['Deployment ns/app-a 0', 'Deployment ns/app-b 0']);
  });

  test('refuses a migration to a cluster it does not know when the fleet is constructed', () => {
    expect(() => new ClusterSet(`op${run++}`, { clusters: threeClusters(), migrations: [{ from: 'prodc', to: 'nowhere', phase: MigrationPhase.SWITCH }] })).toThrow(ClusterSetValidationError);
  });
});

describe('governance in the Pulumi flavour', () => {
  test.each([
    ['governance', { governance: [{ namespaces: ['ns'], quota: { pods: 10 } }] }, "new FleetGovernance('guardrails', { clusterSet, namespaces, ... })"],
    ['monitoring', { monitoring: { environment: 'prod', remoteWrite: { url: 'https://metrics.example.com/api/v1/write' } } }, "new FleetMonitoring('monitoring', { clusterSet, environment, remoteWrite })"],
  ])('ClusterSetArgs.%s is refused with the component to construct instead', (field, args, component) => {
    const name = `gov${run++}`;
    expect(() => new ClusterSet(name, { clusters: twoClusters(), ...args } as never)).toThrow(
      `${name}: ${field} is not a field of ClusterSetArgs; construct ${component} after the fleet's services instead (docs/governance.md)`,
    );
  });

  test('limits reach every cluster of the namespace, one LimitRange per cluster for all its services, children of the FleetGovernance', async () => {
    const name = `gov${run++}`;
    const fleet = new ClusterSet(name, { clusters: twoClusters() });
    const services = Object.entries(SERVICES).map(([id, options]) => new MultiClusterService(`${name}-${id}`, { name: id, ...options, clusterSet: fleet }));
    const guardrails = new FleetGovernance(`${name}-guardrails`, { namespaces: ['ns'], limits: { default: { cpu: '500m', memory: '512Mi' } }, clusterSet: fleet });
    await settle([...services, guardrails].flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
    const limitRanges = registered.filter((r) => r.inputs.kind === 'LimitRange' && r.name.startsWith(`${name}/`));
    expect(limitRanges.map((r) => r.name).sort()).toEqual([`${name}/localproda/ns/clusterset-limits`, `${name}/prodc/ns/clusterset-limits`].sort());
    expect(limitRanges.map((r) => r.type)).toEqual(['kubernetes:core/v1:LimitRange', 'kubernetes:core/v1:LimitRange']);
    for (const r of limitRanges) {
      expect(r.parent).toMatch(new RegExp(`${FleetGovernance.TYPE}::${name}-guardrails$`));
      const cluster = r.name.split('/')[1];
      // After the Namespace the services created, a child of the ClusterSet.
      expect(r.dependencies).toEqual([expect.stringMatching(new RegExp(`kubernetes:core/v1:Namespace::${name}/${cluster}/ns$`))]);
    }
  });
});
