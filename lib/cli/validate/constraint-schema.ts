// The schema of a Gatekeeper constraint, as Gatekeeper generates it from the ConstraintTemplate that defines
// the constraint's kind: spec.match and spec.enforcementAction for every constraint, spec.parameters from
// the template's openAPIV3Schema. A ConstraintTemplate is what users have at hand (not the generated CRD),
// so `--crds` accepts templates too.
import { isRecord, type Json } from './json';

/** The API group every constraint kind is served in. */
export const CONSTRAINT_GROUP = 'constraints.gatekeeper.sh';

/** The versions Gatekeeper serves constraint kinds in. */
export const CONSTRAINT_VERSIONS: readonly string[] = ['v1', 'v1beta1', 'v1alpha1'];

/** Gatekeeper's `spec.match` of every constraint, as its documentation describes it. */
const MATCH_SCHEMA: Json = {
  type: 'object',
  properties: {
    kinds: { type: 'array', items: { type: 'object', properties: { apiGroups: { type: 'array', items: { type: 'string' } }, kinds: { type: 'array', items: { type: 'string' } } } } },
    scope: { type: 'string', enum: ['*', 'Cluster', 'Namespaced'] },
    namespaces: { type: 'array', items: { type: 'string' } },
    excludedNamespaces: { type: 'array', items: { type: 'string' } },
    labelSelector: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    namespaceSelector: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    name: { type: 'string' },
  },
};

/** The constraint kind a ConstraintTemplate defines and its schema; undefined for anything else. */
export function constraintSchema(template: unknown): { readonly kind: string; readonly schema: Json } | undefined {
  if (!isRecord(template) || template.kind !== 'ConstraintTemplate' || !isRecord(template.spec)) return undefined;
  const crd = isRecord(template.spec.crd) && isRecord(template.spec.crd.spec) ? template.spec.crd.spec : undefined;
  const kind = crd && isRecord(crd.names) ? crd.names.kind : undefined;
  if (typeof kind !== 'string') return undefined;
  const validation = crd && isRecord(crd.validation) ? crd.validation.openAPIV3Schema : undefined;
  const parameters = isRecord(validation) ? validation : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const schema: Json = {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        properties: {
          enforcementAction: { type: 'string', enum: ['deny', 'dryrun', 'warn', 'scoped'] },
          match: MATCH_SCHEMA,
          parameters,
        },
      },
    },
  };
  return { kind, schema };
}
