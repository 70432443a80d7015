import {
  ActivePlacement,
  ApplyWave,
  type FleetPlan,
  JsonPatchOp,
  type Manifest,
  type MultiClusterServiceOptions,
  Networking,
  type Overrides,
  PlaceholderPlacement,
  type PlannedObject,
  PodSecurityLevel,
} from '../../lib';
import { planFleet } from '../../lib/core/plan';
import { find, objectsIn, plan, problemsOf, twoClusters } from '../support/fleet';

const config: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { 'app.yaml': 'x: 1' } };
const account: Manifest = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } };

/** JSON patches putting `spec` fields into the pod spec, for every placement. */
function podSpec(fields: Record<string, unknown>): Overrides {
  return { patches: Object.entries(fields).map(([key, value]) => ({ op: JsonPatchOp.ADD, path: `/spec/template/spec/${key}`, value })) };
}

/** A web service active in prodc and a placeholder in localproda, both with `overrides` (plus each placement's own). */
function web(extra: Partial<MultiClusterServiceOptions> = {}, overrides: Overrides = {}, own: { active?: Overrides; placeholder?: Overrides } = {}): MultiClusterServiceOptions {
  return {
    namespace: 'shop',
    image: 'team/web:2.0.0',
    replicas: 2,
    ports: [{ name: 'http', port: 8080 }],
    // The references are added by patches, as bare as possible (volume types, sidecars without a security
    // context): what the restricted profile says of them is docs/security.md's, not these tests'.
    podSecurity: PodSecurityLevel.PRIVILEGED,
    placements: [
      new ActivePlacement({ clusters: ['prodc'], overrides: { ...overrides, ...own.active } }),
      new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO, overrides: { ...overrides, ...own.placeholder } }),
    ],
    ...extra,
  };
}

/** The planned objects of one cluster, with their waves and owners. */
function plannedIn(fleetPlan: FleetPlan, cluster: string): PlannedObject[] {
  return fleetPlan.clusters.find((c) => c.cluster === cluster)?.objects ?? [];
}

const mounted = podSpec({ serviceAccountName: 'web', volumes: [{ name: 'config', configMap: { name: 'web-config' } }] });

describe('dependencies', () => {
  test('reach every cluster holding the workload, active and placeholder, in the service namespace', () => {
    const fleetPlan = plan({ web: web({ dependencies: [config, account] }, mounted) });
    for (const cluster of ['prodc', 'localproda']) {
      const objects = objectsIn(fleetPlan, cluster);
      expect(find(objects, 'ConfigMap', 'web-config')).toEqual({ ...config, metadata: { name: 'web-config', namespace: 'shop' } });
      expect(find(objects, 'ServiceAccount', 'web').metadata.namespace).toBe('shop');
    }
  });

  test('are owned by the service, come before its workload in the workload wave, and the workload waits for them', () => {
    const fleetPlan = plan({ web: web({ dependencies: [config, account] }, mounted) });
    const objects = plannedIn(fleetPlan, 'localproda');
    const names = objects.map((o) => o.manifest.kind);
    expect(names.indexOf('ConfigMap')).toBeLessThan(names.indexOf('Deployment'));
    expect(names.indexOf('ServiceAccount')).toBeLessThan(names.indexOf('Deployment'));
    const dependency = objects.find((o) => o.manifest.kind === 'ConfigMap');
    expect(dependency).toMatchObject({ wave: ApplyWave.WORKLOADS, dependency: true, owner: { name: 'fleet/web' }, servicePath: 'fleet/web' });
    const workload = objects.find((o) => o.manifest.kind === 'Deployment');
    expect(workload?.dependsOn).toEqual(
      expect.arrayContaining([
        { cluster: 'localproda', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'web-config' },
        { cluster: 'localproda', apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'shop', name: 'web' },
      ]),
    );
    expect(objects.filter((o) => o.dependency).map((o) => o.manifest.kind)).toEqual(['ConfigMap', 'ServiceAccount']);
  });

  test('Roles and RoleBindings are applied with the workload, not after it', () => {
    const role: Manifest = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'web' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] };
    const binding: Manifest = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'web' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'web' },
      subjects: [{ kind: 'ServiceAccount', name: 'web' }],
    };
    const objects = plannedIn(plan({ web: web({ dependencies: [account, role, binding] }, podSpec({ serviceAccountName: 'web' })) }), 'prodc');
    expect(objects.filter((o) => o.dependency).map((o) => [o.manifest.kind, o.wave])).toEqual([
      ['ServiceAccount', ApplyWave.WORKLOADS],
      ['Role', ApplyWave.WORKLOADS],
      ['RoleBinding', ApplyWave.WORKLOADS],
    ]);
  });

  test('a service without dependencies plans no dependency objects', () => {
    const fleetPlan = plan({ web: web() });
    expect(fleetPlan.clusters.flatMap((c) => c.objects.filter((o) => o.dependency))).toEqual([]);
  });
});

describe('references of the pod spec', () => {
  const declared = (kind: string, name: string): Manifest => ({ apiVersion: 'v1', kind, metadata: { name } });
  test.each<[string, Record<string, unknown>, string, string, string]>([
    ['a configMap volume', { volumes: [{ name: 'v', configMap: { name: 'cm' } }] }, 'ConfigMap', 'cm', 'spec.template.spec.volumes[0].configMap.name'],
    ['a secret volume', { volumes: [{ name: 'v', emptyDir: {} }, { name: 's', secret: { secretName: 'sec' } }] }, 'Secret', 'sec', 'spec.template.spec.volumes[1].secret.secretName'],
    ['a claim', { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] }, 'PersistentVolumeClaim', 'data', 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName'],
    ['a projected ConfigMap', { volumes: [{ name: 'v', projected: { sources: [{ serviceAccountToken: { path: 't' } }, { configMap: { name: 'cm' } }] } }] }, 'ConfigMap', 'cm', 'spec.template.spec.volumes[0].projected.sources[1].configMap.name'],
    ['a projected Secret', { volumes: [{ name: 'v', projected: { sources: [{ secret: { name: 'sec' } }] } }] }, 'Secret', 'sec', 'spec.template.spec.volumes[0].projected.sources[0].secret.name'],
    ['a CSI node publish secret', { volumes: [{ name: 'v', csi: { driver: 'd', nodePublishSecretRef: { name: 'sec' } } }] }, 'Secret', 'sec', 'spec.template.spec.volumes[0].csi.nodePublishSecretRef.name'],
    ['an RBD secretRef', { volumes: [{ name: 'v', rbd: { monitors: ['m'], image: 'i', secretRef: { name: 'sec' } } }] }, 'Secret', 'sec', 'spec.template.spec.volumes[0].rbd.secretRef.name'],
    ['an Azure File secret', { volumes: [{ name: 'v', azureFile: { secretName: 'sec', shareName: 's' } }] }, 'Secret', 'sec', 'spec.template.spec.volumes[0].azureFile.secretName'],
    ['the deprecated serviceAccount field', { serviceAccount: 'web' }, 'ServiceAccount', 'web', 'spec.template.spec.serviceAccount'],
    [
      'an envFrom secretRef of a sidecar',
      { 'containers/-': { name: 'side', image: 'busybox', envFrom: [{ secretRef: { name: 'sec' } }] } },
      'Secret',
      'sec',
      'spec.template.spec.containers[1].envFrom[0].secretRef.name',
    ],
    [
      'an env configMapKeyRef of a sidecar',
      { 'containers/-': { name: 'side', image: 'busybox', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }] } },
      'ConfigMap',
      'cm',
      'spec.template.spec.containers[1].env[0].valueFrom.configMapKeyRef.name',
    ],
    ['an image pull secret', { imagePullSecrets: [{ name: 'pull' }] }, 'Secret', 'pull', 'spec.template.spec.imagePullSecrets[0].name'],
    ['the service account', { serviceAccountName: 'web' }, 'ServiceAccount', 'web', 'spec.template.spec.serviceAccountName'],
    [
      'an env secretKeyRef of an init container',
      { initContainers: [{ name: 'init', image: 'busybox', env: [{ name: 'A', value: 'x' }, { name: 'B', valueFrom: { secretKeyRef: { name: 'sec', key: 'k' } } }] }] },
      'Secret',
      'sec',
      'spec.template.spec.initContainers[0].env[1].valueFrom.secretKeyRef.name',
    ],
    [
      'an envFrom configMapRef of an ephemeral container',
      { ephemeralContainers: [{ name: 'debug', image: 'busybox', envFrom: [{ configMapRef: { name: 'cm' } }] }] },
      'ConfigMap',
      'cm',
      'spec.template.spec.ephemeralContainers[0].envFrom[0].configMapRef.name',
    ],
  ])('%s must be declared or external: the error names the cluster and the field', (_, fields, kind, name, field) => {
    const problems = problemsOf(() => plan({ web: web({}, podSpec(fields)) }));
    expect(problems).toHaveLength(2);
    for (const cluster of ['prodc', 'localproda']) {
      expect(problems).toContainEqual(expect.stringContaining(`fleet/web: cluster "${cluster}": ${field} refers to ${kind} "${name}"`));
    }
    expect(problems[0]).toContain(`externalDependencies`);
    expect(() => plan({ web: web({ dependencies: [kind === 'PersistentVolumeClaim' ? { ...declared(kind, name), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } : declared(kind, name)] }, podSpec(fields)) })).not.toThrow();
    expect(() => plan({ web: web({ externalDependencies: [{ kind, name }] }, podSpec(fields)) })).not.toThrow();
  });

  test('the containers clusterset writes are scanned: an env secretKeyRef added to the service container', () => {
    const patch: Overrides = { patches: [{ op: JsonPatchOp.ADD, path: '/spec/template/spec/containers/0/env', value: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'token', key: 't' } } }] }] };
    expect(problemsOf(() => plan({ web: web({}, patch) }))).toContainEqual(expect.stringContaining('spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name refers to Secret "token"'));
  });

  test('the default service account and optional references need nothing', () => {
    const patches: Overrides = {
      patches: [
        ...(podSpec({ serviceAccountName: 'default', volumes: [{ name: 'v', configMap: { name: 'maybe', optional: true } }] }).patches ?? []),
        { op: JsonPatchOp.ADD, path: '/spec/template/spec/containers/0/envFrom', value: [{ secretRef: { name: 'maybe-secret', optional: true } }] },
      ],
    };
    expect(problemsOf(() => plan({ web: web({}, patches) }))).toEqual([]);
  });

  test('the scan reads each cluster after its overrides: a reference added in one cluster is reported there only', () => {
    const problems = problemsOf(() => plan({ web: web({}, {}, { placeholder: podSpec({ imagePullSecrets: [{ name: 'mirror-pull' }] }) }) }));
    expect(problems).toEqual([expect.stringContaining('cluster "localproda": spec.template.spec.imagePullSecrets[0].name refers to Secret "mirror-pull"')]);
  });

  test('a reference to a dependency declared under another kind is still missing', () => {
    const problems = problemsOf(() => plan({ web: web({ dependencies: [config] }, podSpec({ volumes: [{ name: 'v', secret: { secretName: 'web-config' } }] })) }));
    expect(problems).toContainEqual(expect.stringContaining('refers to Secret "web-config"'));
  });
});

describe('dependency checks', () => {
  test('other kinds are refused with the list of those carried', () => {
    const problems = problemsOf(() => plan({ web: web({ dependencies: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } }] }) }));
    expect(problems).toEqual([
      'fleet/web: dependencies[0] is a Deployment, which clusterset does not carry as a dependency (it carries ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim, Role, RoleBinding); create it another way and name it in externalDependencies if pods refer to it',
    ]);
  });

  test('a wrong apiVersion is refused with the right one', () => {
    const problems = problemsOf(() => plan({ web: web({ dependencies: [{ ...config, apiVersion: 'apps/v1' }] }) }));
    expect(problems).toEqual(['fleet/web: dependencies[0]: ConfigMap "web-config" has apiVersion "apps/v1"; a ConfigMap is written as apiVersion "v1"']);
  });

  test('another namespace is refused; the service namespace given explicitly is fine', () => {
    const other = { ...config, metadata: { name: 'web-config', namespace: 'other' } };
    expect(problemsOf(() => plan({ web: web({ dependencies: [other] }) }))).toEqual([
      'fleet/web: dependencies[0]: ConfigMap "web-config" is in namespace "other", but the service is in "shop" and its pods only see objects there; remove metadata.namespace or set it to "shop"',
    ]);
    expect(problemsOf(() => plan({ web: web({ dependencies: [{ ...config, metadata: { name: 'web-config', namespace: 'shop' } }] }) }))).toEqual([]);
  });

  test('names must be DNS-1123 subdomains, declared or external', () => {
    expect(problemsOf(() => plan({ web: web({ dependencies: [{ ...config, metadata: { name: 'Web_Config' } }], externalDependencies: [{ kind: 'Secret', name: 'db.creds-' }] }) }))).toEqual([
      'fleet/web: dependencies[0]: ConfigMap name "Web_Config" must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit; the API server refuses any other',
      'fleet/web: externalDependencies[0] name "db.creds-" must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit; give the name the object has in the cluster',
    ]);
    expect(problemsOf(() => plan({ web: web({ dependencies: [{ ...config, metadata: { name: 'web.config-1' } }] }) }))).toEqual([]);
  });

  test('an object declared twice, or both declared and external, is refused', () => {
    expect(problemsOf(() => plan({ web: web({ dependencies: [config, config] }) }))).toEqual([
      'fleet/web: dependencies[1] declares ConfigMap "web-config" again (dependencies[0] declares it); declare each object once',
    ]);
    expect(problemsOf(() => plan({ web: web({ dependencies: [config], externalDependencies: [{ kind: 'ConfigMap', name: 'web-config' }] }) }))).toEqual([
      expect.stringContaining('externalDependencies[0] names ConfigMap "web-config", which dependencies[0] declares'),
    ]);
  });
});

describe('plaintext Secrets', () => {
  const secret: Manifest = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-secrets' }, stringData: { password: 'hunter2' } };

  test('are refused, pointing to externalDependencies', () => {
    const problems = problemsOf(() => plan({ web: web({ dependencies: [secret] }) }));
    expect(problems).toEqual([
      "fleet/web: dependencies[0]: Secret \"web-secrets\" carries stringData, which would be written in plain text into the synthesized files (usually committed to Git); create it with a secret operator (External Secrets, Sealed Secrets...) and name it in externalDependencies as { kind: 'Secret', name: 'web-secrets' }, or set allowPlaintextSecrets: true on the service",
    ]);
  });

  test('are refused in overrides too', () => {
    const { stringData: _, ...empty } = secret;
    const problems = problemsOf(() => plan({ web: web({ dependencies: [empty as Manifest] }, {}, { active: { dependencies: [secret] } }) }));
    expect(problems).toEqual([expect.stringContaining('placements[0].overrides.dependencies[0]: Secret "web-secrets" carries stringData')]);
  });

  test('are written when the service allows them, or when the backend keeps Secrets out of files', () => {
    expect(find(objectsIn(plan({ web: web({ dependencies: [secret], allowPlaintextSecrets: true }) }), 'prodc'), 'Secret', 'web-secrets').stringData).toEqual({ password: 'hunter2' });
    const spec = { path: 'fleet', clusters: twoClusters(), services: [{ path: 'fleet/web', name: 'web', options: web({ dependencies: [secret] }) }] };
    expect(() => planFleet(spec, { secretsInFiles: false })).not.toThrow();
  });

  test('a Secret without data (filled in by a controller) is fine', () => {
    const token: Manifest = { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token', metadata: { name: 'web-token', annotations: { 'kubernetes.io/service-account.name': 'web' } } };
    expect(problemsOf(() => plan({ web: web({ dependencies: [token] }) }))).toEqual([]);
  });
});

describe('shared dependencies', () => {
  const api = (extra: Partial<MultiClusterServiceOptions> = {}) => ({ ...web(extra, mounted), name: undefined });

  test('two services declaring the same object alike write it once per cluster', () => {
    const shared = { ...config, data: { 'app.yaml': 'x: 1' } };
    const fleetPlan = plan({ web: web({ dependencies: [config, account] }, mounted), api: { ...api({ dependencies: [{ data: shared.data, metadata: shared.metadata, kind: 'ConfigMap', apiVersion: 'v1' }, account] }) } });
    for (const c of fleetPlan.clusters) {
      expect(c.objects.filter((o) => o.manifest.kind === 'ConfigMap')).toHaveLength(1);
      expect(c.objects.filter((o) => o.manifest.kind === 'ServiceAccount')).toHaveLength(1);
    }
  });

  test('two services declaring it differently is an error naming both', () => {
    const problems = problemsOf(() => plan({ web: web({ dependencies: [config, account] }, mounted), api: api({ dependencies: [{ ...config, data: { 'app.yaml': 'x: 2' } }, account] }) }));
    expect(problems).toEqual(
      ['prodc', 'localproda'].map((cluster) =>
        expect.stringMatching(new RegExp(`^fleet/web: declares ConfigMap shop/web-config in cluster "${cluster}" differently from fleet/api;`)),
      ),
    );
  });
});

describe('per-cluster dependency overrides', () => {
  const v = (x: string): Manifest => ({ ...config, data: { 'app.yaml': `x: ${x}` } });

  test("a placement's override replaces the declared object there, and a cluster's override wins over it", () => {
    const options = web({ dependencies: [config, account], clusterOverrides: { prodc: { dependencies: [v('3')] } } }, mounted, { active: { dependencies: [v('2')] }, placeholder: { dependencies: [v('4')] } });
    const fleetPlan = plan({ web: options });
    expect(find(objectsIn(fleetPlan, 'prodc'), 'ConfigMap').data).toEqual({ 'app.yaml': 'x: 3' });
    expect(find(objectsIn(fleetPlan, 'localproda'), 'ConfigMap').data).toEqual({ 'app.yaml': 'x: 4' });
    expect(find(objectsIn(plan({ web: web({ dependencies: [config, account] }, mounted, { active: { dependencies: [v('2')] } }) }), 'prodc'), 'ConfigMap').data).toEqual({ 'app.yaml': 'x: 2' });
  });

  test('an override of an undeclared object is an error', () => {
    const problems = problemsOf(() => plan({ web: web({ dependencies: [account], clusterOverrides: { prodc: { dependencies: [config] } } }, podSpec({ serviceAccountName: 'web' })) }));
    expect(problems).toEqual([
      'fleet/web: clusterOverrides["prodc"].dependencies[0] overrides ConfigMap "web-config", which the service does not declare (declared: ServiceAccount/web); an override replaces a declared dependency in some clusters, so declare it in dependencies first',
    ]);
  });
});

describe('shapes of dependencies', () => {
  test('JSON fleets: malformed dependencies and external dependencies are reported with their field', () => {
    const options = web({
      dependencies: ['nope' as unknown as Manifest, { kind: 'ConfigMap', metadata: {} } as unknown as Manifest],
      externalDependencies: [{ kind: 'Deployment', name: 'x' }, { name: 'y' } as never],
    });
    const problems = problemsOf(() => plan({ web: options }));
    expect(problems).toEqual([
      expect.stringContaining('dependencies[0] must be a Kubernetes object such as'),
      "fleet/web: dependencies[1].apiVersion is required; give it as in { apiVersion: 'v1', kind: 'ConfigMap', ... }",
      'fleet/web: dependencies[1].metadata is empty; give metadata: { name: ... } or remove it',
      'fleet/web: externalDependencies[0].kind "Deployment" is not one of ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim',
      'fleet/web: externalDependencies[1].kind is required; give one of ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim',
    ]);
  });
});
