// Gatekeeper constraints as the tests read them: the templates of ../shared/gatekeeper-library (never copied
// into the project; each constraint's schema comes from its template through lib/cli/validate); and
// what each template refuses in a pod, written here from the templates' documented behaviour, independently
// of the code that emits the constraints, so the fleet's own pods can be checked against its constraints.
import * as path from 'node:path';

type Json = Record<string, any>;

/** The Gatekeeper library templates, shared beside the repo (see ../shared/gatekeeper-library/README.md). */
export const LIBRARY_ROOT: string = path.resolve(__dirname, '../../../shared/gatekeeper-library');

/** Whether a constraint applies to a pod of `namespace`: its match names the Pod kind and the namespace. */
export function matchesPod(constraint: Json, namespace: string): boolean {
  const match = constraint.spec?.match ?? {};
  const kinds = (match.kinds ?? []).some((k: Json) => (k.apiGroups ?? []).some((g: string) => g === '' || g === '*') && (k.kinds ?? []).some((x: string) => x === 'Pod' || x === '*'));
  const namespaces: string[] | undefined = match.namespaces;
  return kinds && (namespaces === undefined || namespaces.includes(namespace));
}

const containers = (pod: Json, init = true): Json[] => [...(init ? (pod.spec?.initContainers ?? []) : []), ...(pod.spec?.containers ?? [])];

/** CPU in millicores, memory in bytes, as quantities read ("500m", "2", "1Gi", "512M"). */
function amount(value: unknown, cpu: boolean): number {
  const text = String(value);
  const units: Record<string, number> = cpu ? { m: 0.001 } : { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  const found = Object.keys(units).find((u) => text.endsWith(u));
  const number = Number(found ? text.slice(0, -found.length) : text);
  return number * (found ? units[found] : 1);
}

/** Why a constraint of a library template would refuse `pod` (a Pod, or a pod template with its metadata); empty when it admits it. */
export function violations(constraint: Json, pod: Json): string[] {
  const p = constraint.spec?.parameters ?? {};
  switch (constraint.kind) {
    case 'K8sAllowedRepos':
      return containers(pod).filter((c) => !(p.repos ?? []).some((r: string) => String(c.image).startsWith(r))).map((c) => `container ${c.name} image ${c.image} is from no allowed repository`);
    case 'K8sPSPHostFilesystem': {
      const allowed: Json[] = p.allowedHostPaths ?? [];
      return (pod.spec?.volumes ?? []).filter((v: Json) => v.hostPath && !allowed.some((a) => String(v.hostPath.path).startsWith(a.pathPrefix))).map((v: Json) => `volume ${v.name} is a hostPath`);
    }
    case 'K8sContainerLimits':
      return containers(pod).flatMap((c) => {
        const limits = c.resources?.limits ?? {};
        const found: string[] = [];
        if (p.cpu !== '-1' && p.cpu !== undefined) {
          if (limits.cpu === undefined) found.push(`container ${c.name} has no cpu limit`);
          else if (amount(limits.cpu, true) > amount(p.cpu, true)) found.push(`container ${c.name} cpu limit over ${p.cpu}`);
        }
        if (limits.memory === undefined) found.push(`container ${c.name} has no memory limit`);
        else if (p.memory !== undefined && amount(limits.memory, false) > amount(p.memory, false)) found.push(`container ${c.name} memory limit over ${p.memory}`);
        return found;
      });
    case 'K8sRequiredProbes':
      return containers(pod, false).flatMap((c) =>
        (p.probes ?? []).filter((probe: string) => !c[probe] || !(p.probeTypes ?? []).some((t: string) => c[probe][t] !== undefined)).map((probe: string) => `container ${c.name} has no ${probe}`),
      );
    case 'K8sRequiredLabels':
      return (p.labels ?? []).filter((l: Json) => pod.metadata?.labels?.[l.key] === undefined || (l.allowedRegex && !new RegExp(l.allowedRegex).test(pod.metadata.labels[l.key]))).map((l: Json) => `no label ${l.key}`);
    default:
      return [`kind ${constraint.kind} is not simulated`];
  }
}
