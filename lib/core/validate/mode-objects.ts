// What a networking mode hands the core, checked before it joins the plan: modes may be written outside the
// library (Networking.custom), and what they return reaches every backend and engine as it is.
import type { Manifest } from '../kube/manifest';
import type { ServiceModel } from '../resolved';
import { LABELS } from '../resolved';
import { labelKeyProblem, labelValueProblem } from '../kube/names';
import { describeValue } from './input/describe';
import { isPlainObject } from './input/shape';

type Report = (message: string) => void;

/**
 * The objects of `mode` that can join `cluster`'s plan: Kubernetes objects (apiVersion, kind and
 * metadata.name strings) in the service's namespace, where the plan creates the Namespace they wait for
 * and the service owns them. Each other one is reported and left out.
 */
export function checkedModeObjects(mode: string, cluster: string, service: ServiceModel, objects: unknown, report: Report): Manifest[] {
  if (!Array.isArray(objects)) {
    report(`networking ${mode} returned ${describeValue(objects)} as the objects of cluster "${cluster}", not a list; return a list of objects (Manifest[])`);
    return [];
  }
  return objects.filter((o: unknown, i): o is Manifest => {
    const where = `networking ${mode} object [${i}] for cluster "${cluster}"`;
    const metadata = isPlainObject(o) ? o.metadata : undefined;
    if (!isPlainObject(o) || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !isPlainObject(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
      report(`${where} is ${describeValue(o)}, not a Kubernetes object; give it apiVersion, kind and metadata.name strings`);
      return false;
    }
    if (metadata.namespace !== service.namespace) {
      const namespace = typeof metadata.namespace === 'string' ? `in namespace "${metadata.namespace}"` : `with namespace ${describeValue(metadata.namespace)}`;
      report(
        `${where} is ${o.kind} "${metadata.name}" ${namespace}, outside the service's namespace "${service.namespace}", ` +
          `where the service could not own it and its Namespace may not exist; put it in namespace "${service.namespace}"`,
      );
      return false;
    }
    return true;
  });
}

/** Labels or annotations a mode puts on the service's ServiceExport, as the API server checks them. */
export function checkExportMetadata(mode: string, cluster: string, field: 'exportLabels' | 'exportAnnotations', value: unknown, service: ServiceModel, report: Report): Record<string, string> {
  if (value === undefined) return {};
  const where = `networking ${mode} ${field} for cluster "${cluster}"`;
  if (!isPlainObject(value)) {
    report(`${where} is ${describeValue(value)}; give an object of string keys and values, or leave it out`);
    return {};
  }
  const kept: Record<string, string> = {};
  for (const [key, text] of Object.entries(value)) {
    const problem =
      typeof text !== 'string'
        ? `is ${describeValue(text)}, not a string`
        : (labelKeyProblem(key) ?? (field === 'exportLabels' ? labelValueProblem(text) : undefined));
    if (problem) {
      report(`${where}: "${key}" ${problem}`);
      continue;
    }
    if (field === 'exportLabels' && (key in service.labels || key === LABELS.role)) {
      report(`${where} sets "${key}", a label clusterset puts on every object of the service; use another key`);
      continue;
    }
    kept[key] = text as string;
  }
  return kept;
}
