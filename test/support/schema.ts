/**
 * Validates plain Kubernetes manifests against their real upstream schemas:
 * - kinds that a maintained model package knows (`kubernetes-models`, `@kubernetes-models/istio`) through the
 *   package's own generated validator;
 * - kinds that have a CRD under CRD_ROOT (`../shared/crds`) through that CRD's openAPIV3Schema (Ajv), plus a
 *   strictness pass that reports fields the schema does not declare. Istio kinds get both, as a cross-check.
 * A kind known to neither is reported, never silently accepted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { constraintSchema } from './gatekeeper';

export interface SchemaProblem {
  /** "Kind namespace/name" (or "Kind name" when cluster-scoped). */
  readonly object: string;
  readonly message: string;
}

type Json = Record<string, unknown>;

/** Upstream CRDs, shared beside the repo (see ../shared/crds/README.md). */
export const CRD_ROOT: string = path.resolve(__dirname, '../../../shared/crds');

const REPO_ROOT = path.resolve(__dirname, '../..');

/** Model packages tried in order; each lays out `<group>/<version>/<Kind>.js` (core group: `v1/<Kind>.js`). */
const MODEL_PACKAGES: readonly string[] = ['kubernetes-models', '@kubernetes-models/istio'];

/** How long to wait for one model validation (the first one also boots the worker and loads the package). */
const MODEL_TIMEOUT_MS = 60_000;

export function crdsAvailable(crdRoot: string = CRD_ROOT): boolean {
  return fs.existsSync(crdRoot) && fs.statSync(crdRoot).isDirectory();
}

/** Every schema problem of one manifest; empty when it is valid. `crdRoot` is overridable for tests only. */
export function schemaProblems(manifest: Record<string, unknown>, crdRoot: string = CRD_ROOT): SchemaProblem[] {
  const object = describeObject(manifest);
  const { apiVersion, kind } = manifest;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return [{ object, message: 'apiVersion and kind must both be strings' }];
  }
  const messages = [...metadataProblems(manifest)];
  const model = isSafeTypeMeta(apiVersion, kind) ? modelValidate(apiVersion, kind, manifest) : { known: false, errors: [] };
  messages.push(...model.errors);
  if (!crdsAvailable(crdRoot)) {
    // Model-known kinds (core, Istio) stay validated; only the optional CRD cross-check is lost.
    if (!model.known) messages.push(missingCrdsMessage(crdRoot));
  } else {
    const crd = apiVersion.startsWith('constraints.gatekeeper.sh/') ? constraintCrd(kind) : crdIndex(crdRoot).get(typeMetaKey(apiVersion, kind));
    if (crd) messages.push(...crdProblems(crd, manifest));
    else if (!model.known) messages.push(`no schema known for ${apiVersion} ${kind}`);
  }
  return dedupe(messages).map((message) => ({ object, message }));
}

/** Throws one Error listing every problem of every manifest (for jest tests). */
export function expectValidAgainstSchemas(manifests: readonly Record<string, unknown>[]): void {
  const problems = manifests.flatMap((m) => schemaProblems(m));
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  - ${p.object}: ${p.message}`);
  throw new Error(`${problems.length} schema problem(s) in ${manifests.length} manifest(s):\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Common checks and formatting

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeObject(manifest: Json): string {
  const kind = typeof manifest.kind === 'string' ? manifest.kind : '<no kind>';
  const meta = isRecord(manifest.metadata) ? manifest.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '<unnamed>';
  return typeof meta.namespace === 'string' ? `${kind} ${meta.namespace}/${name}` : `${kind} ${name}`;
}

/** CRD root schemas do not constrain metadata, and the API server needs a name to apply an object. */
function metadataProblems(manifest: Json): string[] {
  if (!isRecord(manifest.metadata)) return ['metadata: must be an object'];
  const { name } = manifest.metadata;
  return typeof name === 'string' && name.length > 0 ? [] : ['metadata.name: is required (non-empty string)'];
}

function missingCrdsMessage(crdRoot: string): string {
  return `upstream CRDs not found at ${crdRoot}: clone the shared folder beside the repo (see ../shared/crds/README.md)`;
}

/** apiVersion/kind become file paths in the model lookup: refuse anything that could escape the package. */
function isSafeTypeMeta(apiVersion: string, kind: string): boolean {
  return /^([a-z0-9.-]+\/)?[a-z0-9]+$/.test(apiVersion) && /^[A-Za-z0-9]+$/.test(kind);
}

function typeMetaKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

function dedupe(messages: readonly string[]): string[] {
  return [...new Set(messages)];
}

/** The subset of an Ajv ErrorObject that crosses the worker boundary. */
interface RawError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Json;
}

/** "/spec/ports/0/port" -> "spec.ports[0].port" */
function readablePath(pointer: string): string {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const joined = segments.reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
  return joined || '(root)';
}

function formatError(error: RawError): string {
  const { params } = error;
  let detail = '';
  if (error.keyword === 'enum') detail = `: ${JSON.stringify(params.allowedValues)}`;
  if (error.keyword === 'additionalProperties') detail = `: "${String(params.additionalProperty)}"`;
  return `${readablePath(error.instancePath)}: ${error.message ?? error.keyword}${detail}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Model packages. They are ESM-only (`"exports"` with just an `import` condition) and this Jest setup only
// transforms our own sources, so they cannot be required here: a worker thread loads them with Node's native
// loader and answers synchronously (the caller blocks on Atomics.wait until the reply is posted).

interface ModelRequest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly manifest: Json;
}

interface ModelReply {
  readonly known: boolean;
  readonly errors: string[];
}

interface ModelWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
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

parentPort.on('message', async (request) => {
  let reply;
  try {
    reply = { id: request.id, ...(await validate(request)) };
  } catch (e) {
    reply = { id: request.id, known: true, errors: [rawError({ keyword: 'error', message: 'model validation crashed: ' + String(e?.stack ?? e) })] };
  }
  port.postMessage(reply);
  Atomics.store(flagView, 0, 1);
  Atomics.notify(flagView, 0);
});
`;

let modelWorkerInstance: ModelWorker | undefined;
let nextRequestId = 0;

function modelWorker(): ModelWorker {
  if (modelWorkerInstance) return modelWorkerInstance;
  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const packageDirs = MODEL_PACKAGES.map((p) => path.join(REPO_ROOT, 'node_modules', p)).filter((d) => fs.existsSync(d));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, flag, packageDirs }, transferList: [port2] });
  worker.unref(); // never keeps the test process alive; also terminated after each test file below
  modelWorkerInstance = { worker, port: port1, flag: new Int32Array(flag) };
  return modelWorkerInstance;
}

function closeModelWorker(): Promise<unknown> | undefined {
  const instance = modelWorkerInstance;
  modelWorkerInstance = undefined;
  instance?.port.close();
  return instance?.worker.terminate();
}

// Registered at import time (top level of a test file), so each test file's worker is stopped with it.
if (typeof afterAll === 'function') afterAll(() => closeModelWorker());

function modelValidate(apiVersion: string, kind: string, manifest: Json): ModelReply {
  const { worker, port, flag } = modelWorker();
  const id = nextRequestId++;
  Atomics.store(flag, 0, 0);
  worker.postMessage({ id, apiVersion, kind, manifest } satisfies ModelRequest & { id: number });
  const deadline = Date.now() + MODEL_TIMEOUT_MS;
  // A reply to an earlier request may still be queued (a slow machine): skip it and wait for ours.
  for (;;) {
    let reply: unknown;
    for (let queued = receiveMessageOnPort(port); queued; queued = receiveMessageOnPort(port)) {
      const message = queued.message as unknown;
      if (isRecord(message) && message.id === id) reply = message;
    }
    if (isRecord(reply)) {
      if (!Array.isArray(reply.errors)) return { known: true, errors: ['model validation worker sent no usable reply'] };
      return { known: reply.known === true, errors: (reply.errors as RawError[]).map(formatError) };
    }
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(flag, 0, 0, left) === 'timed-out') {
      closeModelWorker();
      return { known: true, errors: [`model validation timed out after ${MODEL_TIMEOUT_MS} ms`] };
    }
    Atomics.store(flag, 0, 0);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CRDs

interface CrdVersion {
  readonly file: string;
  readonly schema: Json;
  validator?: ValidateFunction;
}

const crdIndexes = new Map<string, Map<string, CrdVersion>>();

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

function parseYamlFile(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`cannot parse ${file}: ${doc.errors[0].message}`);
    return doc.toJS() as unknown;
  });
}

/** "group/version Kind" -> that version's schema, for every CRD under `crdRoot`; built once per root. */
function crdIndex(crdRoot: string): Map<string, CrdVersion> {
  const cached = crdIndexes.get(crdRoot);
  if (cached) return cached;
  const index = new Map<string, CrdVersion>();
  for (const file of yamlFiles(crdRoot).sort()) {
    for (const doc of parseYamlFile(file)) addCrd(index, file, doc);
  }
  crdIndexes.set(crdRoot, index);
  return index;
}

function addCrd(index: Map<string, CrdVersion>, file: string, doc: unknown): void {
  if (!isRecord(doc) || doc.kind !== 'CustomResourceDefinition' || !isRecord(doc.spec)) return;
  const { group, names, versions } = doc.spec;
  if (typeof group !== 'string' || !isRecord(names) || typeof names.kind !== 'string' || !Array.isArray(versions)) return;
  for (const version of versions as unknown[]) {
    if (!isRecord(version) || typeof version.name !== 'string' || !isRecord(version.schema)) continue;
    const schema = version.schema.openAPIV3Schema;
    const key = typeMetaKey(`${group}/${version.name}`, names.kind);
    if (isRecord(schema) && !index.has(key)) index.set(key, { file, schema });
  }
}

const constraintCrds = new Map<string, CrdVersion | undefined>();

/** The schema Gatekeeper generates for a constraint of a library template (test/support/gatekeeper.ts). */
function constraintCrd(kind: string): CrdVersion | undefined {
  if (!constraintCrds.has(kind)) {
    const schema = constraintSchema(kind);
    constraintCrds.set(kind, schema ? { file: `gatekeeper-library ${kind.toLowerCase()}.yaml`, schema } : undefined);
  }
  return constraintCrds.get(kind);
}

function crdProblems(crd: CrdVersion, manifest: Json): string[] {
  crd.validator ??= ajv.compile(ajvSchema(crd.schema));
  const messages: string[] = [];
  if (!crd.validator(manifest)) messages.push(...(crd.validator.errors ?? []).map(formatError));
  unknownFields(manifest, crd.schema, '', messages, true);
  return messages.map((m) => `${m} (CRD ${path.basename(crd.file)})`);
}

/** A deep copy Ajv understands: `x-kubernetes-int-or-string` becomes "integer or string". */
function ajvSchema(schema: Json): Json {
  const copy = structuredClone(schema);
  rewriteIntOrString(copy);
  return copy;
}

function rewriteIntOrString(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteIntOrString(item);
    return;
  }
  if (!isRecord(node)) return;
  for (const child of Object.values(node)) rewriteIntOrString(child);
  if (node['x-kubernetes-int-or-string'] !== true) return;
  // Keep any anyOf the CRD already had (usually the same two branches) as an extra constraint.
  if (node.anyOf !== undefined) node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { anyOf: node.anyOf }];
  delete node.type;
  node.anyOf = [{ type: 'integer' }, { type: 'string' }];
}

const TYPE_META: readonly string[] = ['apiVersion', 'kind', 'metadata'];

/** Ajv accepts undeclared fields; the API server prunes or rejects them, so report each one. */
function unknownFields(value: unknown, schema: Json, at: string, out: string[], root = false): void {
  if (Array.isArray(value)) {
    const { items } = schema;
    if (isRecord(items)) {
      for (const [i, item] of value.entries()) unknownFields(item, items, `${at}[${i}]`, out);
    }
    return;
  }
  if (!isRecord(value)) return;
  const declared = declaredProperties(schema);
  const additional = schema.additionalProperties;
  const strict = declared.size > 0 && additional === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true;
  // Type meta is always allowed at the root and in embedded objects, declared or not (Istio CRDs omit it).
  const implicit = root || schema['x-kubernetes-embedded-resource'] === true ? TYPE_META : [];
  for (const [key, child] of Object.entries(value)) {
    if (root && key === 'metadata') continue;
    const where = at ? `${at}.${key}` : key;
    const sub = declared.get(key) ?? (isRecord(additional) ? additional : undefined);
    if (sub) unknownFields(child, sub, where, out);
    else if (strict && !implicit.includes(key)) out.push(`${where}: unknown field "${key}"`);
  }
}

/** Properties declared on a node, including inside allOf/anyOf/oneOf branches. */
function declaredProperties(schema: Json): Map<string, Json> {
  const result = new Map<string, Json>();
  const branches = ['allOf', 'anyOf', 'oneOf'].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
  for (const node of [schema, ...branches]) {
    if (!isRecord(node) || !isRecord(node.properties)) continue;
    for (const [name, sub] of Object.entries(node.properties)) if (isRecord(sub) && !result.has(name)) result.set(name, sub);
  }
  return result;
}
