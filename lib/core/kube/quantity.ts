// Compute resource quantities as the API server parses them (k8s.io/apimachinery resource.Quantity).
import { labelKeyProblem } from './names';
import type { ContainerResources } from '../api/resources';

/** A signed decimal number, then a binary (Ki...Ei) or decimal (m, k, M...E) suffix or an exponent. */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** Why `text` is not a resource quantity such as `500m` or `128Mi`, or undefined. */
export function quantityProblem(text: string): string | undefined {
  return QUANTITY.test(text) ? undefined : 'is not a quantity such as 500m, 2, 128Mi or 1Gi';
}

/** Resource names are qualified names (`cpu`, `memory`, `nvidia.com/gpu`), and their values quantities. */
export function checkResources(field: string, resources: ContainerResources | undefined, report: (message: string) => void): void {
  for (const part of ['requests', 'limits'] as const) {
    for (const [name, value] of Object.entries(resources?.[part] ?? {})) {
      const nameProblem = labelKeyProblem(name);
      if (nameProblem) report(`${field}.${part} resource name "${name}": ${nameProblem}`);
      const problem = quantityProblem(value);
      if (problem) report(`${field}.${part}["${name}"] "${value}" ${problem}`);
    }
  }
}
