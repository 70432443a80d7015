// Declared Namespaces as KubeVela Applications: KubeVela creates a bare Namespace wherever it deploys a
// service, so only a Namespace with labels or annotations needs carrying, by an Application of its own
// that every service's Application can share it with. Translates the plan; decides nothing.
import type { Manifest } from '../core/kube/manifest';
import type { FleetPlan } from '../core/model';
import { LABELS } from '../core/resolved';
import { isDeclared, plannedNamespaces } from './service-objects';

/**
 * The name of a Namespace's Application, in that Namespace on the hub. The dot keeps it apart from every
 * service's Application there: service names (DNS-1035 labels) have none.
 */
export const NAMESPACE_APPLICATION = 'clusterset.namespace';

/**
 * One Application per declared Namespace: a k8s-objects component holding the Namespace, a topology
 * policy naming every cluster that holds one of its services, and a take-over policy, since KubeVela may
 * already have created the Namespace bare for a service's Application.
 */
export function kubeVelaNamespaceApplications(plan: FleetPlan): Manifest[] {
  return plannedNamespaces(plan)
    .filter(({ manifest }) => isDeclared(manifest))
    .map(({ manifest, clusters }) => ({
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      metadata: { name: NAMESPACE_APPLICATION, namespace: manifest.metadata.name, labels: { [LABELS.managedBy]: LABELS.managerValue } },
      spec: {
        components: [{ name: 'namespace', type: 'k8s-objects', properties: { objects: [manifest] } }],
        policies: [
          { name: 'topology-namespace', type: 'topology', properties: { clusters: [...clusters] } },
          { name: 'take-over-namespace', type: 'take-over', properties: { rules: [{ selector: { resourceTypes: ['Namespace'] } }] } },
        ],
        workflow: { steps: [{ name: 'deploy-namespace', type: 'deploy', properties: { policies: ['topology-namespace'] } }] },
      },
    }));
}
