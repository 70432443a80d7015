// KubeVela's multi-cluster delivery of Applications, simulated from the upstream semantics (read in
// kubevela/kubevela at 5a44b5f) and sharing nothing with lib/engines, so a wrong emitter cannot fool it:
// - workflow: each `deploy` step takes its policies by name, from the Application or, when it has none of
//   that name, from an external Policy of its namespace; `workflow.ref` names an external Workflow
//   (pkg/workflow/providers/multicluster/deploy.go, pkg/workflow/step/dependency.go);
// - topology: `clusters` by name, or `clusterLabelSelector` on the clusters' labels; `namespace` replaces
//   the namespace of every namespaced object (pkg/policy/topology.go);
// - override policies apply in the step's order (pkg/policy/envbinding/patch.go, PatchComponents): a
//   patch's `name` is a regular expression ("*" standing for ".*") matched anywhere in a component's name,
//   so it also reaches every component whose name merely contains it; properties and trait properties are
//   merged with mergo (WithOverride): objects key by key, lists and scalars replaced, a null stored as null;
//   `selector` then keeps only the named components;
// - components render as the built-in definitions do (vela-templates/definitions/internal): `k8s-objects`
//   outputs its objects; `webservice` renders a Deployment (see renderWebservice); the `scaler` trait sets
//   spec.replicas; every resource gets KubeVela's app.oam.dev labels and the Application's own labels;
// - a `suspend` step, and a `deploy` step with `auto: false` (vela-templates/definitions/internal/workflowstep
//   deploy.cue suspends before deploying), stop the workflow until `vela workflow resume`: `resumes` says how
//   many times the operator resumes each Application's workflow (all of them unless told);
// - any other step type must be a WorkflowStepDefinition on the hub, in the Application's namespace or
//   vela-system (pkg/oam/util/helper.go, GetDefinition). The only one simulated deletes, in one `#do: "steps"`
//   operation, each of `parameter.objects` from `parameter.cluster` through `kube.#Delete` (the kube
//   provider's delete goes through the Application's handler: the object is marked deleted in its
//   ResourceTracker and deleted, NotFound ignored: pkg/resourcekeeper/delete.go); its template is read for
//   exactly that. Objects of an earlier Application revision are not modelled: members start empty.
import { CLUSTER_SCOPED, type Delivered, hubState, type MemberCluster, MemberClusters, matchesSelector } from './member-cluster';

type Obj = Record<string, any>;

/** How far the workflows run. */
export interface WorkflowRun {
  /** How many of each workflow's suspensions the operator resumes. @default - every one: the workflows run to their end */
  readonly resumes?: number;
}

/** What each member cluster holds once KubeVela has run every Application of `hub` as far as `run` lets it (to its end by default). */
export function deliverKubeVela(applied: readonly Obj[], clusters: readonly MemberCluster[], run: WorkflowRun = {}): Delivered {
  const hub = hubState(applied);
  const members = new MemberClusters(clusters);
  for (const app of hub.filter((o) => o.kind === 'Application')) {
    const fail = (why: string) => members.problems.push(`Application ${app.metadata.namespace}/${app.metadata.name}: ${why}`);
    const external = (kind: string, name: string) => hub.find((o) => o.kind === kind && o.metadata.namespace === app.metadata.namespace && o.metadata.name === name);
    const steps: Obj[] | undefined = app.spec.workflow?.ref ? external('Workflow', app.spec.workflow.ref)?.steps : app.spec.workflow?.steps;
    if (!steps) {
      fail(`no workflow steps (workflow ${JSON.stringify(app.spec.workflow)})`);
      continue;
    }
    let resumes = run.resumes ?? Infinity;
    for (const step of steps) {
      if (step.type === 'suspend' || (step.type === 'deploy' && step.properties?.auto === false)) {
        if (resumes <= 0) break;
        resumes--;
        if (step.type === 'suspend') continue;
      }
      if (step.type !== 'deploy') {
        const definition = [app.metadata.namespace, 'vela-system']
          .map((namespace) => hub.find((o) => o.kind === 'WorkflowStepDefinition' && o.metadata.namespace === namespace && o.metadata.name === step.type))
          .find((d) => d !== undefined);
        if (!definition) fail(`step ${step.name} of type ${step.type}: no WorkflowStepDefinition of that name on the hub`);
        else if (!deletesObjects(definition)) fail(`step ${step.name} of type ${step.type} is not simulated`);
        else {
          for (const object of step.properties?.objects ?? []) {
            // kube.#Delete's value is a closed definition: apiVersion, kind, metadata.name and metadata.namespace only.
            const fields = [...Object.keys(object), ...Object.keys(object.metadata ?? {}).map((k) => `metadata.${k}`)].filter((k) => k !== 'metadata').sort();
            if (JSON.stringify(fields) !== JSON.stringify(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace'])) fail(`step ${step.name}: object ${JSON.stringify(object)} is not what kube.#Delete takes`);
            else members.remove(step.properties.cluster, object);
          }
        }
        continue;
      }
      const policies: Obj[] = [];
      for (const name of step.properties?.policies ?? []) {
        const policy = (app.spec.policies ?? []).find((p: Obj) => p.name === name) ?? external('Policy', name);
        if (policy) policies.push(policy);
        else fail(`step ${step.name} names policy ${name}, which does not exist`);
      }
      deployStep(app, step, policies, members, fail);
    }
  }
  return members.result();
}

/** Whether a step definition's template deletes each of `parameter.objects` from `parameter.cluster` with kube.#Delete, in one steps operation. */
function deletesObjects(definition: Obj): boolean {
  const template = String(definition.spec?.schematic?.cue?.template ?? '');
  const flat = template.replace(/\s+/g, ' ');
  return (
    /import \( "vela\/kube" \)/.test(flat) &&
    /#do: "steps" for i, (\w+) in parameter\.objects \{ "[^"]*": kube\.#Delete & \{ \$params: \{ cluster: parameter\.cluster value: \1 \} \} \}/.test(flat)
  );
}

function deployStep(app: Obj, step: Obj, policies: readonly Obj[], members: MemberClusters, fail: (why: string) => void): void {
  const placements: Array<{ cluster: string; namespace: string }> = [];
  for (const p of policies.filter((x) => x.type === 'topology')) {
    const props = p.properties ?? {};
    const namespace = props.namespace ?? app.metadata.namespace;
    const chosen = props.clusters ?? members.clusters.filter((c) => matchesSelector(c.labels, { matchLabels: props.clusterLabelSelector ?? props.clusterSelector ?? {} })).map((c) => c.name);
    if (chosen.length === 0 && !props.allowEmpty) fail(`step ${step.name}: topology ${p.name} selects no cluster`);
    for (const cluster of chosen) {
      if (!members.has(cluster)) fail(`step ${step.name}: topology ${p.name} names cluster "${cluster}", which KubeVela does not manage`);
      else placements.push({ cluster, namespace });
    }
  }
  if (placements.length === 0) {
    fail(`step ${step.name} has no topology, so it would deploy to the hub itself`);
    return;
  }
  let components: Obj[] = structuredClone(app.spec.components ?? []);
  for (const p of policies.filter((x) => x.type !== 'topology')) {
    if (p.type !== 'override') {
      fail(`step ${step.name}: policy ${p.name} of type ${p.type} is not simulated`);
      continue;
    }
    components = patchComponents(components, p.properties?.components ?? [], p.properties?.selector);
  }
  for (const component of components) {
    const rendered = render(app, component, fail);
    for (const { cluster, namespace } of placements) {
      for (const object of rendered) {
        const copy = structuredClone(object);
        if (!CLUSTER_SCOPED.has(copy.kind)) copy.metadata.namespace = namespace;
        members.apply(cluster, copy);
      }
    }
  }
}

/** An override policy's component patches, then its selector. */
function patchComponents(components: readonly Obj[], patches: readonly Obj[], selector: readonly string[] | undefined): Obj[] {
  let result = components.map((c) => structuredClone(c));
  for (const patch of patches) {
    if (!patch.name) {
      result = result.map((c) => (!patch.type || patch.type === c.type ? mergeComponent(c, patch) : c));
      continue;
    }
    const pattern = new RegExp(String(patch.name).replace(/\*/g, '.*'));
    let matched = false;
    result = result.map((c) => {
      if (!pattern.test(c.name)) return c;
      matched = true;
      return patch.type && patch.type !== c.type ? { name: c.name, type: patch.type, properties: patch.properties, traits: patch.traits } : mergeComponent(c, patch);
    });
    if (!matched && /[a-z]([a-z-]{0,61}[a-z])?/.test(patch.name)) result.push({ name: patch.name, type: patch.type, properties: patch.properties, traits: patch.traits });
  }
  return selector ? result.filter((c) => selector.includes(c.name)) : result;
}

function mergeComponent(base: Obj, patch: Obj): Obj {
  const merged = structuredClone(base);
  merged.properties = mergo(merged.properties ?? {}, patch.properties ?? {});
  const traits: Obj[] = merged.traits ?? [];
  for (const t of patch.traits ?? []) {
    const existing = traits.find((x) => x.type === t.type);
    if (t.disable) merged.traits = traits.filter((x) => x !== existing);
    else if (existing) existing.properties = mergo(existing.properties ?? {}, t.properties ?? {});
    else traits.push({ type: t.type, properties: t.properties });
  }
  if (traits.length > 0 && !merged.traits) merged.traits = traits;
  return merged;
}

/** mergo.Merge(dst, src, WithOverride) on decoded JSON: objects merge key by key, anything else (null included) replaces. */
function mergo(dst: Obj, src: Obj): Obj {
  const result = structuredClone(dst);
  for (const [key, value] of Object.entries(src)) {
    const current = result[key];
    const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (isMap(value) && isMap(current)) result[key] = mergo(current, value);
    else result[key] = structuredClone(value);
  }
  return result;
}

/** The objects one component writes, with KubeVela's labels. */
function render(app: Obj, component: Obj, fail: (why: string) => void): Obj[] {
  let objects: Obj[];
  if (component.type === 'k8s-objects') {
    objects = structuredClone(component.properties?.objects ?? []);
    if (objects.length === 0) fail(`component ${component.name}: k8s-objects without objects renders nothing`);
  } else if (component.type === 'webservice') {
    objects = [renderWebservice(app, component, fail)];
  } else {
    fail(`component ${component.name}: type ${component.type} is not simulated`);
    return [];
  }
  for (const trait of component.traits ?? []) {
    if (trait.type !== 'scaler') {
      fail(`component ${component.name}: trait ${trait.type} is not simulated`);
      continue;
    }
    // scaler patches spec.replicas into the component's output (its first object); kube-apiserver drops the field from kinds that have none.
    if (objects[0] && ['Deployment', 'StatefulSet'].includes(objects[0].kind)) objects[0].spec.replicas = trait.properties?.replicas ?? 1;
  }
  for (const o of objects) {
    o.metadata ??= {};
    o.metadata.name ??= component.name;
    o.metadata.labels = {
      ...o.metadata.labels,
      ...app.metadata.labels,
      'app.oam.dev/name': app.metadata.name,
      'app.oam.dev/namespace': app.metadata.namespace,
      'app.oam.dev/component': component.name,
      ...(o === objects[0] ? { 'workload.oam.dev/type': component.type } : {}),
    };
  }
  return objects;
}

/**
 * The built-in webservice definition, for the properties clusterset writes: a Deployment named after the
 * component, selecting its pods by app.oam.dev/component; `labels` and `annotations` go on the pod
 * template only; one container named after the component with image, ports (containerPort, protocol,
 * name), command (`cmd`), args, env; `cpu` and `memory` are requests, and also limits unless `limit` says
 * otherwise; a limit without its request is not rendered.
 */
function renderWebservice(app: Obj, component: Obj, fail: (why: string) => void): Obj {
  const p = component.properties ?? {};
  const known = new Set(['image', 'ports', 'labels', 'annotations', 'cmd', 'args', 'env', 'cpu', 'memory', 'limit']);
  for (const [key, value] of Object.entries(p)) {
    if (!known.has(key)) fail(`component ${component.name}: webservice property ${key} is not simulated`);
    // CUE unifies a null with the parameter's type (a list, a map, a string), which fails: no null removes a property.
    if (value === null) fail(`component ${component.name}: webservice property ${key} is null, which its definition refuses`);
  }
  const resources: Obj = {};
  for (const r of ['cpu', 'memory'] as const) {
    if (typeof p[r] !== 'string') continue;
    (resources.requests ??= {})[r] = p[r];
    (resources.limits ??= {})[r] = typeof p.limit?.[r] === 'string' ? p.limit[r] : p[r];
  }
  const container: Obj = {
    name: component.name,
    image: p.image,
    ...(Array.isArray(p.ports)
      ? {
          ports: p.ports.map((port: Obj) => ({
            containerPort: port.containerPort ?? port.port,
            protocol: port.protocol ?? 'TCP',
            name: port.name ?? `port-${port.containerPort ?? port.port}${(port.protocol ?? 'TCP') !== 'TCP' ? `-${String(port.protocol).toLowerCase()}` : ''}`,
          })),
        }
      : {}),
    ...(Array.isArray(p.cmd) ? { command: p.cmd } : {}),
    ...(Array.isArray(p.args) ? { args: p.args } : {}),
    ...(Array.isArray(p.env) ? { env: p.env } : {}),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
  };
  if ((p.ports ?? []).some((port: Obj) => port.expose)) fail(`component ${component.name}: exposed webservice ports would add a Service of KubeVela's`);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: component.name },
    spec: {
      selector: { matchLabels: { 'app.oam.dev/component': component.name } },
      template: {
        metadata: {
          labels: { ...(isMap(p.labels) ? p.labels : {}), 'app.oam.dev/name': app.metadata.name, 'app.oam.dev/component': component.name },
          ...(isMap(p.annotations) ? { annotations: p.annotations } : {}),
        },
        spec: { containers: [container] },
      },
    },
  };
}

function isMap(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
