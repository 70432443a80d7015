import * as path from 'node:path';
import { CRD_ROOT, crdsAvailable, expectValidAgainstSchemas, type SchemaProblem, schemaProblems } from './schema';

type Manifest = Record<string, unknown>;

const meta = (name: string, namespace = 'shop') => ({ name, namespace });

function deployment(replicas: unknown): Manifest {
  const labels = { app: 'web' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web'),
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
    },
  };
}

function serviceExport(apiVersion: string, spec?: unknown): Manifest {
  return { apiVersion, kind: 'ServiceExport', metadata: meta('web'), ...(spec === undefined ? {} : { spec }) };
}

function virtualService(spec: Manifest): Manifest {
  return { apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', metadata: meta('web'), spec };
}

function serviceEntry(resolution: string): Manifest {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: meta('web-remote'),
    spec: { hosts: ['web.shop.global'], location: 'MESH_INTERNAL', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution },
  };
}

const validVirtualServiceSpec = {
  hosts: ['web.shop.svc.cluster.local'],
  http: [{ route: [{ destination: { host: 'web.shop.svc.cluster.local', port: { number: 80 } }, weight: 100 }] }],
};

const messages = (problems: readonly SchemaProblem[]) => problems.map((p) => p.message);

describe('schemaProblems: core kinds (kubernetes-models)', () => {
  it('accepts a valid Deployment', () => {
    expect(schemaProblems(deployment(3))).toEqual([]);
  });

  it('rejects a non-integer replica count, naming the path and the object', () => {
    const problems = schemaProblems(deployment('three'));
    expect(problems).toEqual([{ object: 'Deployment shop/web', message: 'spec.replicas: must be integer' }]);
  });

  it('rejects a Service port without `port`', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { selector: { app: 'web' }, ports: [{ name: 'http', targetPort: 8080 }] } };
    expect(messages(schemaProblems(service))).toEqual(['spec.ports[0]: must have required property port']);
  });

  it('rejects an EndpointSlice without addressType', () => {
    const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('web-remote'), endpoints: [{ addresses: ['10.0.0.1'] }] };
    expect(messages(schemaProblems(slice))).toEqual(['(root): must have required property addressType']);
    expect(schemaProblems({ ...slice, addressType: 'IPv4' })).toEqual([]);
  });

  it('requires metadata.name', () => {
    expect(messages(schemaProblems({ apiVersion: 'v1', kind: 'Namespace', metadata: {} }))).toContain('metadata.name: is required (non-empty string)');
  });
});

describe('schemaProblems: CRD kinds', () => {
  it('finds the upstream CRDs beside the repo', () => {
    expect(crdsAvailable()).toBe(true);
  });

  it('accepts a valid ServiceExport v1alpha1 and v1beta1', () => {
    expect(schemaProblems(serviceExport('multicluster.x-k8s.io/v1alpha1'))).toEqual([]);
    expect(schemaProblems(serviceExport('multicluster.x-k8s.io/v1beta1', { exportedLabels: { tier: 'web' } }))).toEqual([]);
  });

  it('rejects a ServiceExport whose exportedLabels values are not strings', () => {
    const problems = messages(schemaProblems(serviceExport('multicluster.x-k8s.io/v1alpha1', { exportedLabels: { tier: 5 } })));
    expect(problems).toEqual(['spec.exportedLabels.tier: must be string (CRD serviceexport.yaml)']);
  });

  it('reports fields the ServiceExport CRD does not declare', () => {
    const problems = messages(schemaProblems(serviceExport('multicluster.x-k8s.io/v1alpha1', { exportName: 5 })));
    expect(problems).toEqual(['spec.exportName: unknown field "exportName" (CRD serviceexport.yaml)']);
  });

  it('treats an int-or-string field as integer or string (Argo CD kustomize replica count, through @kubernetes-models/argo-cd)', () => {
    const app = (count: unknown): Manifest => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: meta('web', 'argocd'),
      spec: {
        project: 'default',
        source: { repoURL: 'https://example.com/repo.git', path: 'web', kustomize: { replicas: [{ name: 'web', count }] } },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
      },
    });
    expect(schemaProblems(app(2))).toEqual([]);
    expect(schemaProblems(app('2'))).toEqual([]);
    expect(messages(schemaProblems(app(true)))).toContain('spec.source.kustomize.replicas[0].count: must be integer');
    // The CRD adds its strictness pass only: a misspelt field is reported against it.
    const misspelt = app(2);
    (misspelt.spec as Manifest).destinaton = (misspelt.spec as Manifest).destination;
    expect(messages(schemaProblems(misspelt))).toContain('spec.destinaton: unknown field "destinaton" (CRD application.yaml)');
  });

  it('reports an unknown kind instead of passing it', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('w') };
    expect(schemaProblems(widget)).toEqual([{ object: 'Widget shop/w', message: 'no schema known for example.com/v1 Widget' }]);
  });

  it('says where to get the CRDs when they are missing', () => {
    const missing = path.join(CRD_ROOT, 'does-not-exist');
    const problems = messages(schemaProblems(serviceExport('multicluster.x-k8s.io/v1alpha1'), missing));
    expect(problems).toEqual([`upstream CRDs not found at ${missing}: clone the shared folder beside the repo (see ../shared/crds/README.md)`]);
    // Core kinds do not need the CRDs.
    expect(schemaProblems(deployment(2), missing)).toEqual([]);
  });
});

describe('schemaProblems: Istio kinds (model package + CRD strictness pass)', () => {
  it('accepts a valid VirtualService', () => {
    expect(schemaProblems(virtualService(validVirtualServiceSpec))).toEqual([]);
  });

  it('reports a misspelt VirtualService field through the strictness pass', () => {
    const { hosts, ...rest } = validVirtualServiceSpec;
    const problems = messages(schemaProblems(virtualService({ ...rest, hostz: hosts })));
    expect(problems).toContain('spec.hostz: unknown field "hostz" (CRD virtualservice.yaml)');
  });

  it('rejects a ServiceEntry with an unknown resolution (the model package checks types; the CRD only adds the strictness pass)', () => {
    expect(schemaProblems(serviceEntry('DNS'))).toEqual([]);
    const problems = messages(schemaProblems(serviceEntry('BOGUS')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^spec\.resolution: must be equal to one of the allowed values: \[.*"DNS".*\]$/);
  });

  it('still validates Istio kinds with the model package when the CRDs are missing', () => {
    const problems = messages(schemaProblems(serviceEntry('BOGUS'), path.join(CRD_ROOT, 'does-not-exist')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^spec\.resolution: must be equal to one of the allowed values: \[.*"DNS".*\]$/);
  });
});

describe('expectValidAgainstSchemas', () => {
  it('passes valid manifests and lists every problem of invalid ones', () => {
    expect(() => expectValidAgainstSchemas([deployment(1), serviceExport('multicluster.x-k8s.io/v1beta1')])).not.toThrow();
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('w') };
    expect(() => expectValidAgainstSchemas([deployment('three'), widget])).toThrow(
      /2 schema problem\(s\) in 2 manifest\(s\):\n {2}- Deployment shop\/web: spec\.replicas: must be integer\n {2}- Widget shop\/w: no schema known/,
    );
  });
});
