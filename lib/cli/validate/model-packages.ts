// The maintained model packages (kubernetes-models and its @kubernetes-models siblings) as validators.
// They are ESM-only (`"exports"` with just an `import` condition), while this package and its tests run as
// CommonJS (Jest transforms only our sources): a worker thread loads them with Node's native loader, and the
// caller blocks on Atomics.wait until the reply is posted, so validation stays a plain synchronous call.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { formatError, isRecord, type Json, type RawError } from './json';

/** Packages tried in order; each lays out `<group>/<version>/<Kind>.js` (core group: `v1/<Kind>.js`). */
export const MODEL_PACKAGES: readonly string[] = [
  'kubernetes-models',
  '@kubernetes-models/istio',
  '@kubernetes-models/argo-cd',
  '@kubernetes-models/prometheus-operator',
];

/** How long to wait for one batch (the first one also boots the worker and loads the packages). */
const TIMEOUT_MS = 60_000;

/** What a model package says of one object. */
export interface ModelVerdict {
  /** Whether a package has a model of the object's apiVersion and kind. */
  readonly known: boolean;
  /** "field.path: message" for each error; empty when valid or unknown. */
  readonly errors: readonly string[];
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const fs = require('node:fs');
const path = require('node:path');
const { port, flag, packageDirs } = workerData;
const flagView = new Int32Array(flag);

function rawError(e) {
  return { instancePath: String(e.instancePath ?? ''), keyword: String(e.keyword ?? 'error'), message: e.message, params: e.params ?? {} };
}

async function validate({ apiVersion, kind, manifest }) {
  for (const dir of packageDirs) {
    const file = path.join(dir, ...apiVersion.split('/'), kind + '.js');
    if (!fs.existsSync(file)) continue;
    const Model = (await import(pathToFileURL(file).href))[kind];
    // Files such as DeploymentSpec.js are not kinds: only a class with matching static type meta counts.
    if (typeof Model !== 'function' || Model.apiVersion !== apiVersion || Model.kind !== kind) continue;
    try {
      new Model(manifest).validate();
      return { known: true, errors: [] };
    } catch (e) {
      const list = Array.isArray(e?.errors) ? e.errors : [{ keyword: 'error', message: String(e?.message ?? e) }];
      return { known: true, errors: list.map(rawError) };
    }
  }
  return { known: false, errors: [] };
}

async function verdict(request) {
  try {
    return await validate(request);
  } catch (e) {
    return { known: true, errors: [rawError({ keyword: 'error', message: 'model validation crashed: ' + String(e?.stack ?? e) })] };
  }
}

parentPort.on('message', async ({ id, requests }) => {
  const verdicts = [];
  for (const request of requests) verdicts.push(await verdict(request));
  port.postMessage({ id, verdicts });
  Atomics.store(flagView, 0, 1);
  Atomics.notify(flagView, 0);
});
`;

/** One model request: the object's type meta, already checked to be safe as a path. */
interface ModelRequest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly manifest: Json;
}

/**
 * The folder of an installed package, found the way Node finds it: in node_modules of this file's folder
 * or of any folder above it (the package's own dependencies when installed, the repository's in development).
 */
function packageDir(name: string): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** apiVersion and kind become a file path inside a package: refuse anything that could leave it. */
function isSafeTypeMeta(apiVersion: string, kind: string): boolean {
  return /^([a-z0-9.-]+\/)?[a-z0-9]+$/.test(apiVersion) && /^[A-Za-z0-9]+$/.test(kind);
}

/** The model packages behind one worker thread; `close()` stops it (it never keeps a process alive). */
export class ModelPackages {
  /** The packages found installed, as folders. */
  public readonly packageDirs: readonly string[] = MODEL_PACKAGES.map(packageDir).filter((d): d is string => d !== undefined);
  private running?: { readonly worker: Worker; readonly port: MessagePort; readonly flag: Int32Array };
  private nextId = 0;

  /** What the packages say of each manifest, in order; one round trip to the worker for the whole batch. */
  public validate(manifests: readonly Json[]): ModelVerdict[] {
    const requests: ModelRequest[] = [];
    const slots = manifests.map((manifest) => {
      const { apiVersion, kind } = manifest;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !isSafeTypeMeta(apiVersion, kind)) return -1;
      return requests.push({ apiVersion, kind, manifest }) - 1;
    });
    const verdicts = requests.length > 0 ? this.ask(requests) : [];
    return slots.map((slot) => (slot < 0 ? { known: false, errors: [] } : verdicts[slot]));
  }

  /** Stops the worker; the next `validate` starts another. */
  public close(): Promise<number> | undefined {
    const running = this.running;
    this.running = undefined;
    running?.port.close();
    return running?.worker.terminate();
  }

  private start(): NonNullable<ModelPackages['running']> {
    if (this.running) return this.running;
    const flag = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, flag, packageDirs: this.packageDirs }, transferList: [port2] });
    worker.unref();
    this.running = { worker, port: port1, flag: new Int32Array(flag) };
    return this.running;
  }

  private ask(requests: readonly ModelRequest[]): ModelVerdict[] {
    const { worker, port, flag } = this.start();
    const id = this.nextId++;
    Atomics.store(flag, 0, 0);
    worker.postMessage({ id, requests });
    const deadline = Date.now() + TIMEOUT_MS;
    // A reply to an earlier batch may still be queued (one that timed out): skip it and wait for ours.
    for (;;) {
      let reply: unknown;
      for (let queued = receiveMessageOnPort(port); queued; queued = receiveMessageOnPort(port)) {
        const message = queued.message as unknown;
        if (isRecord(message) && message.id === id) reply = message;
      }
      if (isRecord(reply)) return this.verdicts(reply, requests.length);
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(flag, 0, 0, left) === 'timed-out') {
        void this.close();
        return requests.map(() => ({ known: true, errors: [`model validation timed out after ${TIMEOUT_MS} ms`] }));
      }
      Atomics.store(flag, 0, 0);
    }
  }

  private verdicts(reply: Json, count: number): ModelVerdict[] {
    const list = Array.isArray(reply.verdicts) ? (reply.verdicts as unknown[]) : [];
    return Array.from({ length: count }, (_, i) => {
      const v = list[i];
      if (!isRecord(v) || !Array.isArray(v.errors)) return { known: true, errors: ['model validation worker sent no usable reply'] };
      return { known: v.known === true, errors: (v.errors as RawError[]).map(formatError) };
    });
  }
}
