// Direct delivery: each cluster's objects in its own folder, applied to it by the user or a pipeline.
import type { DeliveryInput, DeliveryOutput, IDeliveryEngine } from './engine';
import { KustomizationFile } from './kustomization';

/** Each cluster's objects in `dist/<cluster>/`, as planned. */
export class DirectDelivery implements IDeliveryEngine {
  public readonly name = 'Delivery.direct()';
  public readonly clusterFolders = true;
  public readonly hubObjects = false;
  public readonly keepsClusterIPs = true;

  public deliver(input: DeliveryInput): DeliveryOutput {
    return {
      clusters: input.plan.clusters.map((c) => ({
        cluster: c.cluster,
        objects: c.objects.map((o) => o.manifest),
        // Remote resources (Gatekeeper templates) go first through a kustomization: `kubectl apply -k dist/<cluster>`.
        ...((c.remoteResources ?? []).length > 0 ? { files: [new KustomizationFile(c.remoteResources)] } : {}),
      })),
    };
  }
}
