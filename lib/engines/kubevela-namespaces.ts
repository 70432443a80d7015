// Namespaces and the objects of the fleet and of namespaces (governance, monitoring) as KubeVela
// Applications. KubeVela creates a bare Namespace wherever it deploys a service, so only a Namespace with
// labels or annotations needs carrying, by an Application of its own that every service's Application
// can share it with; the same Application carries the namespace's own objects, cluster by cluster, and
// one Application in KubeVela's namespace carries the fleet's. Translates the plan; decides nothing.
import type { Manifest } from '../core/kube/manifest';
import type { FleetPlan } from '../core/model';
import { LABELS } from '../core/resolved';
import { isDeclared, isFleetObject, plannedNamespaces } from './service-objects';

/**
 * The name of a Namespace's Application, in that Namespace on the hub. The dot keeps it apart from every
 * service's Application there: service names (DNS-1035 labels) have none.
 */
export const NAMESPACE_APPLICATION = 'clusterset.namespace';

/** The name of the Application of the fleet's cluster-scoped objects (a ClusterRole for its Prometheus...). */
export const FLEET_APPLICATION = 'clusterset.fleet';

/** Where KubeVela keeps its own objects; it exists wherever KubeVela is installed. */
export const KUBEVELA_NAMESPACE = 'vela-system';

type Json = Record<string, unknown>;

/**
 * One Application per Namespace that is declared (a k8s-objects component holding it, a topology policy
 * naming every cluster that holds one of its services, a take-over policy, since KubeVela may already have
 * created the Namespace bare for a service's Application) or that holds objects of no service (the
 * namespace's guardrails, the fleet's Prometheus there), each cluster's in a component deployed there; and
 * one Application, in KubeVela's namespace, for the fleet's cluster-scoped objects.
 */
export function kubeVelaNamespaceApplications(plan: FleetPlan): Manifest[] {
  const owned = ownedObjects(plan);
  const declared = new Map(plannedNamespaces(plan).filter(({ manifest }) => isDeclared(manifest)).map((n) => [n.manifest.metadata.name, n]));
  const names = [...new Set([...declared.keys(), ...[...owned.keys()].filter((k) => k !== CLUSTER_WIDE)])].sort();
  const applications = names.map((name) => {
    const namespace = declared.get(name);
    const components: Json[] = namespace ? [{ name: 'namespace', type: 'k8s-objects', properties: { objects: [namespace.manifest] } }] : [];
    const policies: Json[] = namespace
      ? [
          { name: 'topology-namespace', type: 'topology', properties: { clusters: [...namespace.clusters] } },
          { name: 'take-over-namespace', type: 'take-over', properties: { rules: [{ selector: { resourceTypes: ['Namespace'] } }] } },
        ]
      : [];
    const steps: Json[] = namespace ? [{ name: 'deploy-namespace', type: 'deploy', properties: { policies: ['topology-namespace', ...(owned.has(name) ? ['select-namespace'] : [])] } }] : [];
    if (namespace && owned.has(name)) policies.push({ name: 'select-namespace', type: 'override', properties: { selector: ['namespace'] } });
    addPerCluster(owned.get(name), 'objects', components, policies, steps);
    return application(NAMESPACE_APPLICATION, name, components, policies, steps);
  });
  const clusterWide = owned.get(CLUSTER_WIDE);
  if (!clusterWide) return applications;
  const components: Json[] = [];
  const policies: Json[] = [];
  const steps: Json[] = [];
  addPerCluster(clusterWide, 'fleet', components, policies, steps);
  return [...applications, application(FLEET_APPLICATION, KUBEVELA_NAMESPACE, components, policies, steps)];
}

/** The key of the fleet's cluster-scoped objects (a namespace name is never empty). */
const CLUSTER_WIDE = '';

/**
 * Each cluster's objects of no service (the Namespaces aside), in fleet order, by the namespace they live in
 * (KubeVela deploys an Application's objects into its namespace), the cluster-scoped ones under CLUSTER_WIDE.
 */
function ownedObjects(plan: FleetPlan): Map<string, Map<string, Manifest[]>> {
  const found = new Map<string, Map<string, Manifest[]>>();
  for (const c of plan.clusters) {
    for (const o of c.objects.filter(isFleetObject)) {
      const key = o.manifest.metadata.namespace ?? CLUSTER_WIDE;
      const byCluster = found.get(key) ?? new Map<string, Manifest[]>();
      byCluster.set(c.cluster, [...(byCluster.get(c.cluster) ?? []), o.manifest]);
      found.set(key, byCluster);
    }
  }
  return found;
}

/** A k8s-objects component per cluster, with the topology, the selection and the deploy step that send it there alone. */
function addPerCluster(byCluster: Map<string, Manifest[]> | undefined, prefix: string, components: Json[], policies: Json[], steps: Json[]): void {
  for (const [cluster, objects] of byCluster ?? []) {
    const component = `${prefix}-${cluster}`;
    components.push({ name: component, type: 'k8s-objects', properties: { objects } });
    policies.push({ name: `topology-${cluster}`, type: 'topology', properties: { clusters: [cluster] } });
    policies.push({ name: `select-${cluster}`, type: 'override', properties: { selector: [component] } });
    steps.push({ name: `deploy-${cluster}`, type: 'deploy', properties: { policies: [`topology-${cluster}`, `select-${cluster}`] } });
  }
}

function application(name: string, namespace: string, components: Json[], policies: Json[], steps: Json[]): Manifest {
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name, namespace, labels: { [LABELS.managedBy]: LABELS.managerValue } },
    spec: { components, policies, workflow: { steps } },
  };
}
