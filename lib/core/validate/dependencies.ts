// The checks on what a service declares for its pods: which kinds, in which namespace, Secrets without
// plaintext, overrides only for declared objects, and no object both declared and external.
import { own } from '../kube/own';
import type { Manifest } from '../kube/manifest';
import { DEPENDENCY_API_VERSIONS } from '../kube/dependency-kinds';
import type { ServiceSpec } from '../model';
import type { Overrides } from '../api/overrides';
import { dns1123SubdomainProblem } from '../kube/names';

const KINDS = Object.keys(DEPENDENCY_API_VERSIONS).join(', ');

/** How the plan writes Secrets, for the plaintext check. */
export interface SecretOutput {
  /** Secret data ends up in files (cdk8s, GitOps repositories): plaintext is refused unless the service allows it. */
  readonly inFiles: boolean;
}

/** Reports every problem of a service's `dependencies`, `externalDependencies` and overrides' `dependencies`. */
export function checkDependencies(spec: ServiceSpec, output: SecretOutput, report: (message: string) => void): void {
  const { options } = spec;
  const namespace = options.namespace ?? 'default';
  const plaintextRefused = output.inFiles && options.allowPlaintextSecrets !== true;
  const declared = options.dependencies ?? [];
  const keys = new Map<string, string>();
  declared.forEach((d, i) => {
    const field = `dependencies[${i}]`;
    checkOne(d, field, namespace, plaintextRefused, report);
    const key = keyOf(d);
    const earlier = keys.get(key);
    if (earlier) report(`${field} declares ${d.kind} "${d.metadata.name}" again (${earlier} declares it); declare each object once`);
    else keys.set(key, field);
  });
  (options.externalDependencies ?? []).forEach((e, i) => {
    const bad = dns1123SubdomainProblem(e.name);
    if (bad) report(`externalDependencies[${i}] name "${e.name}" ${bad}; give the name the object has in the cluster`);
    const key = `${e.kind}/${e.name}`;
    const both = keys.get(key);
    if (both) report(`externalDependencies[${i}] names ${e.kind} "${e.name}", which ${both} declares; an object is either written by clusterset (dependencies) or by something else (externalDependencies), remove one`);
  });
  const layers: Array<[string, Overrides | undefined]> = [
    ...options.placements.map((p, i): [string, Overrides | undefined] => [`placements[${i}].overrides`, p.props.overrides]),
    ...Object.entries(options.clusterOverrides ?? {}).map(([cluster, o]): [string, Overrides | undefined] => [`clusterOverrides["${cluster}"]`, o]),
  ];
  for (const [at, overrides] of layers) {
    (overrides?.dependencies ?? []).forEach((d, i) => {
      const field = `${at}.dependencies[${i}]`;
      checkOne(d, field, namespace, plaintextRefused, report);
      if (!keys.has(keyOf(d))) {
        report(
          `${field} overrides ${d.kind} "${d.metadata.name}", which the service does not declare (declared: ${[...keys.keys()].join(', ') || 'none'}); ` +
            'an override replaces a declared dependency in some clusters, so declare it in dependencies first',
        );
      }
    });
  }
}

/** The kind and name a dependency is matched by (overrides, references, sharing). */
export function keyOf(d: Manifest): string {
  return `${d.kind}/${d.metadata.name}`;
}

function checkOne(d: Manifest, field: string, namespace: string, plaintextRefused: boolean, report: (message: string) => void): void {
  const what = `${d.kind} "${d.metadata.name}"`;
  const apiVersion = own(DEPENDENCY_API_VERSIONS, d.kind);
  if (apiVersion === undefined) {
    report(`${field} is a ${d.kind}, which clusterset does not carry as a dependency (it carries ${KINDS}); create it another way and name it in externalDependencies if pods refer to it`);
    return;
  }
  const bad = dns1123SubdomainProblem(d.metadata.name);
  if (bad) report(`${field}: ${d.kind} name "${d.metadata.name}" ${bad}; the API server refuses any other`);
  if (d.apiVersion !== apiVersion) report(`${field}: ${what} has apiVersion "${d.apiVersion}"; a ${d.kind} is written as apiVersion "${apiVersion}"`);
  if (d.metadata.namespace !== undefined && d.metadata.namespace !== namespace) {
    report(`${field}: ${what} is in namespace "${d.metadata.namespace}", but the service is in "${namespace}" and its pods only see objects there; remove metadata.namespace or set it to "${namespace}"`);
  }
  if (plaintextRefused && d.kind === 'Secret') {
    const fields = ['data', 'stringData'].filter((f) => d[f] !== undefined && d[f] !== null && Object.keys(d[f] as object).length > 0);
    if (fields.length > 0) {
      report(
        `${field}: Secret "${d.metadata.name}" carries ${fields.join(' and ')}, which would be written in plain text into the synthesized files (usually committed to Git); ` +
          `create it with a secret operator (External Secrets, Sealed Secrets...) and name it in externalDependencies as { kind: 'Secret', name: '${d.metadata.name}' }, or set allowPlaintextSecrets: true on the service`,
      );
    }
  }
}
