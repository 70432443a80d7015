// Gatekeeper constraints built from the fleet (issue 12 §3): their parameters valid against the library
// templates' schemas, and the fleet's own pods passing them, or synth refusing the pod with the reason.
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import {
  ActivePlacement,
  AdmissionEnforcement,
  type AdmissionProps,
  type ClusterProps,
  ClusterSet,
  ClusterSetApp,
  Delivery,
  FleetGovernance,
  type FleetPlan,
  MultiClusterService,
  type MultiClusterServiceOptions,
  Networking,
  PlaceholderPlacement,
  PodSecurityLevel,
} from '../../lib';
import { readTree, removeDir, tempDir } from '../support/files';
import { planFleet } from '../../lib/core/plan';
import { LIBRARY_ROOT, matchesPod, violations } from '../support/gatekeeper';
import { problemsOf } from '../support/fleet';
import { expectValidAgainstSchemas, schemaProblems } from '../support/schema';

const clusters: ClusterProps[] = [
  { name: 'public', serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16' },
  { name: 'private', serviceCidr: '10.112.0.0/16', podCidr: '10.128.0.0/16', registry: 'registry.example.com' },
];

const probe = { httpGet: { path: '/healthz', port: 8080 } };

/** A service every rule admits: limits, both probes, the team label; extra options change one thing. */
function compliant(extra: Partial<MultiClusterServiceOptions> = {}): MultiClusterServiceOptions {
  return {
    namespace: 'shop',
    image: 'team/web:2.0.0',
    labels: { team: 'web' },
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    replicas: 2,
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    podTemplate: { spec: { containers: [{ name: 'web', readinessProbe: probe, livenessProbe: probe }] } },
    placements: [new ActivePlacement({ clusters: ['public'] }), new PlaceholderPlacement({ clusters: ['private'], networking: Networking.EXTERNAL_NAME })],
    ...extra,
  };
}

const ALL: AdmissionProps = { disallowHostPath: true, allowedRegistries: true, requireLimits: true, maxCpu: '2', maxMemory: '4Gi', requireProbes: true, requiredLabels: ['team'] };

function planned(options: MultiClusterServiceOptions, admission: AdmissionProps = ALL): FleetPlan {
  return planFleet({
    path: 'fleet',
    clusters,
    services: [{ path: 'fleet/web', name: 'web', options }],
    governance: [{ path: 'fleet/guardrails', props: { namespaces: ['shop'], admission } }],
  });
}

const constraintsIn = (plan: FleetPlan, cluster: string) => (plan.clusters.find((c) => c.cluster === cluster)?.objects ?? []).map((o) => o.manifest as Record<string, any>).filter((m) => m.apiVersion.startsWith('constraints.gatekeeper.sh/'));
const podsIn = (plan: FleetPlan, cluster: string) =>
  (plan.clusters.find((c) => c.cluster === cluster)?.objects ?? []).map((o) => o.manifest as Record<string, any>).filter((m) => m.kind === 'Deployment').map((d) => ({ namespace: d.metadata.namespace, pod: d.spec.template }));

describe('admission policies from the fleet', () => {
  test('each rule is a constraint of its library template in every cluster of the governed namespace, schema-valid', () => {
    const plan = planned(compliant());
    for (const cluster of ['public', 'private']) {
      const constraints = constraintsIn(plan, cluster);
      expect(constraints.map((c) => c.kind)).toEqual(['K8sAllowedRepos', 'K8sPSPHostFilesystem', 'K8sContainerLimits', 'K8sRequiredProbes', 'K8sRequiredLabels']);
      expectValidAgainstSchemas(constraints);
      expect(constraints.every((c) => c.metadata.name === 'fleet-guardrails' && c.spec.enforcementAction === 'deny' && JSON.stringify(c.spec.match.namespaces) === '["shop"]')).toBe(true);
    }
    // The registry a cluster declares is its allowed repository; elsewhere, the repositories it runs.
    expect(constraintsIn(plan, 'public')[0].spec.parameters).toEqual({ repos: ['team/web:'] });
    expect(constraintsIn(plan, 'private')[0].spec.parameters).toEqual({ repos: ['registry.example.com/'] });
    expect(constraintsIn(planned(compliant(), { requireLimits: true, enforcementAction: AdmissionEnforcement.WARN }), 'public')).toEqual([
      expect.objectContaining({ kind: 'K8sContainerLimits', spec: expect.objectContaining({ enforcementAction: 'warn', parameters: { cpu: '1000000' } }) }),
    ]);
  });

  test('the fleet’s own pods pass the fleet’s own constraints, read as the templates document them', () => {
    const plan = planned(compliant());
    let checked = 0;
    for (const cluster of ['public', 'private']) {
      for (const constraint of constraintsIn(plan, cluster)) {
        for (const { namespace, pod } of podsIn(plan, cluster).filter((p) => matchesPod(constraint, p.namespace))) {
          expect([cluster, constraint.kind, namespace, violations(constraint, pod)]).toEqual([cluster, constraint.kind, namespace, []]);
          checked++;
        }
      }
    }
    expect(checked).toBe(10);
  });

  test.each([
    ['a hostPath volume', compliant({ podSecurity: PodSecurityLevel.PRIVILEGED, podTemplate: { spec: { containers: [{ name: 'web', readinessProbe: probe, livenessProbe: probe }], volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] } } }), 'volume "logs" is a hostPath, which fleet/guardrails admission.disallowHostPath refuses', 'K8sPSPHostFilesystem'],
    ['no memory limit', compliant({ resources: { requests: { cpu: '100m' }, limits: { cpu: '500m' } } }), "container \"web\" sets no memory limit, which fleet/guardrails admission.requireLimits requires; set resources.limits.memory, or a limits.default in the namespace's governance", 'K8sContainerLimits'],
    ['a CPU limit over the maximum', compliant({ resources: { limits: { cpu: '3', memory: '512Mi' } } }), 'container "web" has a cpu limit of 3, above the 2 fleet/guardrails admission.maxCpu allows; lower it', 'K8sContainerLimits'],
    ['no probes', compliant({ podTemplate: undefined }), 'container "web" has no readinessProbe and livenessProbe, which fleet/guardrails admission.requireProbes requires', 'K8sRequiredProbes'],
    ['no team label', compliant({ labels: {} }), 'its pods have no label "team", which fleet/guardrails admission.requiredLabels requires', 'K8sRequiredLabels'],
  ])('refuses %s, naming the service, the cluster, the rule and the fix, as the template would', (_what, options, message, kind) => {
    const problems = problemsOf(() => planned(options));
    expect(problems.join('\n')).toContain(`fleet/web: cluster "public": ${message}`);
    // The template refuses that pod too: the compliant plan's constraint, read independently, on the refused pod.
    const constraint = constraintsIn(planned(compliant()), 'public').find((c) => c.kind === kind) as Record<string, any>;
    const unchecked = planFleet({ path: 'fleet', clusters, services: [{ path: 'fleet/web', name: 'web', options }] });
    expect(violations(constraint, podsIn(unchecked, 'public')[0].pod)).not.toEqual([]);
  });

  test('a limit the namespace’s LimitRange defaults counts: the pod has it when Gatekeeper sees it', () => {
    const options = compliant({ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m' } } });
    const plan = planFleet({
      path: 'fleet',
      clusters,
      services: [{ path: 'fleet/web', name: 'web', options }],
      governance: [{ path: 'fleet/guardrails', props: { namespaces: ['shop'], admission: { requireLimits: true, maxMemory: '4Gi' }, limits: { default: { memory: '512Mi' } } } }],
    });
    expect(constraintsIn(plan, 'public').map((c) => c.kind)).toEqual(['K8sContainerLimits']);
  });

  test('refuses an image that leaves the registry its cluster declares', () => {
    const options = compliant({ placements: [new ActivePlacement({ clusters: ['private'], overrides: { image: { registry: 'docker.io' } } })] });
    expect(problemsOf(() => planned(options))).toEqual([
      'fleet/web: cluster "private": container "web" runs image "docker.io/team/web:2.0.0", which is not from registry.example.com/ (fleet/guardrails admission.allowedRegistries); drop the override that names another registry, or mirror the image there',
    ]);
  });

  test('the schema check reads each template: a parameter of the wrong type is reported', () => {
    const constraint = { ...constraintsIn(planned(compliant()), 'public')[0] };
    expect(schemaProblems({ ...constraint, spec: { ...constraint.spec, parameters: { repos: 'team/' } } }).map((p) => p.message).join('\n')).toMatch(/spec\.parameters\.repos: must be array/);
    expect(schemaProblems({ ...constraint, spec: { ...constraint.spec, parameters: { reposs: ['x'] } } }).map((p) => p.message).join('\n')).toContain('unknown field "reposs"');
  });
});

describe('admission templates by reference', () => {
  const governed = (admission: AdmissionProps) => {
    const dir = tempDir('admission');
    return { dir, synth: (delivery = Delivery.direct()) => {
      const app = new ClusterSetApp({ outdir: path.join(dir, 'dist') });
      const fleet = new ClusterSet(app, 'fleet', { clusters, delivery });
      new MultiClusterService(fleet, 'web', compliant());
      new FleetGovernance(fleet, 'guardrails', { namespaces: ['shop'], admission });
      app.synth();
      return readTree(path.join(dir, 'dist'));
    } };
  };

  test('each cluster folder lists the library templates of its constraints first, at the pinned commit, paths that exist in the library', () => {
    const { dir, synth } = governed(ALL);
    try {
      const files = synth();
      const kustomization = YAML.parse(files[path.join('public', 'kustomization.yaml')]);
      const remote = kustomization.resources.filter((r: string) => r.startsWith('https://'));
      expect(kustomization.resources.slice(0, remote.length)).toEqual(remote);
      expect(remote).toHaveLength(5);
      // Every URL names the tested commit and a template the library holds there (../shared/gatekeeper-library/README.md).
      const readme = fs.readFileSync(path.join(LIBRARY_ROOT, 'README.md'), 'utf8');
      for (const url of remote) {
        const [, commit, templatePath] = /^https:\/\/raw\.githubusercontent\.com\/open-policy-agent\/gatekeeper-library\/([0-9a-f]{40})\/(.+)$/.exec(url) ?? [];
        expect(readme).toContain(`open-policy-agent/gatekeeper-library @ ${commit}`);
        expect(readme).toContain(`| ${templatePath} |`);
      }
      // Every other entry is a file of the folder.
      expect(kustomization.resources.slice(remote.length).every((f: string) => files[path.join('public', f)] !== undefined)).toBe(true);
    } finally {
      removeDir(dir);
    }
  });

  test('Argo CD lets a constraint wait for its template: no dry run until the CRD exists, a later wave', () => {
    const { dir, synth } = governed({ requireLimits: true });
    try {
      const files = synth(Delivery.argoCd({ repoURL: 'https://git.example.com/fleet.git' }));
      const constraint = YAML.parse(files[Object.keys(files).find((f) => f.includes('K8sContainerLimits') && f.startsWith('public')) as string]);
      expect(constraint.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '2', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
      expect(YAML.parse(files[path.join('public', 'kustomization.yaml')]).resources[0]).toBe(
        'https://raw.githubusercontent.com/open-policy-agent/gatekeeper-library/5c441fb645f257b2c428fe9aea22da24a94b5bab/library/general/containerlimits/template.yaml',
      );
    } finally {
      removeDir(dir);
    }
  });

  test('a library revision that is not a commit is refused, nothing written', () => {
    const { dir, synth } = governed({ requireLimits: true, libraryRevision: 'master' });
    try {
      expect(problemsOf(() => synth())).toEqual([
        'fleet/guardrails: admission.libraryRevision "master" is not a commit of 40 hex digits; pin the Gatekeeper library to a commit, such as 5c441fb645f257b2c428fe9aea22da24a94b5bab',
      ]);
      expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    } finally {
      removeDir(dir);
    }
  });
});
