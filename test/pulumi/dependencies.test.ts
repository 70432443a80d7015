import * as pulumi from '@pulumi/pulumi';
import { hybridClusters } from '../../examples/hybrid/fleet';
import { installMocks, settle } from './mocks';
import { expectValidAgainstSchemas } from '../support/schema';
import { ActivePlacement, ClusterSet, ClusterSetValidationError, MultiClusterService, type MultiClusterServiceArgs, Networking, PlaceholderPlacement } from '../../lib/pulumi';
import { JsonPatchOp, type Manifest } from '../../lib';

const registered = installMocks();
const config: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared-config' }, data: { 'app.yaml': 'x: 1' } };

/** A service mounting `shared-config`, active in prodc and a placeholder in localproda. */
function mounting(clusterSet: ClusterSet, name: string, dependencies: Manifest[]): MultiClusterServiceArgs {
  const overrides = { patches: [{ op: JsonPatchOp.ADD, path: '/spec/template/spec/volumes', value: [{ name: 'config', configMap: { name: 'shared-config' } }] }] };
  return {
    clusterSet,
    name,
    namespace: 'shop',
    image: `team/${name}:1.0.0`,
    ports: [{ name: 'http', port: 8080 }],
    dependencies,
    placements: [new ActivePlacement({ clusters: ['prodc'], overrides }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO, overrides })],
  };
}

const of = (fleetName: string) => registered.filter((r) => r.name.startsWith(`${fleetName}/`));

describe('dependencies in the Pulumi flavour', () => {
  test('a dependency two services declare alike is created once per cluster, and each workload waits for it', async () => {
    const fleet = new ClusterSet('deps', { clusters: hybridClusters.map((c) => ({ ...c })) });
    const services = ['web', 'api'].map((name) => new MultiClusterService(`deps-${name}`, mounting(fleet, name, [{ ...config }])));
    await settle(services.flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
    const configMaps = of('deps').filter((r) => r.type === 'kubernetes:core/v1:ConfigMap');
    expect(configMaps.map((r) => r.name).sort()).toEqual(['deps/localproda/shop/shared-config', 'deps/prodc/shop/shared-config']);
    expectValidAgainstSchemas(configMaps.map((r) => r.inputs));
    for (const deployment of of('deps').filter((r) => r.type === 'kubernetes:apps/v1:Deployment')) {
      const cluster = deployment.name.split('/')[1];
      expect(deployment.dependencies.some((u) => u.endsWith(`kubernetes:core/v1:ConfigMap::deps/${cluster}/shop/shared-config`))).toBe(true);
    }
  });

  test('a dependency declared differently by a second service is refused, naming the first', () => {
    const fleet = new ClusterSet('clashing', { clusters: hybridClusters.map((c) => ({ ...c })) });
    new MultiClusterService('clashing-web', mounting(fleet, 'web', [config]));
    let problems: readonly string[] = [];
    try {
      new MultiClusterService('clashing-api', mounting(fleet, 'api', [{ ...config, data: { 'app.yaml': 'x: 2' } }]));
    } catch (error) {
      const cause = (error as Error & { cause?: unknown }).cause;
      problems = cause instanceof ClusterSetValidationError ? cause.problems : [String(error)];
    }
    expect(problems).toEqual(
      ['prodc', 'localproda'].map((cluster) => expect.stringContaining(`clashing/clashing-api: declares ConfigMap shop/shared-config in cluster "${cluster}" differently from clashing/clashing-web;`)),
    );
  });

  test('a plaintext Secret is refused as in the cdk8s flavour; allowed, it is a typed core/v1 Secret (whose data @pulumi/kubernetes wraps as secrets)', async () => {
    const fleet = new ClusterSet('secrets', { clusters: hybridClusters.map((c) => ({ ...c })) });
    const secret: Manifest = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shared-config' }, stringData: { password: 'hunter2' } };
    let problems: readonly string[] = [];
    try {
      new MultiClusterService('secrets-web', { ...mounting(fleet, 'web', [config]), dependencies: [config, secret] });
    } catch (error) {
      problems = error instanceof ClusterSetValidationError ? error.problems : [String(error)];
    }
    expect(problems).toEqual([expect.stringContaining('secrets/secrets-web: dependencies[1]: Secret "shared-config" carries stringData')]);
    const service = new MultiClusterService('secrets-api', { ...mounting(fleet, 'api', [config]), dependencies: [config, secret], allowPlaintextSecrets: true });
    await settle([...service.resources.values()].map((r) => r.urn as pulumi.Output<unknown>));
    expect(of('secrets').filter((r) => r.type === 'kubernetes:core/v1:Secret').map((r) => r.name).sort()).toEqual(['secrets/localproda/shop/shared-config', 'secrets/prodc/shop/shared-config']);
  });

  test('a Secret whose values are Pulumi secrets needs no opt-in: the values skip the planner and stay secret in the state', async () => {
    const fleet = new ClusterSet('sealed', { clusters: hybridClusters.map((c) => ({ ...c })) });
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shared-config' }, stringData: { password: pulumi.secret('hunter2'), user: 'web' } } as unknown as Manifest;
    let refused: readonly string[] = [];
    try {
      new MultiClusterService('sealed-plain', { ...mounting(fleet, 'plain', [config]), dependencies: [config, secret] });
    } catch (error) {
      refused = error instanceof ClusterSetValidationError ? error.problems : [String(error)];
    }
    // The plain `user` is still plain text in the program: refused as any other.
    expect(refused).toEqual([expect.stringContaining('sealed/sealed-plain: dependencies[1]: Secret "shared-config" carries stringData')]);
    // Any Output in a Secret's data is kept secret, also one not marked as such.
    const sealedOnly = { ...secret, stringData: { password: pulumi.secret('hunter2') }, data: { token: pulumi.output('dDBrZW4=') } } as unknown as Manifest;
    const service = new MultiClusterService('sealed-web', { ...mounting(fleet, 'web', [config]), dependencies: [config, sealedOnly] });
    await settle([...service.resources.values()].map((r) => r.urn as pulumi.Output<unknown>));
    const secrets = of('sealed').filter((r) => r.type === 'kubernetes:core/v1:Secret');
    // Pulumi's wire form of a secret (its signature key and secret signature): what the engine encrypts in the state.
    const SECRET = { '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270' };
    expect(secrets.map((r) => [r.name, r.inputs.stringData, r.inputs.data])).toEqual([
      ['sealed/prodc/shop/shared-config', { ...SECRET, value: { password: 'hunter2' } }, { ...SECRET, value: { token: 'dDBrZW4=' } }],
      ['sealed/localproda/shop/shared-config', { ...SECRET, value: { password: 'hunter2' } }, { ...SECRET, value: { token: 'dDBrZW4=' } }],
    ]);
  });
});
