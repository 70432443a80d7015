import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActivePlacement, ClusterSet, ClusterSetApp, MultiClusterService, Networking, PlaceholderPlacement, WorkloadKind } from '../../lib';
import { appA, twoClusters } from '../support/fleet';

function synthDb(outdir: string, active: string, placeholder: string): void {
  const app = new ClusterSetApp({ outdir });
  const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
  new MultiClusterService(fleet, 'db', {
    ...appA(Networking.ISTIO),
    workload: WorkloadKind.STATEFUL_SET,
    placements: [new ActivePlacement({ clusters: [active] }), new PlaceholderPlacement({ clusters: [placeholder], networking: Networking.ISTIO })],
  });
  app.synth();
}

describe('re-synth over a previous output', () => {
  let outdir: string;
  let warn: jest.SpyInstance;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterset-replace-'));
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    warn.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('a StatefulSet moving between clusters names the Services that need a delete before apply', () => {
    synthDb(outdir, 'prodc', 'localproda');
    expect(warn).not.toHaveBeenCalled();
    synthDb(outdir, 'localproda', 'prodc');
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0][0]);
    expect(message).toContain('2 object(s) cannot be applied over the previous output');
    expect(message).toMatch(/- prodc: Service ns\/db spec\.clusterIP None -> \(allocated\); in cluster "prodc": kubectl delete service db -n ns, then apply the new version/);
    expect(message).toMatch(/- localproda: Service ns\/db spec\.clusterIP \(allocated\) -> None;/);
  });

  test('a Deployment moving between clusters applies in place: nothing to warn of', () => {
    const synth = (active: string, placeholder: string) => {
      const app = new ClusterSetApp({ outdir });
      const fleet = new ClusterSet(app, 'fleet', { clusters: twoClusters() });
      new MultiClusterService(fleet, 'app-a', {
        ...appA(Networking.ENDPOINT_SLICE),
        placements: [new ActivePlacement({ clusters: [active] }), new PlaceholderPlacement({ clusters: [placeholder], networking: Networking.ENDPOINT_SLICE })],
      });
      app.synth();
    };
    synth('prodc', 'localproda');
    synth('localproda', 'prodc');
    expect(warn).not.toHaveBeenCalled();
  });
});
