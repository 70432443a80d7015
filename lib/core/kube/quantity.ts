// Compute resource quantities as the API server parses them (k8s.io/apimachinery resource.Quantity).
import { labelKeyProblem } from './names';
import type { ContainerResources } from '../api/resources';

/** A signed decimal number, then a binary (Ki...Ei) or decimal (n, u, m, k, M...E) suffix or an exponent. */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

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

const NANO = 1_000_000_000n;
const BINARY: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/**
 * A quantity in billionths of its unit (nanocores, nanobytes), exactly, rounded up as the API server rounds
 * a finer value up to its smallest scale; undefined when `text` is not a quantity.
 */
export function quantityNanos(text: string): bigint | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, , , suffix = ''] = match;
  const number = text.slice(0, text.length - suffix.length);
  const negative = number.startsWith('-');
  const [whole, fraction = ''] = number.replace(/^[+-]/, '').split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0') * NANO;
  let denominator = 10n ** BigInt(fraction.length);
  const exponent = suffix in BINARY ? undefined : /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : DECIMAL[suffix];
  if (exponent === undefined) numerator *= 1024n ** BigInt(BINARY[suffix]);
  else if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  const rounded = (numerator + denominator - 1n) / denominator;
  return negative ? -rounded : rounded;
}

/** CPU in the shortest exact form: `2`, `1500m`, or nanocores as `5n`. */
export function formatCpu(nanos: bigint): string {
  if (nanos % NANO === 0n) return `${nanos / NANO}`;
  if (nanos % 1_000_000n === 0n) return `${nanos / 1_000_000n}m`;
  return `${nanos}n`;
}

/** Memory in whole bytes (rounded up), with the largest binary suffix that keeps it exact: `64Gi`, `1536Mi`, `1000`. */
export function formatMemory(nanos: bigint): string {
  let bytes = (nanos + NANO - 1n) / NANO;
  for (const suffix of ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi']) {
    if (bytes === 0n || bytes % 1024n !== 0n) return `${bytes}${suffix}`;
    bytes /= 1024n;
  }
  return `${bytes}Ei`;
}
