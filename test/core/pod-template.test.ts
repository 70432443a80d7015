import { JsonPatchOp, OverriderOperator, PodSecurityLevel, Replacements, WorkloadKind } from '../../lib';
import { appA, find, objectsIn, plan, problemsOf, twoClusters } from '../support/fleet';
import { planFleet } from '../../lib/core/plan';
import { ISSUE_10_DEPENDENCIES, ISSUE_10_POD_TEMPLATE } from '../support/issue-10';

const webTemplate = {
  metadata: { labels: { tier: 'web' }, annotations: { 'example.com/owner': 'team' } },
  spec: {
    serviceAccountName: 'web',
    containers: [
      { name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] },
      {
        name: 'app-a',
        image: 'ignored/by:props',
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
        env: [{ name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'GREETING', value: 'template' }],
        ports: [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' } },
      },
    ],
    initContainers: [{ name: 'migrate', image: 'team/migrate:1.0' }],
    volumes: [{ name: 'logs', emptyDir: {} }],
    tolerations: [{ key: 'dedicated', operator: 'Exists' }],
  },
};

/** What the templates and patches here refer to, created in each cluster by something else: the pods are what is tested. */
const EXTERNAL = [
  { kind: 'ServiceAccount', name: 'web' },
  { kind: 'Secret', name: 's' },
  { kind: 'ConfigMap', name: 'cfg' },
  { kind: 'ConfigMap', name: 'cfg-prod' },
];

function workloadOf(options: Parameters<typeof appA>[1], cluster = 'prodc'): any {
  return find(objectsIn(plan({ 'app-a': appA(undefined, { externalDependencies: EXTERNAL, ...options }) }), cluster), 'Deployment');
}

describe('podTemplate', () => {
  test("the service's container takes the props, comes first, and keeps the template's probes, env and ports", () => {
    const w = workloadOf({ podTemplate: webTemplate, env: { GREETING: 'props', Z: 'z' }, resources: { requests: { cpu: '250m' } } });
    const pod = w.spec.template.spec;
    expect(pod.containers.map((c: any) => c.name)).toEqual(['app-a', 'log-shipper']);
    const c = pod.containers[0];
    expect(c.image).not.toBe('ignored/by:props');
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080 } });
    expect(c.env).toEqual([
      { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      { name: 'GREETING', value: 'props' },
      { name: 'Z', value: 'z' },
    ]);
    expect(c.ports.map((p: any) => p.name)).toEqual(['http', 'http-alt', 'metrics']);
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '64Mi' } });
    expect(pod.tolerations).toEqual(webTemplate.spec.tolerations);
    expect(pod.initContainers[0].name).toBe('migrate');
    expect(w.spec.template.metadata.labels).toMatchObject({ tier: 'web', 'app.kubernetes.io/name': 'app-a' });
    expect(w.spec.template.metadata.annotations).toMatchObject({ 'example.com/owner': 'team' });
  });

  test('the only container of a template is the service\'s whatever its name; a template without containers gets the service\'s', () => {
    const only = workloadOf({ podTemplate: { spec: { containers: [{ name: 'main', workingDir: '/srv' }] } } });
    expect(only.spec.template.spec.containers).toHaveLength(1);
    expect(only.spec.template.spec.containers[0]).toMatchObject({ name: 'main', workingDir: '/srv' });
    const none = workloadOf({ podTemplate: { spec: { priorityClassName: 'high' } } });
    expect(none.spec.template.spec.containers[0].name).toBe('app-a');
    expect(none.spec.template.spec.priorityClassName).toBe('high');
  });

  test('several containers none named like the service is refused, naming the fix', () => {
    const problems = problemsOf(() => workloadOf({ podTemplate: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } }));
    expect(problems).toEqual([expect.stringMatching(/podTemplate\.spec\.containers has 2 containers \("a", "b"\) and none is named "app-a".*name the service's container like the service/)]);
  });

  test('malformed templates from JSON are refused field by field', () => {
    const problems = problemsOf(() =>
      workloadOf({ podTemplate: { metdata: {}, spec: { containers: [{ image: 'x' }], tolerationz: [], volumes: [{ emptyDir: {} }], ephemeralContainers: [] } } as any }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown field "metdata" (did you mean "metadata"?)'),
        expect.stringContaining('podTemplate.spec: unknown field "tolerationz" (did you mean "tolerations"?)'),
        expect.stringContaining('podTemplate.spec.containers[0].name is required'),
        expect.stringContaining('podTemplate.spec.volumes[0].name is required'),
        // The API server refuses ephemeral containers in a pod template; they are added to running pods only.
        expect.stringContaining('podTemplate.spec: unknown field "ephemeralContainers"'),
      ]),
    );
  });

  test("the template cannot take clusterset's labels, and sidecars need their own image", () => {
    const problems = problemsOf(() =>
      workloadOf({ podTemplate: { metadata: { labels: { 'app.kubernetes.io/name': 'other' } }, spec: { containers: [{ name: 'app-a' }, { name: 'side' }] } } }),
    );
    expect(problems).toEqual([
      expect.stringContaining('podTemplate.metadata.labels sets "app.kubernetes.io/name", which clusterset sets itself'),
      expect.stringContaining('podTemplate.spec.containers[1] ("side") has no image'),
    ]);
  });
});

describe('volumeClaimTemplates', () => {
  const claim = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };

  test('a StatefulSet carries them', () => {
    const objects = objectsIn(plan({ 'app-a': appA(undefined, { externalDependencies: EXTERNAL, workload: WorkloadKind.STATEFUL_SET, volumeClaimTemplates: [claim] }) }), 'prodc');
    expect(find(objects, 'StatefulSet').spec.volumeClaimTemplates).toEqual([claim]);
  });

  test('a change of them cannot be applied in place: deploying backends replace the StatefulSet, and the change is named', () => {
    const planOf = (storage: string) => plan({ 'app-a': appA(undefined, { externalDependencies: EXTERNAL, workload: WorkloadKind.STATEFUL_SET, volumeClaimTemplates: [{ ...claim, spec: { ...claim.spec, resources: { requests: { storage } } } }] }) });
    const before = planOf('1Gi');
    const statefulSet = before.clusters[0].objects.find((o) => o.manifest.kind === 'StatefulSet');
    expect(statefulSet?.replaceOnChanges).toEqual(['spec.volumeClaimTemplates']);
    const byCluster = (p: typeof before) => Object.fromEntries(p.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest)]));
    const replacements = Replacements.between(byCluster(before), byCluster(planOf('5Gi')));
    expect(replacements.map((r) => `${r.cluster} ${r.object} ${r.field}`)).toEqual(['prodc StatefulSet ns/app-a spec.volumeClaimTemplates', 'localproda StatefulSet ns/app-a spec.volumeClaimTemplates']);
  });

  test('a Deployment refuses them', () => {
    expect(problemsOf(() => workloadOf({ volumeClaimTemplates: [claim] }))).toEqual([expect.stringContaining('only a StatefulSet has claim templates; set workload: WorkloadKind.STATEFUL_SET')]);
  });
});

describe('secure by default', () => {
  test('every pod gets the restricted defaults and no service account token', () => {
    const pod = workloadOf({}).spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('an account of the service mounts its token; init containers and sidecars get the defaults too', () => {
    const pod = workloadOf({ podTemplate: webTemplate }).spec.template.spec;
    expect(pod.automountServiceAccountToken).toBeUndefined();
    for (const c of [...pod.containers, ...pod.initContainers]) expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('a looser value needs podSecurity, and the message names the field, the value and the level', () => {
    const privileged = { podTemplate: { spec: { containers: [{ name: 'app-a', securityContext: { privileged: true } }] } } };
    expect(problemsOf(() => workloadOf(privileged))).toEqual([
      expect.stringMatching(
        /^fleet\/app-a: spec\.template\.spec\.containers\[0\]\.securityContext\.privileged is true, which the Pod Security Standards "restricted" level refuses \(privileged containers\).*podSecurity: PodSecurityLevel\.PRIVILEGED \(in clusters prodc, localproda\)$/,
      ),
      // A privileged container may escalate (the API server refuses the default beside it), which restricted refuses too.
      expect.stringContaining('securityContext.allowPrivilegeEscalation is not set, which the Pod Security Standards "restricted" level refuses (privilege escalation)'),
    ]);
    expect(problemsOf(() => workloadOf({ ...privileged, podSecurity: PodSecurityLevel.BASELINE }))).toEqual([expect.stringContaining('privileged is true, which the Pod Security Standards "baseline" level refuses')]);
    expect(problemsOf(() => workloadOf({ ...privileged, podSecurity: PodSecurityLevel.PRIVILEGED }))).toEqual([]);
    const root = { podTemplate: { spec: { securityContext: { runAsNonRoot: false } } } };
    expect(problemsOf(() => workloadOf(root))).toEqual([expect.stringContaining('spec.template.spec.securityContext.runAsNonRoot is false, which the Pod Security Standards "restricted" level refuses (running as non-root)')]);
    expect(problemsOf(() => workloadOf({ ...root, podSecurity: PodSecurityLevel.BASELINE }))).toEqual([]);
  });

  test('stricter values in the template are kept', () => {
    const pod = workloadOf({ podTemplate: { spec: { securityContext: { runAsUser: 1000, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }, containers: [{ name: 'app-a', securityContext: { readOnlyRootFilesystem: true } }] } } }).spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } });
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  });

  test('an override that loosens one cluster is refused there', () => {
    const problems = problemsOf(() =>
      plan({
        'app-a': appA(undefined, { externalDependencies: EXTERNAL,
          clusterOverrides: { prodc: { patches: [{ op: JsonPatchOp.ADD, path: '/spec/template/spec/hostNetwork', value: true }] } },
        }),
      }),
    );
    expect(problems).toEqual([expect.stringMatching(/spec\.template\.spec\.hostNetwork is true.*\(host namespaces\).*\(in cluster prodc\)$/)]);
  });
});

describe("the namespace's enforced level", () => {
  const clustersetOf = (namespaceLevel: string, options: Parameters<typeof appA>[1]) =>
    problemsOf(() =>
      planFleet({
        path: 'fleet',
        clusters: twoClusters(),
        namespaces: [{ name: 'ns', labels: { 'pod-security.kubernetes.io/enforce': namespaceLevel } }],
        services: [{ path: 'fleet/app-a', name: 'app-a', options: appA(undefined, { externalDependencies: EXTERNAL, ...options }) }],
      }),
    );

  test('a podSecurity looser than the namespace enforces is refused, naming the label and the fix', () => {
    expect(clustersetOf('restricted', { podSecurity: PodSecurityLevel.BASELINE })).toEqual([
      'fleet/app-a: podSecurity PodSecurityLevel.BASELINE is looser than namespace "ns" enforces (pod-security.kubernetes.io/enforce: restricted), ' +
        "so the clusters would refuse the pods it allows; remove what needs it from the pod template and use PodSecurityLevel.RESTRICTED, or lower the namespace's label",
    ]);
    expect(clustersetOf('baseline', { podSecurity: PodSecurityLevel.PRIVILEGED })).toHaveLength(1);
  });

  test('Pod Security labels a namespace declares name a level and a version Pod Security Admission reads', () => {
    const problems = problemsOf(() =>
      planFleet({
        path: 'fleet',
        clusters: twoClusters(),
        namespaces: [{ name: 'ns', labels: { 'pod-security.kubernetes.io/enforce': 'strict', 'pod-security.kubernetes.io/warn-version': '1.30', 'pod-security.kubernetes.io/audit-version': 'v1.30' } }],
        services: [{ path: 'fleet/app-a', name: 'app-a', options: appA() }],
      }),
    );
    expect(problems).toEqual([
      'fleet/namespaces[0]: labels["pod-security.kubernetes.io/enforce"] "strict" is not a Pod Security level; give restricted, baseline or privileged',
      'fleet/namespaces[0]: labels["pod-security.kubernetes.io/warn-version"] "1.30" is not a Kubernetes version Pod Security Admission reads; give latest or a minor version such as v1.30',
    ]);
  });

  test('a level the namespace allows passes', () => {
    expect(clustersetOf('baseline', { podSecurity: PodSecurityLevel.BASELINE })).toEqual([]);
    expect(clustersetOf('privileged', { podSecurity: PodSecurityLevel.PRIVILEGED })).toEqual([]);
    expect(clustersetOf('restricted', {})).toEqual([]);
  });
});

describe('overrides reach the whole template', () => {
  const template = {
    spec: {
      containers: [{ name: 'app-a' }, { name: 'proxy', image: 'envoyproxy/envoy:v1.30', args: ['--a'] }],
      volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
    },
  };

  test('patches change sidecars and volumes; shorthands and overriders change the service container only', () => {
    const w = workloadOf({
      podTemplate: template,
      clusterOverrides: {
        prodc: {
          env: { MODE: 'prod' },
          resources: { limits: { memory: '1Gi' } },
          argsOverriders: [{ containerName: 'app-a', operator: OverriderOperator.ADD, value: ['--verbose'] }],
          patches: [
            { op: JsonPatchOp.REPLACE, path: '/spec/template/spec/containers/1/image', value: 'envoyproxy/envoy:v1.31' },
            { op: JsonPatchOp.ADD, path: '/spec/template/spec/volumes/0/configMap/name', value: 'cfg-prod' },
          ],
        },
      },
    });
    const [app, proxy] = w.spec.template.spec.containers;
    expect(app).toMatchObject({ name: 'app-a', env: [{ name: 'MODE', value: 'prod' }], resources: { limits: { memory: '1Gi' } }, args: ['--verbose'] });
    expect(proxy).toMatchObject({ name: 'proxy', image: 'envoyproxy/envoy:v1.31', args: ['--a'] });
    expect(proxy.env).toBeUndefined();
    expect(w.spec.template.spec.volumes).toEqual([{ name: 'cfg', configMap: { name: 'cfg-prod' } }]);
  });

  test('a patch into a container or volume the template does not have is refused with the path', () => {
    const problems = problemsOf(() =>
      workloadOf({
        podTemplate: template,
        clusterOverrides: {
          prodc: {
            patches: [
              { op: JsonPatchOp.REPLACE, path: '/spec/template/spec/containers/2/image', value: 'x' },
              { op: JsonPatchOp.REMOVE, path: '/spec/template/spec/volumes/0/secret' },
            ],
          },
        },
      }),
    );
    expect(problems).toEqual([
      'fleet/app-a: cluster "prodc": patches: replace at "/spec/template/spec/containers/2/image": its parent does not exist in the workload',
      'fleet/app-a: cluster "prodc": patches: remove at "/spec/template/spec/volumes/0/secret", which does not exist in the workload',
    ]);
  });

  test('commandOverriders name the service container by its template name', () => {
    const w = workloadOf({ podTemplate: { spec: { containers: [{ name: 'main' }] } }, clusterOverrides: { prodc: { commandOverriders: [{ containerName: 'main', operator: OverriderOperator.ADD, value: ['/bin/app'] }] } } });
    expect(w.spec.template.spec.containers[0].command).toEqual(['/bin/app']);
    expect(problemsOf(() => workloadOf({ podTemplate: template, clusterOverrides: { prodc: { commandOverriders: [{ containerName: 'proxy', operator: OverriderOperator.ADD, value: ['x'] }] } } }))).toEqual([
      'fleet/app-a: cluster "prodc": commandOverriders: container "proxy" is not the service\'s container ("app-a"), the only one overriders change; patch /spec/template/spec/containers/1/command instead',
    ]);
  });
});

describe("the issue's acceptance program, its pod template part", () => {
  test('plans in a namespace enforcing restricted: the account keeps its token, every pod passes the restricted checks', () => {
    const fleet = planFleet({
      path: 'fleet',
      clusters: twoClusters(),
      namespaces: [{ name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } }],
      services: [
        {
          path: 'fleet/web',
          name: 'web',
          options: {
            ...appA(),
            namespace: 'shop',
            image: 'team/web:2.0.0',
            ports: [{ name: 'http', port: 8080 }],
            podTemplate: ISSUE_10_POD_TEMPLATE,
            ...ISSUE_10_DEPENDENCIES,
          },
        },
      ],
    });
    for (const cluster of ['prodc', 'localproda']) {
      const pod = find(objectsIn(fleet, cluster), 'Deployment').spec.template.spec;
      expect(pod.serviceAccountName).toBe('web');
      expect(pod.automountServiceAccountToken).toBeUndefined();
      expect(pod.containers[0]).toMatchObject({ name: 'web', image: expect.stringContaining('team/web:2.0.0'), envFrom: [{ secretRef: { name: 'web-secrets' } }] });
      expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    }
  });
});
