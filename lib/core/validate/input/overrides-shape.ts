// What a set of overrides (per placement or per cluster) must hold at runtime, Karmada's overriders included.
import { dependencyShape } from './dependencies-shape';
import { integer, INT32_MAX, json, listOf, object, oneOf, string, stringMap } from './shape';

/** Requests and limits of the container, quantities such as "500m" or "128Mi". */
export const resourcesShape = object({
  requests: { shape: stringMap },
  limits: { shape: stringMap },
});

const mapOverrider = object({
  operator: { shape: oneOf(['add', 'remove', 'replace']), required: 'give add, remove or replace' },
  value: { shape: stringMap, required: 'give the entries to add, remove or replace' },
});

const listOverrider = object({
  containerName: { shape: string() },
  operator: { shape: oneOf(['add', 'remove']), required: 'give add or remove' },
  value: { shape: listOf(string()), required: 'give the items to add or remove' },
});

export const overridesShape = object({
  replicas: { shape: integer({ max: INT32_MAX }) },
  image: {
    shape: object({
      registry: { shape: string() },
      repository: { shape: string() },
      tag: { shape: string() },
    }),
  },
  labels: { shape: stringMap },
  annotations: { shape: stringMap },
  env: { shape: stringMap },
  resources: { shape: resourcesShape },
  imageOverriders: {
    shape: listOf(
      object({
        component: { shape: oneOf(['Registry', 'Repository', 'Tag']), required: 'give Registry, Repository or Tag' },
        operator: { shape: oneOf(['add', 'remove', 'replace']), required: 'give add, remove or replace' },
        value: { shape: string() },
      }),
    ),
  },
  labelsOverriders: { shape: listOf(mapOverrider) },
  annotationsOverriders: { shape: listOf(mapOverrider) },
  commandOverriders: { shape: listOf(listOverrider) },
  argsOverriders: { shape: listOf(listOverrider) },
  patches: {
    shape: listOf(
      object({
        op: { shape: oneOf(['add', 'remove', 'replace']), required: 'give add, remove or replace' },
        path: { shape: string(), required: 'give a JSON pointer such as /spec/template/spec/nodeSelector' },
        value: { shape: json },
      }),
    ),
  },
  dependencies: { shape: listOf(dependencyShape) },
});
