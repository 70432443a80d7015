import {
  ActivePlacement,
  ImageComponent,
  JsonPatchOp,
  type MultiClusterServiceOptions,
  Networking,
  OverriderOperator,
  type Overrides,
  PlaceholderPlacement,
} from '../../lib';
import { expectValidAgainstSchemas } from '../support/schema';
import { appA, find, objectsIn, plan, problemsOf } from '../support/fleet';

/** app-a with `overrides` on its active placement in prodc and `clusterOverrides` as given. */
function withOverrides(overrides: Overrides, clusterOverrides: MultiClusterServiceOptions['clusterOverrides'] = undefined, extra: Partial<MultiClusterServiceOptions> = {}) {
  return {
    ...appA(Networking.ISTIO),
    command: ['/app'],
    args: ['--port=7070', '--verbose'],
    ...extra,
    placements: [new ActivePlacement({ clusters: ['prodc'], overrides }), new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO })],
    ...(clusterOverrides ? { clusterOverrides } : {}),
  };
}

const prodcWorkload = (options: MultiClusterServiceOptions) => find(objectsIn(plan({ 'app-a': options }), 'prodc'), 'Deployment');
const container = (options: MultiClusterServiceOptions) => prodcWorkload(options).spec.template.spec.containers[0];

describe('Karmada overriders', () => {
  test.each<[string, Overrides['imageOverriders'], string]>([
    ['add to the registry', [{ component: ImageComponent.REGISTRY, operator: OverriderOperator.ADD, value: 'registry.example.com' }], 'registry.example.com/team/app-a:1.4.2'],
    ['add to the tag', [{ component: ImageComponent.TAG, operator: OverriderOperator.ADD, value: '-debug' }], 'team/app-a:1.4.2-debug'],
    ['replace the repository', [{ component: ImageComponent.REPOSITORY, operator: OverriderOperator.REPLACE, value: 'mirror/app-a' }], 'mirror/app-a:1.4.2'],
    ['remove the tag', [{ component: ImageComponent.TAG, operator: OverriderOperator.REMOVE }], 'team/app-a'],
    ['replace the tag by a digest', [{ component: ImageComponent.TAG, operator: OverriderOperator.REPLACE, value: `sha256:${'a'.repeat(64)}` }], `team/app-a@sha256:${'a'.repeat(64)}`],
    [
      'several, in order',
      [
        { component: ImageComponent.REGISTRY, operator: OverriderOperator.REPLACE, value: 'a.example.com' },
        { component: ImageComponent.REGISTRY, operator: OverriderOperator.REMOVE },
        { component: ImageComponent.TAG, operator: OverriderOperator.REPLACE, value: '2.0.0' },
      ],
      'team/app-a:2.0.0',
    ],
  ])('image: %s', (_name, imageOverriders, image) => {
    expect(container(withOverrides({ imageOverriders })).image).toBe(image);
  });

  test('labels and annotations: add, replace and remove on the workload', () => {
    const workload = prodcWorkload(
      withOverrides(
        {
          labels: { tier: 'web', zone: 'a' },
          labelsOverriders: [
            { operator: OverriderOperator.REPLACE, value: { tier: 'gold' } },
            { operator: OverriderOperator.REMOVE, value: { zone: '' } },
            { operator: OverriderOperator.ADD, value: { team: 'payments' } },
          ],
          annotationsOverriders: [{ operator: OverriderOperator.ADD, value: { 'example.com/owner': 'sre' } }],
        },
        undefined,
        { annotations: { note: 'x' } },
      ),
    );
    expect(workload.metadata.labels).toMatchObject({ tier: 'gold', team: 'payments' });
    expect(workload.metadata.labels.zone).toBeUndefined();
    expect(workload.metadata.annotations).toEqual({ 'example.com/owner': 'sre', note: 'x' });
  });

  test('command and args: add and remove on the service container', () => {
    const c = container(
      withOverrides({
        commandOverriders: [{ containerName: 'app-a', operator: OverriderOperator.ADD, value: ['--config=/etc/app.yaml'] }],
        argsOverriders: [
          { operator: OverriderOperator.REMOVE, value: ['--verbose'] },
          { operator: OverriderOperator.ADD, value: ['--region=hangzhou'] },
        ],
      }),
    );
    expect(c.command).toEqual(['/app', '--config=/etc/app.yaml']);
    expect(c.args).toEqual(['--port=7070', '--region=hangzhou']);
  });

  test('env and resources', () => {
    const c = container(withOverrides({ env: { MODE: 'dr' }, resources: { limits: { memory: '1Gi' } } }, undefined, { env: { MODE: 'normal', LOG: 'info' }, resources: { requests: { cpu: '1' } } }));
    expect(c.env).toEqual([
      { name: 'LOG', value: 'info' },
      { name: 'MODE', value: 'dr' },
    ]);
    expect(c.resources).toEqual({ limits: { memory: '1Gi' } });
  });

  test('JSON patches come last and reach any field of the workload', () => {
    const workload = prodcWorkload(
      withOverrides({
        replicas: 5,
        patches: [
          { op: JsonPatchOp.ADD, path: '/spec/template/spec/nodeSelector', value: { 'topology.kubernetes.io/zone': 'hz-a' } },
          { op: JsonPatchOp.ADD, path: '/spec/minReadySeconds', value: 10 },
          { op: JsonPatchOp.ADD, path: '/spec/template/spec/containers/0/ports/-', value: { name: 'metrics', containerPort: 9100, protocol: 'TCP' } },
          { op: JsonPatchOp.REMOVE, path: '/spec/template/spec/containers/0/args/1' },
        ],
      }),
    );
    expect(workload.spec.replicas).toBe(5);
    expect(workload.spec.minReadySeconds).toBe(10);
    expect(workload.spec.template.spec.nodeSelector).toEqual({ 'topology.kubernetes.io/zone': 'hz-a' });
    expect(workload.spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name)).toEqual(['http', 'http-alt', 'metrics']);
    expect(workload.spec.template.spec.containers[0].args).toEqual(['--port=7070']);
    expectValidAgainstSchemas([workload]);
  });

  test('precedence: the cluster’s registry < the placement’s overrides < the cluster’s own overrides', () => {
    const options = {
      ...appA(),
      placements: [
        new ActivePlacement({ clusters: ['prodc'] }),
        new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO, overrides: { image: { registry: 'placement.example.com' }, env: { A: 'placement', B: 'placement' } } }),
      ],
      clusterOverrides: { localproda: { image: { tag: '9.9.9' }, env: { B: 'cluster' } } },
    };
    const c = find(objectsIn(plan({ 'app-a': options }), 'localproda'), 'Deployment').spec.template.spec.containers[0];
    expect(c.image).toBe('placement.example.com/team/app-a:9.9.9');
    expect(c.env).toEqual([
      { name: 'A', value: 'placement' },
      { name: 'B', value: 'cluster' },
    ]);
    // Without overrides, the cluster's own registry (localproda: registry.example.com) applies.
    const plain = find(objectsIn(plan({ 'app-a': { ...options, placements: [options.placements[0], new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO })], clusterOverrides: undefined } }), 'localproda'), 'Deployment');
    expect(plain.spec.template.spec.containers[0].image).toBe('registry.example.com/team/app-a:1.4.2');
  });
});

test('a cluster’s own overrides win over its placement’s overriders and patches, whatever their kind', () => {
  const options = {
    ...withOverrides({ imageOverriders: [{ component: ImageComponent.TAG, operator: OverriderOperator.REPLACE, value: 'placement' }], labelsOverriders: [{ operator: OverriderOperator.ADD, value: { tier: 'placement' } }] }),
    clusterOverrides: { prodc: { image: { tag: 'cluster' }, labels: { tier: 'cluster' } } },
  };
  const workload = prodcWorkload(options);
  expect(workload.spec.template.spec.containers[0].image).toBe('team/app-a:cluster');
  expect(workload.metadata.labels.tier).toBe('cluster');
});

describe('overrides that point at nothing are errors', () => {
  test('cluster overrides for a cluster the service is not in, or replicas for a placeholder', () => {
    expect(problemsOf(() => plan({ 'app-a': withOverrides({}, { mars: { replicas: 1 }, localproda: { replicas: 2 } }) }))).toEqual([
      'fleet/app-a: clusterOverrides["mars"] names a cluster this service is not placed in (placed in: prodc, localproda); remove it or place the service there',
      'fleet/app-a: clusterOverrides["localproda"] overrides replicas to 2, but "localproda" is a placeholder and runs 0; use an ActivePlacement to run replicas there',
    ]);
  });

  test('every kind of overrider, all reported together', () => {
    const found = problemsOf(() =>
      plan({
        'app-a': withOverrides(
          {
            imageOverriders: [
              { component: ImageComponent.REGISTRY, operator: OverriderOperator.REMOVE },
              { component: ImageComponent.TAG, operator: OverriderOperator.ADD },
            ],
            labelsOverriders: [{ operator: OverriderOperator.REPLACE, value: { missing: 'x' } }],
            annotationsOverriders: [{ operator: OverriderOperator.REMOVE, value: { nothere: '' } }],
            commandOverriders: [{ containerName: 'sidecar', operator: OverriderOperator.ADD, value: ['x'] }],
            argsOverriders: [{ operator: OverriderOperator.REMOVE, value: ['--absent'] }],
            patches: [
              { op: JsonPatchOp.REPLACE, path: '/spec/template/spec/hostname', value: 'x' },
              { op: JsonPatchOp.ADD, path: '/spec/nothing/here', value: 1 },
              { op: JsonPatchOp.REMOVE, path: '/spec/template/spec/containers/3' },
            ],
          },
        ),
      }),
    );
    expect(found).toEqual([
      'fleet/app-a: cluster "prodc": imageOverriders: remove of Registry on "team/app-a:1.4.2", which has none',
      'fleet/app-a: cluster "prodc": imageOverriders: add of Tag needs a value',
      'fleet/app-a: cluster "prodc": commandOverriders: container "sidecar" does not exist (the workload\'s container is "app-a")',
      'fleet/app-a: cluster "prodc": argsOverriders: remove of "--absent", which is not among [--port=7070, --verbose]',
      'fleet/app-a: cluster "prodc": labelsOverriders: replace of "missing", which the workload does not have',
      'fleet/app-a: cluster "prodc": annotationsOverriders: remove of "nothere", which the workload does not have',
      'fleet/app-a: cluster "prodc": patches: replace at "/spec/template/spec/hostname", which does not exist in the workload',
      'fleet/app-a: cluster "prodc": patches: add at "/spec/nothing/here": its parent does not exist in the workload',
      'fleet/app-a: cluster "prodc": patches: remove at "/spec/template/spec/containers/3": index 3 is outside the list of 1',
    ]);
  });

  test('patches cannot touch identity, selector, owned labels or replicas, and must be well formed', () => {
    const found = problemsOf(() =>
      plan({
        'app-a': withOverrides({
          patches: [
            { op: JsonPatchOp.REPLACE, path: '/kind', value: 'DaemonSet' },
            { op: JsonPatchOp.REPLACE, path: '/metadata/labels/app.kubernetes.io~1name', value: 'evil' },
            { op: JsonPatchOp.REPLACE, path: '/spec/replicas', value: 5 },
            { op: JsonPatchOp.REPLACE, path: '/spec', value: { replicas: 2 } },
            { op: JsonPatchOp.ADD, path: '/spec/template/spec/nodeSelector' },
            { op: JsonPatchOp.ADD, path: 'spec/paused', value: true },
          ],
        }),
      }),
    );
    expect(found).toEqual([
      'fleet/app-a: placements[0] (active) overrides.patches[0] replace at "/kind" touches what clusterset owns (identity, selector, its labels, replicas); use replicas or scheduling for replicas',
      'fleet/app-a: placements[0] (active) overrides.patches[1] replace at "/metadata/labels/app.kubernetes.io~1name" touches what clusterset owns (identity, selector, its labels, replicas); use replicas or scheduling for replicas',
      'fleet/app-a: placements[0] (active) overrides.patches[2] replace at "/spec/replicas" touches what clusterset owns (identity, selector, its labels, replicas); use replicas or scheduling for replicas',
      'fleet/app-a: placements[0] (active) overrides.patches[3] replace of all of "/spec" would drop what clusterset owns beneath it; patch the fields inside it',
      'fleet/app-a: placements[0] (active) overrides.patches[4] add at "/spec/template/spec/nodeSelector" needs a value',
      'fleet/app-a: placements[0] (active) overrides.patches[5] path "spec/paused" is not a JSON pointer such as /spec/template/spec/nodeSelector (escape "/" as ~1 and "~" as ~0)',
    ]);
  });

  test('an image overrider that makes no valid image, or a registry a runtime would misread', () => {
    expect(problemsOf(() => plan({ 'app-a': withOverrides({ imageOverriders: [{ component: ImageComponent.REGISTRY, operator: OverriderOperator.REPLACE, value: 'mirror' }] }) }))).toEqual([
      'fleet/app-a: cluster "prodc": imageOverriders make registry "mirror", which a runtime would read as a Docker Hub namespace; give a host such as registry.example.com',
    ]);
    expect(problemsOf(() => plan({ 'app-a': withOverrides({ imageOverriders: [{ component: ImageComponent.TAG, operator: OverriderOperator.ADD, value: ' x' }] }) }))[0]).toContain('is not an image reference');
  });

  test('overriders cannot touch the labels clusterset owns', () => {
    expect(problemsOf(() => plan({ 'app-a': withOverrides({ labelsOverriders: [{ operator: OverriderOperator.REMOVE, value: { 'app.kubernetes.io/name': '' } }] }) }))).toEqual([
      'fleet/app-a: placements[0] (active) overrides.labelsOverriders sets "app.kubernetes.io/name", which clusterset sets itself (it selects pods and finds its objects by it); use another key',
    ]);
  });
});
