// The runtime shape of a fleet's declared Namespaces.
import type { NamespaceProps } from '../../api/namespace';
import type { Problems } from '../../errors';
import { describeValue } from './describe';
import { isObject, object, type Shape, string, stringMap } from './shape';

/** One declared Namespace: a name, and string labels and annotations. */
export const namespaceShape: Shape = object({
  name: { shape: string(), required: 'give the Namespace its name' },
  labels: { shape: stringMap },
  annotations: { shape: stringMap },
});

/** The declared Namespaces whose shape is right; the others are reported and left out. */
export function checkNamespacesShape(path: string, namespaces: unknown, problems: Problems): NamespaceProps[] {
  if (namespaces === undefined) return [];
  if (!Array.isArray(namespaces)) {
    problems.add(path, `namespaces must be a list such as [{ name: 'shop', labels: { ... } }], got ${describeValue(namespaces)}`);
    return [];
  }
  return namespaces.filter((ns: unknown, i): ns is NamespaceProps => {
    const report = (message: string) => problems.add(`${path}/namespaces[${i}]`, message);
    if (!isObject(ns)) {
      report(`a Namespace must be an object such as { name: 'shop', labels: { ... } }, got ${describeValue(ns)}`);
      return false;
    }
    return namespaceShape(ns, '', report);
  });
}
