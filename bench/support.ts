// What both benchmarks share: reading their size, sampling the heap, medians and ratios.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const MB = 1024 * 1024;

/** A positive integer from the environment, or the default. */
export function positiveInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${text}: expected a positive integer`);
  return value;
}

/** `--expose-gc`'s gc(), or the same function obtained at run time when the flag was not given. */
export function obtainGc(): () => void {
  if (typeof global.gc === 'function') return global.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const collectGarbage = obtainGc();

/**
 * Peak heap growth over a run: garbage is collected first, then `heapUsed` is sampled after the program
 * is constructed, every few registrations the mock engine receives, and when the RPC queue has drained.
 * Samples include garbage not yet collected (Pulumi formats a stack trace per resource and per internal
 * promise, which makes a lot of it), so `live` also reports the growth after a full gc at the end.
 */
export class HeapSampler {
  private readonly base: number;
  private peak: number;

  constructor() {
    collectGarbage();
    this.base = process.memoryUsage().heapUsed;
    this.peak = this.base;
  }

  /** Records the current heap size. */
  public sample(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.peak) this.peak = used;
  }

  /** Growth of the heap at its highest sample, in bytes. */
  public growth(): number {
    this.sample();
    return this.peak - this.base;
  }

  /** Growth of the heap after a full gc, in bytes: what the run keeps alive. Call after `growth`. */
  public live(): number {
    collectGarbage();
    return process.memoryUsage().heapUsed - this.base;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a';
}
