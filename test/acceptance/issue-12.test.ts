// Issue 12's acceptance program, as written there: guardrails, admission, mesh and network policies for the
// shop namespace, and the fleet's monitoring identity, synthesized from the same plan as the services.
import * as path from 'node:path';
import YAML from 'yaml';
import {
  ClusterSet,
  ClusterSetApp,
  FleetGovernance,
  FleetMonitoring,
  MultiClusterService,
} from '../../lib';
import { matchesPod, violations } from '../support/gatekeeper';
import { ISSUE_12_CLUSTERS, issue12Service } from '../support/issue-12';
import { expectValidAgainstSchemas } from '../support/schema';
import { readTree, removeDir, tempDir } from '../support/files';

/** What the program leaves to `/* ... *\/`: a shop service with limits, probes and its team. */
const body = issue12Service;

function program(outdir: string): ClusterSetApp {
  const app = new ClusterSetApp({ outdir });
  const fleet = new ClusterSet(app, 'fleet', {
    clusters: ISSUE_12_CLUSTERS,
  });
  new MultiClusterService(fleet, 'web', body('web'));
  // --- as written in the issue ---
  // clusters may declare `zone` and, with a mesh, `mesh.trustDomain`
  new MultiClusterService(fleet, 'orders', { ...body('orders'), callers: ['web'] });
  new FleetGovernance(fleet, 'guardrails', {
    namespaces: ['shop'],
    limits: { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } },
    quota: { requestsCpu: '8', requestsMemory: '16Gi', limitsCpu: '16', limitsMemory: '32Gi', pods: 50 },
    admission: { disallowHostPath: true, allowedRegistries: true, requireLimits: true, requireProbes: true,
                 requiredLabels: ['team'] },
    mesh: { strictMtls: true, authorizeCallers: true },
    networkPolicies: { defaultDeny: true },
  });
  new FleetMonitoring(fleet, 'monitoring', {
    environment: 'prod',
    remoteWrite: { url: 'http://metrics.example.com/api/v1/write', dropReplicaLabel: true },
  });
  // ---
  return app;
}

describe('issue 12: governance and observability, the acceptance program', () => {
  test('synthesizes as written: every object schema-valid, the guardrails, rules and monitoring in each cluster, and the fleet’s pods admitted', () => {
    const dir = tempDir('issue-12');
    try {
      program(path.join(dir, 'dist')).synth();
      const files = readTree(path.join(dir, 'dist'));
      const docs = (cluster: string) =>
        Object.entries(files)
          .filter(([f]) => f.startsWith(`${cluster}${path.sep}`) && f.endsWith('.k8s.yaml'))
          .flatMap(([, yaml]) => YAML.parseAllDocuments(yaml).map((d) => d.toJSON() as Record<string, any>));
      for (const cluster of ['east', 'west']) {
        const objects = docs(cluster);
        expectValidAgainstSchemas(objects);
        const kinds = new Set(objects.map((o) => o.kind));
        for (const kind of ['LimitRange', 'ResourceQuota', 'PeerAuthentication', 'NetworkPolicy', 'Prometheus', 'K8sAllowedRepos', 'K8sContainerLimits', 'K8sRequiredProbes', 'K8sRequiredLabels', 'K8sPSPHostFilesystem']) {
          expect([cluster, kind, kinds.has(kind)]).toEqual([cluster, kind, true]);
        }
        const prometheus = objects.find((o) => o.kind === 'Prometheus');
        expect(prometheus?.spec.externalLabels).toEqual({ cluster, environment: 'prod', zone: cluster === 'east' ? 'zone-a' : 'zone-b' });
        // The fleet's own pods pass the fleet's own constraints.
        const constraints = objects.filter((o) => o.apiVersion.startsWith('constraints.gatekeeper.sh/'));
        for (const workload of objects.filter((o) => o.kind === 'Deployment' && o.metadata.namespace === 'shop')) {
          for (const c of constraints.filter((x) => matchesPod(x, 'shop'))) expect([cluster, c.kind, workload.metadata.name, violations(c, workload.spec.template)]).toEqual([cluster, c.kind, workload.metadata.name, []]);
        }
      }
      // orders admits its declared caller, web, by identity in the shared trust domain.
      const authz = docs('east').find((o) => o.kind === 'AuthorizationPolicy' && o.metadata.name === 'orders-callers');
      expect(JSON.stringify(authz?.spec)).toContain('example.com/ns/shop/sa/');
      expect(Object.keys(files).some((f) => f.endsWith('kustomization.yaml'))).toBe(true);
    } finally {
      removeDir(dir);
    }
  });
});
