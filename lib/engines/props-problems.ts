// The props of a built-in engine, checked at synth like every other input (they may come from JSON).
import { describeValue } from '../core/validate/input/describe';
import { isObject, type Shape } from '../core/validate/input/shape';

/** Problems of an engine's props, each starting with the factory that took them, such as `Delivery.argoCd({ repoURL })`. */
export function enginePropsProblems(factory: string, shape: Shape, props: unknown): string[] {
  const found: string[] = [];
  if (!isObject(props)) found.push(`${factory} takes an object, got ${describeValue(props)}`);
  else shape(props, '', (m) => found.push(`${factory}: ${m}`));
  return found;
}
