// A FleetGovernance's guardrails in the cdk8s flavour (direct delivery): the LimitRange and ResourceQuota
// written into each cluster's folder with the services of the namespace, schema-valid, or the synth refused.
import { parseAllDocuments } from 'yaml';
import { ClusterSet, ClusterSetApp, FleetGovernance, type GovernanceProps, MultiClusterService } from '../../lib';
import { hybridServices } from '../../examples/hybrid/services';
import { readTree, removeDir, tempDir } from '../support/files';
import { twoClusters } from '../support/fleet';
import { expectValidAgainstSchemas } from '../support/schema';

const GUARDRAILS: GovernanceProps = {
  namespaces: ['ns'],
  limits: { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } },
  quota: { requestsCpu: '8', requestsMemory: '16Gi', limitsCpu: '16', limitsMemory: '32Gi', pods: 50 },
};

function synth(outdir: string, props: GovernanceProps): Record<string, string> {
  const app = new ClusterSetApp({ outdir });
  const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
  for (const [name, options] of Object.entries(hybridServices)) new MultiClusterService(fleet, name, options);
  new FleetGovernance(fleet, 'guardrails', props);
  app.synth();
  return readTree(outdir);
}

describe('FleetGovernance guardrails in the cdk8s flavour', () => {
  const dirs: string[] = [];
  const dir = (name: string) => {
    const d = tempDir(name);
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach(removeDir));

  test('each cluster folder holds the namespace LimitRange and ResourceQuota, in the workloads wave, schema-valid', () => {
    const files = synth(dir('guardrails'), { ...GUARDRAILS, clusterOverrides: { localproda: { quota: { pods: 20 } } } });
    const guardrails = Object.keys(files).filter((f) => /LimitRange|ResourceQuota/.test(f));
    expect(guardrails).toEqual([
      'localproda/1-LimitRange.ns.clusterset-limits.k8s.yaml',
      'localproda/1-ResourceQuota.ns.clusterset-quota.k8s.yaml',
      'prodc/1-LimitRange.ns.clusterset-limits.k8s.yaml',
      'prodc/1-ResourceQuota.ns.clusterset-quota.k8s.yaml',
    ]);
    const manifests = guardrails.map((f) => parseAllDocuments(files[f])[0].toJS() as Record<string, any>);
    expectValidAgainstSchemas(manifests);
    expect(manifests.map((m) => m.spec.hard?.pods)).toEqual([undefined, '20', undefined, '50']);
    expect(manifests[2].metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'clusterset' });
  });

  test('a quota the services do not fit refuses the synth, and nothing is written', () => {
    const outdir = dir('over');
    // app-a runs 3 replicas in prodc, app-b 2 in localproda, each taking the default request of 100m.
    expect(() => synth(outdir, { ...GUARDRAILS, quota: { requestsCpu: '250m' } })).toThrow(
      /fleet\/guardrails: namespace "ns" in cluster "prodc" would request 300m CPU in all \(requests\.cpu\), more than its quota requestsCpu 250m CPU \(50m CPU over\); the most: fleet\/app-a 300m CPU \(100%\)/,
    );
    expect(readTree(outdir)).toEqual({});
  });
});
