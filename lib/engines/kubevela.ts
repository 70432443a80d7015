// The fleet as KubeVela Applications for the hub: per service, a workload component (webservice, or
// k8s-objects when webservice cannot express it), a k8s-objects component per cluster for the Services
// and networking, a topology policy per cluster, override policies for each cluster's differences
// (scale-down of placeholders, registry, env...), and a deploy workflow: active clusters first.
// Translates the plan; decides nothing.
import type { Manifest } from '../core/manifest';
import type { FleetPlan, ServiceSummary } from '../core/plan';
import { LABELS } from '../core/service-model';
import { serviceByCluster, WORKLOAD_KINDS, withoutRole } from './service-objects';

/** KubeVela settings of the fleet. */
export interface KubeVelaProps {
  /** Clusters whose deploy step waits for a manual approval (`auto: false`). @default [] */
  readonly approveClusters?: readonly string[];
  /** Component type for Deployments, a ComponentDefinition taking webservice's properties. @default 'webservice' */
  readonly componentType?: string;
  /**
   * Share across applications: the per-cluster topology policies become external `Policy` objects (one per
   * cluster and namespace) and each workflow an external `Workflow`, identical ones written once.
   * @default false
   */
  readonly shared?: boolean;
}

type Json = Record<string, unknown>;

interface ClusterView {
  readonly cluster: string;
  readonly role: 'active' | 'placeholder';
  readonly workload: Manifest;
  readonly others: readonly Manifest[];
}

const CONTAINER_FIELDS = new Set(['name', 'image', 'ports', 'env', 'command', 'args', 'resources']);

/** One Application per service of the plan, in the service's namespace on the hub (with shared Policies and Workflows when asked). */
export function kubeVelaApplications(plan: FleetPlan, props: KubeVelaProps = {}): Manifest[] {
  const applications = plan.services.map((service) => application(service, viewsOf(plan, service), props));
  return props.shared ? shareAcrossApplications(applications) : applications;
}

/**
 * Moves topology policies into external `Policy` objects and workflows into external `Workflow` objects,
 * which deploy steps and `workflow.ref` name; identical ones (same namespace and content) are written once.
 */
function shareAcrossApplications(applications: readonly Manifest[]): Manifest[] {
  const shared = new Map<string, Manifest>();
  const keep = (m: Manifest) => shared.set(`${m.kind}/${m.metadata.namespace}/${m.metadata.name}`, m);
  const workflows = new Map<string, string>();
  const rewritten = applications.map((app) => {
    const namespace = app.metadata.namespace as string;
    const spec = app.spec as { components: Json[]; policies: Json[]; workflow: { steps: Json[] } };
    for (const p of spec.policies.filter((x) => x.type === 'topology')) {
      keep({ apiVersion: 'core.oam.dev/v1alpha1', kind: 'Policy', metadata: { name: String(p.name), namespace }, type: 'topology', properties: p.properties });
    }
    const content = JSON.stringify(spec.workflow.steps);
    let name = workflows.get(`${namespace}|${content}`);
    if (!name) {
      name = `${app.metadata.name}-deploy`;
      workflows.set(`${namespace}|${content}`, name);
      keep({ apiVersion: 'core.oam.dev/v1alpha1', kind: 'Workflow', metadata: { name, namespace }, steps: spec.workflow.steps });
    }
    return { ...app, spec: { components: spec.components, policies: spec.policies.filter((x) => x.type !== 'topology'), workflow: { ref: name } } };
  });
  return [...shared.values(), ...rewritten];
}

/** The service's workload and other objects in each of its clusters, active clusters first. */
function viewsOf(plan: FleetPlan, service: ServiceSummary): ClusterView[] {
  return serviceByCluster(plan, service).map(({ cluster, role, objects }) => {
    const workload = objects.find((o) => WORKLOAD_KINDS.has(o.kind));
    if (!workload) throw new Error(`internal: no workload for ${service.path} in ${cluster}`);
    return { cluster, role, workload, others: objects.filter((o) => o !== workload) };
  });
}

function application(service: ServiceSummary, views: readonly ClusterView[], props: KubeVelaProps): Manifest {
  const [base] = views;
  const expressible = views.every((v) => webserviceExpressible(v.workload));
  const workloadName = service.name;
  const netName = (cluster: string) => `${service.name}-${cluster}`;
  const baseProps = expressible ? webserviceProperties(base.workload) : { objects: [withoutRole(base.workload)] };
  const components: Json[] = [
    {
      name: workloadName,
      type: expressible ? (props.componentType ?? 'webservice') : 'k8s-objects',
      properties: baseProps,
      ...(expressible ? { traits: [{ type: 'scaler', properties: { replicas: replicasOf(base.workload) } }] } : {}),
    },
    ...views.map((v) => ({ name: netName(v.cluster), type: 'k8s-objects', properties: { objects: [...v.others] } })),
  ];
  const policies: Json[] = [];
  const steps: Json[] = [];
  const scaledown = 'scaledown';
  if (expressible && views.some((v) => v.role === 'placeholder')) {
    policies.push({ name: scaledown, type: 'override', properties: { components: [{ name: workloadName, traits: [{ type: 'scaler', properties: { replicas: 0 } }] }] } });
  }
  for (const v of views) {
    const topology = `topology-${v.cluster}`;
    const select = `components-${v.cluster}`;
    policies.push({ name: topology, type: 'topology', properties: { clusters: [v.cluster], namespace: service.namespace } });
    policies.push({ name: select, type: 'override', properties: { selector: [workloadName, netName(v.cluster)] } });
    const differences = expressible ? webserviceDifferences(baseProps, webserviceProperties(v.workload)) : kObjectsDifference(base.workload, v.workload);
    const own = Object.entries(differences).map(([what, properties]) => {
      const name = `${what}-${v.cluster}`;
      policies.push({ name, type: 'override', properties: { components: [{ name: workloadName, properties }] } });
      return name;
    });
    const replicas = replicasOf(v.workload);
    const scale = [] as string[];
    if (expressible && replicas !== replicasOf(base.workload)) {
      if (replicas === 0) scale.push(scaledown);
      else {
        const name = `replicas-${v.cluster}`;
        policies.push({ name, type: 'override', properties: { components: [{ name: workloadName, traits: [{ type: 'scaler', properties: { replicas } }] }] } });
        scale.push(name);
      }
    }
    steps.push({
      name: `deploy-${v.cluster}`,
      type: 'deploy',
      properties: {
        policies: [topology, select, ...own, ...scale],
        ...(props.approveClusters?.includes(v.cluster) ? { auto: false } : {}),
      },
    });
  }
  return {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: service.name, namespace: service.namespace, labels: { [LABELS.managedBy]: LABELS.managerValue } },
    spec: { components, policies, workflow: { steps } },
  };
}

function replicasOf(workload: Manifest): number {
  return ((workload.spec as Json | undefined)?.replicas as number | undefined) ?? 1;
}

/** A Deployment whose pod holds one container with only the fields webservice has properties for. */
function webserviceExpressible(workload: Manifest): boolean {
  if (workload.kind !== 'Deployment') return false;
  const podSpec = ((workload.spec as Json).template as Json).spec as Json;
  const containers = podSpec.containers as Json[];
  return Object.keys(podSpec).every((k) => k === 'containers') && containers.length === 1 && Object.keys(containers[0]).every((k) => CONTAINER_FIELDS.has(k));
}

/** webservice's properties for a Deployment: image, ports (not exposed: clusterset emits the Services), env, cmd, args, resources, labels, annotations. */
function webserviceProperties(workload: Manifest): Json {
  const container = (((workload.spec as Json).template as Json).spec as Json & { containers: Json[] }).containers[0];
  const resources = (container.resources ?? {}) as { requests?: Record<string, string>; limits?: Record<string, string> };
  const labels = { ...workload.metadata.labels };
  delete labels[LABELS.role];
  const ports = (container.ports as Array<{ name: string; containerPort: number; protocol: string }>).map((p) => ({ name: p.name, port: p.containerPort, protocol: p.protocol, expose: false }));
  return {
    image: container.image,
    ports,
    ...(container.env ? { env: container.env } : {}),
    ...(container.command ? { cmd: container.command } : {}),
    ...(container.args ? { args: container.args } : {}),
    ...(resources.requests?.cpu ? { cpu: resources.requests.cpu } : {}),
    ...(resources.requests?.memory ? { memory: resources.requests.memory } : {}),
    ...(resources.limits ? { limit: { ...resources.limits } } : {}),
    labels,
    ...(workload.metadata.annotations ? { annotations: { ...workload.metadata.annotations } } : {}),
  };
}

/** The properties a cluster changes, grouped as override policies: its image, then everything else. */
function webserviceDifferences(base: Json, mine: Json): Record<string, Json> {
  const changed = Object.fromEntries(
    [...new Set([...Object.keys(base), ...Object.keys(mine)])].filter((k) => JSON.stringify(base[k]) !== JSON.stringify(mine[k])).map((k) => [k, mine[k] ?? null]),
  );
  const { image, ...rest } = changed;
  return { ...(image !== undefined ? { image: { image } } : {}), ...(Object.keys(rest).length > 0 ? { properties: rest } : {}) };
}

/** For k8s-objects workloads, a cluster whose workload differs gets it whole. */
function kObjectsDifference(base: Manifest, mine: Manifest): Record<string, Json> {
  return JSON.stringify(withoutRole(base)) === JSON.stringify(withoutRole(mine)) ? {} : { workload: { objects: [withoutRole(mine)] } };
}
