// What the cdk8s constructs' own props must hold at runtime; the clusters and the service options are
// checked by planFleet, with the plan.
import { Delivery } from '../core/api/delivery';
import { describeValue } from '../core/validate/input/describe';
import { boolean, isObject, listOf, object, oneOf, type Shape, string } from '../core/validate/input/shape';

/** Checked by planFleet with the rest of the fleet, so not here. */
const checkedByThePlan: Shape = () => true;

const clusterSetProps = object({
  clusters: { shape: checkedByThePlan },
  namespaces: { shape: checkedByThePlan },
  delivery: { shape: oneOf(Object.values(Delivery)) },
  gitOps: {
    shape: object({
      repoURL: { shape: string(), required: 'give the Git repository holding the synthesized output' },
      targetRevision: { shape: string() },
      path: { shape: string() },
      namespace: { shape: string() },
      project: { shape: string() },
    }),
  },
  kubeVela: {
    shape: object({
      approveClusters: { shape: listOf(string()) },
      componentType: { shape: string() },
      shared: { shape: boolean },
    }),
  },
});

/** Problems of a ClusterSet's props, each starting with the field. */
export function clusterSetPropsProblems(props: unknown): string[] {
  const found: string[] = [];
  if (!isObject(props)) found.push(`props must be an object such as { clusters: [...] }, got ${describeValue(props)}`);
  else clusterSetProps(props, '', (m) => found.push(m));
  return found;
}
