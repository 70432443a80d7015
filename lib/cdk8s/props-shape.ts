// What the cdk8s constructs' own props must hold at runtime; the clusters and the service options are
// checked by planFleet, with the plan.
import { describeValue } from '../core/validate/input/describe';
import { isObject, object, type Shape } from '../core/validate/input/shape';

/** Checked by planFleet with the rest of the fleet, so not here. */
const checkedByThePlan: Shape = () => true;

const clusterSetProps = object({
  clusters: { shape: checkedByThePlan },
  namespaces: { shape: checkedByThePlan },
  delivery: { shape: deliveryEngine },
});

/** An IDeliveryEngine: what the fleet reads of it before calling `deliver`. */
function deliveryEngine(value: unknown, field: string, report: (message: string) => void): boolean {
  const engine = isObject(value) ? value : {};
  const ok =
    typeof engine.name === 'string' &&
    typeof engine.clusterFolders === 'boolean' &&
    typeof engine.hubObjects === 'boolean' &&
    typeof engine.keepsClusterIPs === 'boolean' &&
    typeof engine.deliver === 'function';
  if (!ok) {
    report(
      `${field} must be a delivery engine made by a Delivery factory such as Delivery.direct() ` +
        `(an IDeliveryEngine: name, clusterFolders, hubObjects, keepsClusterIPs, deliver()), got ${describeValue(value)}`,
    );
  }
  return ok;
}

/** Problems of a ClusterSet's props, each starting with the field. */
export function clusterSetPropsProblems(props: unknown): string[] {
  const found: string[] = [];
  if (!isObject(props)) found.push(`props must be an object such as { clusters: [...] }, got ${describeValue(props)}`);
  else clusterSetProps(props, '', (m) => found.push(m));
  return found;
}
