// What `dependencies` and `externalDependencies` must hold at runtime (JSON and YAML fleets).
import { REFERABLE_KINDS } from '../../kube/dependency-kinds';
import { describeValue } from './describe';
import { isObject, json, object, oneOf, type Shape, string, stringMap } from './shape';

const metadata = object({
  name: { shape: string({ nonEmpty: true }), required: 'give the object a name' },
  namespace: { shape: string() },
  labels: { shape: stringMap },
  annotations: { shape: stringMap },
});

/**
 * A plain Kubernetes manifest: apiVersion, kind and metadata checked as fields, the rest (data, rules,
 * spec...) only as JSON; which kinds are allowed is the dependency check's business, with its list.
 */
export const dependencyShape: Shape = (value, field, report) => {
  if (!isObject(value)) {
    report(`${field} must be a Kubernetes object such as { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: {...} }, got ${describeValue(value)}`);
    return false;
  }
  let ok = json(value, field, report);
  if (!ok) return false;
  for (const key of ['apiVersion', 'kind'] as const) {
    if (value[key] === undefined) ok = fail(report, `${field}.${key} is required; give it as in { apiVersion: 'v1', kind: 'ConfigMap', ... }`);
    else ok = string({ nonEmpty: true })(value[key], `${field}.${key}`, report) && ok;
  }
  if (value.metadata === undefined) return fail(report, `${field}.metadata is required; give { name: ... }`);
  return metadata(value.metadata, `${field}.metadata`, report) && ok;
};

/** An object something else creates in each cluster, named by kind and name. */
export const externalDependencyShape = object({
  kind: { shape: oneOf(REFERABLE_KINDS), required: `give one of ${REFERABLE_KINDS.join(', ')}` },
  name: { shape: string({ nonEmpty: true }), required: 'give the name of the object in the service\'s namespace' },
});

function fail(report: (message: string) => void, message: string): false {
  report(message);
  return false;
}
