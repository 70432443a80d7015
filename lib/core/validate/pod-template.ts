// The checks of a service's pod template and claim templates, beyond their shape: which container is the
// service's, names unique in the pod, labels the API server accepts and clusterset's own left alone.
import type { MultiClusterServiceOptions } from '../api/service';
import { WorkloadKind } from '../api/service';
import { serviceContainerIndex } from '../emit/pod-template';
import { isObject } from './input/shape';
import { checkLabels, checkReservedLabels } from './checks';

type Report = (message: string) => void;

/** Checks `podTemplate` and `volumeClaimTemplates` of a service named `name`. */
export function checkPodTemplate(name: string, options: MultiClusterServiceOptions, report: Report): void {
  const claims = options.volumeClaimTemplates ?? [];
  if (claims.length > 0 && (options.workload ?? WorkloadKind.DEPLOYMENT) !== WorkloadKind.STATEFUL_SET) {
    report('volumeClaimTemplates are given, but only a StatefulSet has claim templates; set workload: WorkloadKind.STATEFUL_SET, or mount a PersistentVolumeClaim through podTemplate volumes');
  }
  checkUnique('volumeClaimTemplates', claims.map((c) => (isObject(c.metadata) ? c.metadata.name : undefined)), report);
  const template = options.podTemplate;
  if (template === undefined) return;
  const metadata = isObject(template.metadata) ? template.metadata : {};
  const labels = metadata.labels as Record<string, string> | undefined;
  checkLabels('podTemplate.metadata.labels', labels, report);
  checkReservedLabels('podTemplate.metadata.labels', labels, report);
  checkLabels('podTemplate.metadata.annotations', metadata.annotations as Record<string, string> | undefined, report, { keysOnly: true });
  const spec = isObject(template.spec) ? template.spec : {};
  const containers = Array.isArray(spec.containers) ? (spec.containers as Array<Record<string, unknown>>) : [];
  const initContainers = Array.isArray(spec.initContainers) ? (spec.initContainers as Array<Record<string, unknown>>) : [];
  const index = serviceContainerIndex(containers, name);
  if (index === undefined) {
    report(
      `podTemplate.spec.containers has ${containers.length} containers (${containers.map((c) => `"${String(c.name)}"`).join(', ')}) and none is named "${name}", ` +
        'so clusterset cannot tell which one runs the service; name the service\'s container like the service',
    );
  }
  containers.forEach((c, i) => {
    if (i !== index && typeof c.image !== 'string') report(`podTemplate.spec.containers[${i}] ("${String(c.name)}") has no image; give the sidecar's image (only the service's container takes the service's)`);
  });
  initContainers.forEach((c, i) => {
    if (typeof c.image !== 'string') report(`podTemplate.spec.initContainers[${i}] ("${String(c.name)}") has no image; give the init container's image`);
  });
  checkUnique('podTemplate.spec containers and initContainers', [...containers, ...initContainers].map((c) => c.name), report);
  const volumes = Array.isArray(spec.volumes) ? (spec.volumes as Array<Record<string, unknown>>) : [];
  checkUnique('podTemplate.spec.volumes', volumes.map((v) => v.name), report);
}

function checkUnique(field: string, names: readonly unknown[], report: Report): void {
  const seen = new Set<unknown>();
  for (const name of names) {
    if (seen.has(name)) report(`${field}: the name "${String(name)}" is used twice; names are unique in a pod, so rename one`);
    seen.add(name);
  }
}
