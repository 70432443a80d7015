// The fleet as KubeVela Applications for the hub: per service, a workload component (webservice, or
// k8s-objects when webservice cannot express it), a k8s-objects component per cluster for the Services
// and networking, a topology policy per cluster, override policies for each cluster's differences
// (scale-down of placeholders, registry, env...), and a deploy workflow: active clusters first.
// Translates the plan; decides nothing.
import type { Manifest } from '../core/kube/manifest';
import type { FleetPlan, ServiceSummary } from '../core/model';
import { LABELS } from '../core/resolved';
import { boolean, listOf, object, string } from '../core/validate/input/shape';
import type { DeliveryInput, DeliveryOutput, IDeliveryEngine } from './engine';
import { enginePropsProblems } from './props-problems';
import { hubNamespaces, serviceByCluster, WORKLOAD_KINDS, withoutRole, workloadReplicas } from './service-objects';
import { KUBEVELA_NAMESPACE, kubeVelaNamespaceApplications } from './kubevela-namespaces';
import { applyOnceReplicas } from './kubevela-apply-once';
import { migrationPhases, phasedApplication, removeObjectsStepDefinition, removesObjects } from './kubevela-phases';

/** KubeVela settings of the fleet. */
export interface KubeVelaProps {
  /** Clusters whose deploy step waits for a manual approval (`auto: false`). @default [] */
  readonly approveClusters?: string[];
  /** Component type for Deployments, a ComponentDefinition taking webservice's properties. @default 'webservice' */
  readonly componentType?: string;
  /**
   * Share across applications: the per-cluster topology policies become external `Policy` objects (one per
   * cluster and namespace) and each workflow an external `Workflow`, identical ones written once.
   * @default false
   */
  readonly shared?: boolean;
}

const kubeVelaProps = object({
  approveClusters: { shape: listOf(string()) },
  componentType: { shape: string() },
  shared: { shape: boolean },
});

/** KubeVela Applications (and the Namespaces they live in) for the hub; KubeVela deploys to the clusters. */
export class KubeVelaDelivery implements IDeliveryEngine {
  public readonly name = 'Delivery.kubeVela()';
  public readonly clusterFolders = false;
  public readonly hubObjects = true;
  public readonly keepsClusterIPs = true;

  constructor(private readonly props: KubeVelaProps = {}) {}

  public deliver(input: DeliveryInput): DeliveryOutput {
    const problems = enginePropsProblems('Delivery.kubeVela()', kubeVelaProps, this.props);
    if (problems.length > 0) return { problems };
    const applications = kubeVelaApplications(input.plan, this.props);
    const tooLong = componentNameProblems(applications);
    if (tooLong.length > 0) return { problems: tooLong };
    // Definitions live in KubeVela's own namespace, which its installation made.
    const namespaced = applications.filter((a) => a.kind !== 'WorkflowStepDefinition' && a.metadata.namespace !== KUBEVELA_NAMESPACE);
    return { hub: [...hubNamespaces(namespaced.map((a) => a.metadata.namespace ?? 'default')), ...applications] };
  }
}

type Json = Record<string, unknown>;

/** KubeVela writes a component's name into the `app.oam.dev/component` label of every object it renders: a label value, at most 63 characters. */
const MAX_COMPONENT_NAME = 63;

/** The components whose names KubeVela could not write into a label, each with the fix. */
function componentNameProblems(applications: readonly Manifest[]): string[] {
  return applications.flatMap((a) =>
    ((a.spec as { components?: Json[] } | undefined)?.components ?? [])
      .map((c) => String(c.name))
      .filter((name) => name.length > MAX_COMPONENT_NAME)
      .map(
        (name) =>
          `Delivery.kubeVela(): component "${name}" of Application ${a.metadata.namespace}/${a.metadata.name} is ${name.length} characters, and KubeVela ` +
          `writes it into the label app.oam.dev/component, at most ${MAX_COMPONENT_NAME}; shorten the service's or the cluster's name`,
      ),
  );
}

interface ClusterView {
  readonly cluster: string;
  readonly role: 'active' | 'placeholder';
  readonly workload: Manifest;
  readonly others: readonly Manifest[];
}

const CONTAINER_FIELDS = new Set(['name', 'image', 'ports', 'env', 'command', 'args', 'resources']);

/**
 * One Application per declared Namespace and per service of the plan, in its namespace on the hub (with
 * shared Policies and Workflows when asked). A service a migration moves walks its phases
 * (kubevela-phases.ts), and the step definition that removes what a phase no longer has comes first.
 */
export function kubeVelaApplications(plan: FleetPlan, props: KubeVelaProps = {}): Manifest[] {
  const applications = [
    ...kubeVelaNamespaceApplications(plan),
    ...plan.services.map((service) => {
      const moving = migrationPhases(plan, service);
      return moving ? phasedApplication(service, moving.migration, moving.phases, props.approveClusters) : application(service, viewsOf(plan, service), props);
    }),
  ];
  const delivered = props.shared ? shareAcrossApplications(applications) : applications;
  return removesObjects(applications) ? [removeObjectsStepDefinition(), ...delivered] : delivered;
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
  // Override policies merge properties into the base (mergo): they add and replace, never remove.
  const expressible =
    views.every((v) => webserviceExpressible(v.workload)) && views.every((v) => mergeReaches(webserviceProperties(base.workload), webserviceProperties(v.workload)));
  const workloadName = service.name;
  const netName = (cluster: string) => `${service.name}-${cluster}`;
  const baseProps = expressible ? webserviceProperties(base.workload) : { objects: [withoutRole(base.workload)] };
  const components: Json[] = [
    {
      name: workloadName,
      type: expressible ? (props.componentType ?? 'webservice') : 'k8s-objects',
      properties: baseProps,
      ...(expressible && workloadReplicas(base.workload) !== undefined ? { traits: [{ type: 'scaler', properties: { replicas: workloadReplicas(base.workload) } }] } : {}),
    },
    ...views.map((v) => ({ name: netName(v.cluster), type: 'k8s-objects', properties: { objects: [...v.others] } })),
  ];
  const policies: Json[] = [...applyOnceReplicas([workloadName], views)];
  const steps: Json[] = [];
  const scaledown = 'scaledown';
  if (expressible && views.some((v) => v.role === 'placeholder')) {
    policies.push({ name: scaledown, type: 'override', properties: { components: [{ name: only(workloadName), traits: [{ type: 'scaler', properties: { replicas: 0 } }] }] } });
  }
  for (const v of views) {
    const topology = `topology-${v.cluster}`;
    const select = `components-${v.cluster}`;
    policies.push({ name: topology, type: 'topology', properties: { clusters: [v.cluster], namespace: service.namespace } });
    policies.push({ name: select, type: 'override', properties: { selector: [workloadName, netName(v.cluster)] } });
    const differences = expressible ? webserviceDifferences(baseProps, webserviceProperties(v.workload)) : kObjectsDifference(base.workload, v.workload);
    const own = Object.entries(differences).map(([what, properties]) => {
      const name = `${what}-${v.cluster}`;
      policies.push({ name, type: 'override', properties: { components: [{ name: only(workloadName), properties }] } });
      return name;
    });
    const replicas = workloadReplicas(v.workload);
    const scale = [] as string[];
    if (expressible && replicas !== workloadReplicas(base.workload)) {
      if (replicas === 0) scale.push(scaledown);
      else if (replicas === undefined) {
        // An autoscaler owns the replicas here: the workload renders without them.
        const name = `autoscaled-${v.cluster}`;
        policies.push({ name, type: 'override', properties: { components: [{ name: only(workloadName), traits: [{ type: 'scaler', disable: true }] }] } });
        scale.push(name);
      }
      else {
        const name = `replicas-${v.cluster}`;
        policies.push({ name, type: 'override', properties: { components: [{ name: only(workloadName), traits: [{ type: 'scaler', properties: { replicas } }] }] } });
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

/**
 * The `name` of an override patch that reaches one component: KubeVela reads it as a regular expression
 * found anywhere in a component's name, so a bare `app` would also patch the `app-<cluster>` components.
 */
function only(component: string): string {
  return `^${component}$`;
}

/** Can merging override properties into `base` give `mine`? Not when mine lacks a key (or a map entry) base has. */
function mergeReaches(base: Json, mine: Json): boolean {
  return Object.entries(base).every(([k, v]) => {
    if (!(k in mine)) return false;
    const isMap = (x: unknown): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x);
    return isMap(v) && isMap(mine[k]) ? mergeReaches(v, mine[k]) : true;
  });
}


/**
 * A Deployment webservice renders as it is: one container with only the fields webservice has properties
 * for, resources it renders as given, and the same labels and annotations on the Deployment and its pods.
 */
function webserviceExpressible(workload: Manifest): boolean {
  if (workload.kind !== 'Deployment') return false;
  const template = (workload.spec as Json).template as Json & { metadata: Json; spec: Json };
  const containers = template.spec.containers as Json[];
  const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
  return (
    Object.keys(template.spec).every((k) => k === 'containers') &&
    containers.length === 1 &&
    Object.keys(containers[0]).every((k) => CONTAINER_FIELDS.has(k)) &&
    resourcesExpressible(containers[0].resources as Json | undefined) &&
    same(withoutRole(workload).metadata.labels, template.metadata.labels as Json | undefined) &&
    same(workload.metadata.annotations, template.metadata.annotations as Json | undefined)
  );
}

/** webservice renders `cpu` and `memory` as requests and as limits (`limit` when given, else the request), and nothing else. */
function resourcesExpressible(resources: { requests?: Json; limits?: Json } | undefined): boolean {
  const requests = Object.keys(resources?.requests ?? {});
  const limits = Object.keys(resources?.limits ?? {});
  const rendered = ['cpu', 'memory'];
  return requests.every((r) => rendered.includes(r)) && limits.every((r) => rendered.includes(r)) && requests.length === limits.length && requests.every((r) => limits.includes(r));
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
