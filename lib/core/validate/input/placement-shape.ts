// What placements and their networking must be at runtime: instances of the library's classes, with props
// of the right shape.
import { Networking } from '../../../networking/networking';
import { ActivePlacement, PlaceholderPlacement } from '../../api/placement';
import { describeValue } from './describe';
import { overridesShape } from './overrides-shape';
import { type FieldShape, isObject, listOf, object, oneOf, type Shape, string, stringMap } from './shape';

/** A LabelSelector: matchLabels and matchExpressions. */
export const labelSelectorShape = object({
  matchLabels: { shape: stringMap },
  matchExpressions: {
    shape: listOf(
      object({
        key: { shape: string(), required: 'give the label key the requirement is about' },
        operator: { shape: oneOf(['In', 'NotIn', 'Exists', 'DoesNotExist']), required: 'give In, NotIn, Exists or DoesNotExist' },
        values: { shape: listOf(string()) },
      }),
    ),
  },
});

const WIRING_METHODS = ['addressNeeded', 'problems', 'objects'] as const;

/** A Networking: one of the built-in ones, or Networking.custom(wiring) with a wiring that has the contract's members. */
export const networkingShape: Shape = (value, field, report) => {
  if (!(value instanceof Networking)) {
    report(
      `${field} must be Networking.ENDPOINT_SLICE, Networking.ISTIO, Networking.EXTERNAL_NAME or Networking.custom(wiring), got ${describeValue(value)}`,
    );
    return false;
  }
  const wiring: unknown = value.wiring;
  if (!isObject(wiring)) {
    report(`${field} is Networking.custom(${describeValue(wiring)}); give it an object with name, addressNeeded, problems and objects`);
    return false;
  }
  const missing = [
    ...(typeof wiring.name === 'string' && wiring.name !== '' ? [] : ['name (a non-empty string)']),
    ...WIRING_METHODS.filter((m) => typeof wiring[m] !== 'function').map((m) => `${m} (a method)`),
  ];
  if (missing.length > 0) {
    report(`${field} is Networking.custom(wiring) whose wiring lacks ${missing.join(', ')}; implement IPlaceholderWiring`);
    return false;
  }
  const active: unknown = value.activeWiring;
  if (active !== undefined && !(isObject(active) && typeof active.activeObjects === 'function')) {
    report(`${field} is Networking.custom(wiring, ${describeValue(active)}); give an object with an activeObjects method (IActiveWiring), or leave it out`);
    return false;
  }
  return value._checkOptions(field, report);
};

const COMMON: Readonly<Record<string, FieldShape>> = {
  clusters: { shape: listOf(string()) },
  clusterLabelSelector: { shape: labelSelectorShape },
  excludeClusters: { shape: listOf(string()) },
  overrides: { shape: overridesShape },
};

const activeProps = object({ ...COMMON, clusterIP: { shape: string() }, globalnetIP: { shape: string() } });
const placeholderProps = object({
  ...COMMON,
  networking: { shape: networkingShape, required: 'choose Networking.ENDPOINT_SLICE, Networking.ISTIO or Networking.EXTERNAL_NAME' },
});

/** An ActivePlacement or a PlaceholderPlacement whose props have the right shape; props fields are named as `placements[i].clusters`. */
export const placementShape: Shape = (value, field, report) => {
  const props: unknown = isObject(value) ? value.props : undefined;
  if (value instanceof ActivePlacement) return withProps(activeProps, props, field, 'ActivePlacement', report);
  if (value instanceof PlaceholderPlacement) return withProps(placeholderProps, props, field, 'PlaceholderPlacement', report);
  report(`${field} must be a new ActivePlacement({ ... }) or a new PlaceholderPlacement({ ... }), got ${describeValue(value)}`);
  return false;
};

function withProps(shape: Shape, props: unknown, field: string, kind: string, report: (m: string) => void): boolean {
  if (!isObject(props)) {
    report(`${field} is ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind} whose props are ${describeValue(props)}; give new ${kind}({ clusters: [...] })`);
    return false;
  }
  return shape(props, field, report);
}
