// Gatekeeper constraints built from the fleet (issue 12 §3), one set per cluster holding a governed
// namespace's services, and the check that the fleet's own pods pass them (docs/governance.md).
import type { AdmissionProps } from '../api/admission';
import { AdmissionEnforcement } from '../api/admission';
import type { FleetObject } from './fleet-objects';
import type { Cluster } from '../resolved';
import { type FleetPlan, type GovernanceSpec, OwnerKind } from '../model';
import type { Manifest } from '../kube/manifest';
import { parseImage } from '../kube/image';
import { quantityNanos } from '../kube/quantity';
import { isWorkload } from '../validate/capacity-pods';
import type { Problems } from '../errors';
import type { Guardrails } from '../resolve/guardrails';
import type { ContainerAmounts } from '../api/guardrails';

/** The Gatekeeper library commit the constraints were tested against (../shared/gatekeeper-library). */
export const LIBRARY_REVISION = '5c441fb645f257b2c428fe9aea22da24a94b5bab';

/** Where each constraint kind's template is in the library. */
const TEMPLATE_PATHS: Readonly<Record<string, string>> = {
  K8sAllowedRepos: 'library/general/allowedrepos/template.yaml',
  K8sPSPHostFilesystem: 'library/pod-security-policy/host-filesystem/template.yaml',
  K8sContainerLimits: 'library/general/containerlimits/template.yaml',
  K8sRequiredProbes: 'library/general/requiredprobes/template.yaml',
  K8sRequiredLabels: 'library/general/requiredlabels/template.yaml',
};

/** The template of a constraint kind, by URL at the library's pinned commit. */
export function templateUrl(kind: string, revision: string): string {
  return `https://raw.githubusercontent.com/open-policy-agent/gatekeeper-library/${revision}/${TEMPLATE_PATHS[kind]}`;
}

/** The API group of Gatekeeper's constraints. */
export const CONSTRAINTS_API = 'constraints.gatekeeper.sh/v1beta1';

/**
 * K8sContainerLimits reads a CPU maximum of "-1" as "CPU limits not required", and requires them only
 * with a maximum: without one, a maximum no pod reaches (a million cores) keeps the requirement.
 */
const NO_CPU_MAXIMUM = '1000000';

type Json = Record<string, unknown>;

interface Container {
  readonly name?: string;
  readonly image?: string;
  readonly resources?: { readonly limits?: Readonly<Record<string, unknown>> };
  readonly readinessProbe?: unknown;
  readonly livenessProbe?: unknown;
}

interface Pod {
  readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: { readonly containers?: readonly Container[]; readonly initContainers?: readonly Container[]; readonly volumes?: ReadonlyArray<{ readonly name?: string; readonly hostPath?: unknown }> };
}

/**
 * The constraints of one FleetGovernance in every cluster that holds one of its namespaces' workloads, and
 * the problems of each workload those constraints would refuse, reported on its service with the fix.
 */
export function admissionObjects(governance: GovernanceSpec, plan: FleetPlan, fleet: readonly Cluster[], guardrails: readonly Guardrails[], problems: Problems): FleetObject[] {
  const admission = governance.props.admission;
  if (!admission) return [];
  const governed = new Set(governance.props.namespaces);
  const name = constraintName(governance.path);
  const objects: FleetObject[] = [];
  for (const c of plan.clusters) {
    const workloads = c.objects.filter((o) => o.servicePath !== undefined && isWorkload(o.manifest) && governed.has(o.manifest.metadata.namespace ?? 'default'));
    if (workloads.length === 0) continue;
    const cluster = fleet.find((x) => x.name === c.cluster);
    const repos = admission.allowedRegistries ? allowedRepos(cluster?.registry, workloads.map((w) => w.manifest)) : [];
    for (const w of workloads) {
      const report = (message: string) => problems.add(w.servicePath as string, `cluster "${c.cluster}": ${message}`);
      const namespace = w.manifest.metadata.namespace ?? 'default';
      // The LimitRange of the namespace there gives a container without limits its defaults before Gatekeeper sees the pod.
      const defaults = guardrails.find((g) => g.cluster === c.cluster && g.namespace === namespace && g.limits?.default)?.limits?.default ?? {};
      checkPod(w.manifest, admission, repos, governance.path, defaults, report);
    }
    const constraint = (kind: string, parameters: Json): FleetObject => ({
      cluster: c.cluster,
      owner: { kind: OwnerKind.FLEET, name: governance.path },
      manifest: {
        apiVersion: CONSTRAINTS_API,
        kind,
        metadata: { name },
        spec: {
          enforcementAction: admission.enforcementAction ?? AdmissionEnforcement.DENY,
          match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], namespaces: [...governed].sort() },
          parameters,
        },
      },
    });
    if (admission.allowedRegistries) objects.push(constraint('K8sAllowedRepos', { repos }));
    if (admission.disallowHostPath) objects.push(constraint('K8sPSPHostFilesystem', { allowedHostPaths: [] }));
    if (admission.requireLimits) objects.push(constraint('K8sContainerLimits', { cpu: admission.maxCpu ?? NO_CPU_MAXIMUM, ...(admission.maxMemory ? { memory: admission.maxMemory } : {}) }));
    if (admission.requireProbes) objects.push(constraint('K8sRequiredProbes', { probes: ['readinessProbe', 'livenessProbe'], probeTypes: ['tcpSocket', 'httpGet', 'exec', 'grpc'] }));
    if ((admission.requiredLabels ?? []).length > 0) objects.push(constraint('K8sRequiredLabels', { labels: [...(admission.requiredLabels ?? [])].sort().map((key) => ({ key })) }));
  }
  return objects;
}

/** A constraint's name from the governance's path: `fleet/guardrails` gives `fleet-guardrails`. */
function constraintName(path: string): string {
  return path.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '') || 'clusterset';
}

/**
 * The image prefixes a cluster allows: its registry where it declares one (every image clusterset writes
 * there goes through it unless an override names another), else each repository its workloads run, with
 * the separator after it so that `team/app` does not allow `team/app-evil`.
 */
function allowedRepos(registry: string | undefined, workloads: readonly Manifest[]): string[] {
  if (registry !== undefined) return [`${registry}/`];
  const repos = new Set<string>();
  for (const image of workloads.flatMap((w) => containersOf(podTemplate(w)).map((c) => c.image ?? ''))) {
    const ref = parseImage(image);
    const base = `${ref.registry ? `${ref.registry}/` : ''}${ref.repository}`;
    repos.add(ref.tag !== undefined ? `${base}:` : ref.digest !== undefined ? `${base}@` : image);
  }
  return [...repos].sort();
}

function podTemplate(workload: Manifest): Pod {
  return ((workload.spec as { template?: Pod } | undefined)?.template ?? {});
}

function containersOf(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

/** Reports what of one workload's pods the constraints would refuse, each with the governance that asks and the fix. */
function checkPod(workload: Manifest, admission: AdmissionProps, repos: readonly string[], path: string, defaults: ContainerAmounts, report: (message: string) => void): void {
  const pod = podTemplate(workload);
  const by = `${path} admission`;
  if (admission.disallowHostPath) {
    for (const v of (pod.spec?.volumes ?? []).filter((x) => x.hostPath !== undefined)) {
      report(`volume "${v.name}" is a hostPath, which ${by}.disallowHostPath refuses; use an emptyDir, a ConfigMap or a PersistentVolumeClaim`);
    }
  }
  for (const c of containersOf(pod)) {
    const container = `container "${c.name}"`;
    if (repos.length > 0 && !repos.some((r) => (c.image ?? '').startsWith(r))) {
      report(`${container} runs image "${c.image}", which is not from ${repos.join(', ')} (${by}.allowedRegistries); drop the override that names another registry, or mirror the image there`);
    }
    if (admission.requireLimits) {
      const limits = c.resources?.limits ?? {};
      for (const resource of ['cpu', 'memory'] as const) {
        const max = resource === 'cpu' ? admission.maxCpu : admission.maxMemory;
        const value = limits[resource] ?? defaults[resource];
        if (value === undefined) report(`${container} sets no ${resource} limit, which ${by}.requireLimits requires; set resources.limits.${resource}, or a limits.default in the namespace's governance`);
        else if (max !== undefined && (quantityNanos(String(value)) ?? 0n) > (quantityNanos(max) ?? 0n)) {
          report(`${container} has a ${resource} limit of ${String(value)}, above the ${max} ${by}.max${resource === 'cpu' ? 'Cpu' : 'Memory'} allows; lower it`);
        }
      }
    }
  }
  if (admission.requireProbes) {
    for (const c of pod.spec?.containers ?? []) {
      const missing = (['readinessProbe', 'livenessProbe'] as const).filter((p) => c[p] === undefined);
      if (missing.length > 0) report(`container "${c.name}" has no ${missing.join(' and ')}, which ${by}.requireProbes requires; add them in podTemplate`);
    }
  }
  for (const key of admission.requiredLabels ?? []) {
    if (pod.metadata?.labels?.[key] === undefined) report(`its pods have no label "${key}", which ${by}.requiredLabels requires; add it to the service's labels`);
  }
}

/**
 * The library templates each cluster needs for the constraints placed there, by URL at the revision of the
 * governance that asked (the first one's, when two ask for one kind in a cluster), sorted.
 */
export function admissionTemplates(governance: readonly GovernanceSpec[], objects: readonly FleetObject[]): Map<string, string[]> {
  const byCluster = new Map<string, Set<string>>();
  for (const o of objects.filter((x) => x.manifest.apiVersion === CONSTRAINTS_API && TEMPLATE_PATHS[x.manifest.kind] !== undefined)) {
    const owner = governance.find((g) => g.path === o.owner.name);
    const revision = owner?.props.admission?.libraryRevision ?? LIBRARY_REVISION;
    const urls = byCluster.get(o.cluster) ?? new Set<string>();
    if (![...urls].some((u) => u.endsWith(`/${TEMPLATE_PATHS[o.manifest.kind]}`))) urls.add(templateUrl(o.manifest.kind, revision));
    byCluster.set(o.cluster, urls);
  }
  return new Map([...byCluster].map(([cluster, urls]) => [cluster, [...urls].sort()]));
}
