// Reference closure: over random fleets whose pods name random ConfigMaps, Secrets, accounts and claims
// (added through JSON patches, some only in one placement's clusters), each declared, external or
// missing: in every cluster, every object a pod needs exists there or is declared external, read from
// the emitted objects only, through the plan, KubeVela and Karmada (the propagation simulators); a fleet
// with a missing reference is refused, naming it.
import fc from 'fast-check';
import {
  ActivePlacement,
  Delivery,
  type FleetPlan,
  JsonPatchOp,
  type JsonPatchOperation,
  type Manifest,
  PlaceholderPlacement,
  type Placement,
  PodSecurityLevel,
  type ServiceSpec,
} from '../../lib';
import { ClusterSetValidationError } from '../../lib/core/errors';
import { planFleet } from '../../lib/core/plan';
import { karmadaObjects } from '../../lib/engines/karmada';
import { kubeVelaApplications } from '../../lib/engines/kubevela';
import { karmadaFitted } from '../support/engine-fleets';
import { propagateKarmada } from '../support/karmada-propagation';
import { deliverKubeVela } from '../support/kubevela-delivery';
import { referencesOf } from '../support/pod-references';
import { type RandomFleet, randomFleetArb } from '../support/random-fleet';

type Obj = Record<string, any>;

/** Where a pod names an object, and the kind named there. */
const SITES = {
  volumeConfigMap: 'ConfigMap',
  volumeSecret: 'Secret',
  projectedConfigMap: 'ConfigMap',
  projectedSecret: 'Secret',
  claim: 'PersistentVolumeClaim',
  csiSecret: 'Secret',
  envFromConfigMap: 'ConfigMap',
  envSecret: 'Secret',
  initEnvConfigMap: 'ConfigMap',
  pullSecret: 'Secret',
  account: 'ServiceAccount',
} as const;
type Site = keyof typeof SITES;
const OPTIONAL_SITES: ReadonlySet<Site> = new Set(['volumeConfigMap', 'volumeSecret', 'envFromConfigMap', 'envSecret', 'initEnvConfigMap']);

const refArb = fc.record({
  site: fc.constantFrom(...(Object.keys(SITES) as Site[])),
  // Few names, so services of one namespace share objects and one pod names an object twice.
  name: fc.constantFrom('shared', 'own', 'other'),
  optional: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  decision: fc.constantFrom('declared', 'declared', 'external', 'missing'),
  firstPlacementOnly: fc.boolean(),
});
type Ref = typeof refArb extends fc.Arbitrary<infer T> ? T : never;

/** A pod has one service account: the first account reference of a service is kept, later ones dropped. */
const oneAccount = (refs: readonly Ref[]) => refs.filter((r, i) => r.site !== 'account' || refs.findIndex((x) => x.site === 'account') === i);

const fleetArb = fc.tuple(randomFleetArb, fc.array(fc.array(refArb, { maxLength: 5 }).map(oneAccount), { minLength: 5, maxLength: 5 }));

/** The object a reference names, as a service declares it: the same content for the same kind and name, so services share it. */
function declaration(kind: string, name: string): Manifest {
  const metadata = { name };
  if (kind === 'ConfigMap') return { apiVersion: 'v1', kind, metadata, data: { key: name } };
  if (kind === 'PersistentVolumeClaim') return { apiVersion: 'v1', kind, metadata, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
  return { apiVersion: 'v1', kind, metadata };
}

/** The referenced name: `shared` is one object for every service of a namespace; the others are the service's own. */
const nameOf = (spec: ServiceSpec, ref: Ref) => (ref.name === 'shared' ? `${SITES[ref.site].toLowerCase()}-shared` : `${spec.name}-${ref.name}`);

/** JSON patches putting `refs` into the pod spec. */
function patches(spec: ServiceSpec, refs: readonly Ref[]): JsonPatchOperation[] {
  const volumes: Obj[] = [];
  const envFrom: Obj[] = [];
  const env: Obj[] = [];
  const initEnv: Obj[] = [];
  const pull: Obj[] = [];
  let account: string | undefined;
  refs.forEach((ref, i) => {
    const name = nameOf(spec, ref);
    const optional = OPTIONAL_SITES.has(ref.site) && ref.optional ? { optional: true } : {};
    const volume = (source: Obj) => volumes.push({ name: `v${i}`, ...source });
    ({
      volumeConfigMap: () => volume({ configMap: { name, ...optional } }),
      volumeSecret: () => volume({ secret: { secretName: name, ...optional } }),
      projectedConfigMap: () => volume({ projected: { sources: [{ configMap: { name } }] } }),
      projectedSecret: () => volume({ projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { secret: { name } }] } }),
      claim: () => volume({ persistentVolumeClaim: { claimName: name } }),
      csiSecret: () => volume({ csi: { driver: 'secrets.example.com', nodePublishSecretRef: { name } } }),
      envFromConfigMap: () => envFrom.push({ configMapRef: { name, ...optional } }),
      envSecret: () => env.push({ name: `S${i}`, valueFrom: { secretKeyRef: { name, key: 'k', ...optional } } }),
      initEnvConfigMap: () => initEnv.push({ name: `C${i}`, valueFrom: { configMapKeyRef: { name, key: 'k', ...optional } } }),
      pullSecret: () => pull.push({ name }),
      account: () => (account = name),
    })[ref.site]();
  });
  const add = (path: string, value: unknown): JsonPatchOperation[] => [{ op: JsonPatchOp.ADD, path: `/spec/template/spec/${path}`, value }];
  return [
    ...(volumes.length > 0 ? add('volumes', volumes) : []),
    ...(envFrom.length > 0 ? add('containers/0/envFrom', envFrom) : []),
    ...(env.length > 0 ? add('containers/0/env', env) : []),
    ...(initEnv.length > 0 ? add('initContainers', [{ name: 'init', image: 'busybox:1.36', env: initEnv }]) : []),
    ...(pull.length > 0 ? add('imagePullSecrets', pull) : []),
    ...(account ? add('serviceAccountName', account) : []),
  ];
}

function withPatches(p: Placement, extra: readonly JsonPatchOperation[]): Placement {
  if (extra.length === 0) return p;
  const overrides = { ...p.props.overrides, patches: [...(p.props.overrides?.patches ?? []), ...extra] };
  return p instanceof ActivePlacement ? new ActivePlacement({ ...p.props, overrides }) : new PlaceholderPlacement({ ...(p as PlaceholderPlacement).props, overrides });
}

/** The fleet with each service's pods naming `refs`, declared or external as each says (the first decision for a name wins). */
function withReferences(fleet: RandomFleet, refsBySpec: ReadonlyArray<readonly Ref[]>): RandomFleet {
  const specs = fleet.specs.map((spec, i): ServiceSpec => {
    const refs = refsBySpec[i] ?? [];
    const decided = new Map<string, Ref['decision']>();
    for (const ref of refs) if (!decided.has(`${SITES[ref.site]}/${nameOf(spec, ref)}`)) decided.set(`${SITES[ref.site]}/${nameOf(spec, ref)}`, ref.decision);
    const entries = [...decided.entries()].map(([key, decision]) => ({ kind: key.split('/')[0], name: key.slice(key.indexOf('/') + 1), decision }));
    // One set of patches per placement: a second `add` of a list would replace the first's.
    const placements = spec.options.placements.map((p, j) => withPatches(p, patches(spec, refs.filter((r) => j === 0 || !r.firstPlacementOnly))));
    return {
      ...spec,
      options: {
        ...spec.options,
        placements,
        // Bare references (volume types, containers without a security context) are what is tested here, not the restricted profile.
        podSecurity: PodSecurityLevel.PRIVILEGED,
        dependencies: entries.filter((e) => e.decision === 'declared').map((e) => declaration(e.kind, e.name)),
        externalDependencies: entries.filter((e) => e.decision === 'external').map(({ kind, name }) => ({ kind, name })),
      },
    };
  });
  return { ...fleet, specs };
}

/** The references no cluster may lack: neither optional nor left missing on purpose. */
function required(refsBySpec: ReadonlyArray<readonly Ref[]>, fleet: RandomFleet): ReadonlyArray<readonly Ref[]> {
  return fleet.specs.map((spec, i) => {
    const refs = refsBySpec[i] ?? [];
    const firstDecision = (ref: Ref) => refs.find((r) => SITES[r.site] === SITES[ref.site] && nameOf(spec, r) === nameOf(spec, ref))?.decision;
    return refs.filter((ref) => firstDecision(ref) !== 'missing' || (OPTIONAL_SITES.has(ref.site) && ref.optional));
  });
}

function planOf(fleet: RandomFleet, karmada = false): FleetPlan | readonly string[] {
  try {
    return planFleet({ path: 'fleet', clusters: fleet.clusters, services: fleet.specs }, karmada ? { delivery: Delivery.karmada() } : {});
  } catch (error) {
    if (error instanceof ClusterSetValidationError) return error.problems;
    throw error;
  }
}

const objectsOf = (plan: FleetPlan) => Object.fromEntries(plan.clusters.map((c) => [c.cluster, c.objects.map((o) => o.manifest as Obj)]));

/** Every reference a cluster's pods need that the cluster lacks, and every declared dependency missing where its service is placed. */
function closureFailures(fleet: RandomFleet, plan: FleetPlan, objects: Record<string, Obj[]>, where: string): string[] {
  const failures: string[] = [];
  const has = (cluster: string, kind: string, namespace: string, name: string) =>
    (objects[cluster] ?? []).some((o) => o.kind === kind && o.metadata?.namespace === namespace && o.metadata?.name === name);
  for (const [cluster, held] of Object.entries(objects)) {
    for (const workload of held) {
      const spec = fleet.specs.find((s) => s.name === workload.metadata?.name && (s.options.namespace ?? 'default') === workload.metadata?.namespace);
      for (const ref of referencesOf(workload).filter((r) => !r.optional)) {
        const external = spec?.options.externalDependencies?.some((e) => e.kind === ref.kind && e.name === ref.name);
        if (!external && !has(cluster, ref.kind, workload.metadata.namespace, ref.name)) {
          failures.push(`${where}: ${workload.kind} ${workload.metadata.namespace}/${workload.metadata.name} in "${cluster}" needs ${ref.kind} "${ref.name}" (${ref.path}), which is not there`);
        }
      }
    }
  }
  for (const summary of plan.services) {
    const spec = fleet.specs.find((s) => s.name === summary.name && (s.options.namespace ?? 'default') === summary.namespace);
    for (const cluster of [...summary.active, ...summary.placeholders.map((p) => p.cluster)]) {
      for (const d of spec?.options.dependencies ?? []) {
        if (!has(cluster, d.kind, summary.namespace, d.metadata.name)) failures.push(`${where}: ${d.kind} ${summary.namespace}/${d.metadata.name} of ${summary.path} is not in "${cluster}", which holds the service`);
      }
    }
  }
  return failures;
}

describe('reference closure', () => {
  test('over random fleets and pod references, every object a pod needs is in its cluster or external, through the plan and the hub engines; a missing one is refused', () => {
    const counts = { planned: 0, refused: 0, missingRefused: 0, references: 0, karmada: 0 };
    fc.assert(
      fc.property(fleetArb, ([base, refs]) => {
        const fleet = withReferences(base, refs);
        const complete = withReferences(base, required(refs, base));
        const plan = planOf(complete);
        if (!(plan instanceof Object) || Array.isArray(plan)) {
          counts.refused++;
          return;
        }
        const fleetPlan = plan as FleetPlan;
        counts.planned++;
        const planned = objectsOf(fleetPlan);
        counts.references += Object.values(planned).flat().flatMap(referencesOf).length;
        const failures = [
          ...closureFailures(complete, fleetPlan, planned, 'plan'),
          ...closureFailures(complete, fleetPlan, deliverKubeVela(kubeVelaApplications(fleetPlan), complete.clusters).objects, 'KubeVela'),
        ];
        const fitted = karmadaFitted({ ...complete, shared: false });
        const karmadaPlan = planOf(fitted, true);
        if (!Array.isArray(karmadaPlan)) {
          counts.karmada++;
          const delivered = propagateKarmada(karmadaObjects(karmadaPlan as FleetPlan), fitted.clusters);
          failures.push(...delivered.problems.map((p) => `Karmada: ${p}`), ...closureFailures(fitted, karmadaPlan as FleetPlan, delivered.objects, 'Karmada'));
        }
        expect(failures).toEqual([]);
        // The same fleet with the references left missing on purpose is refused, each one named.
        const kept = required(refs, base);
        const missing = fleet.specs.flatMap((spec, i) => (refs[i] ?? []).filter((r) => !kept[i].includes(r)).map((r) => `${SITES[r.site]} "${nameOf(spec, r)}"`));
        if (missing.length === 0) return;
        const refused = planOf(fleet);
        expect(Array.isArray(refused)).toBe(true);
        for (const name of missing) expect((refused as string[]).some((p) => p.includes(`refers to ${name}`))).toBe(true);
        counts.missingRefused++;
      }),
      { numRuns: Number(process.env.REFERENCE_RUNS ?? 200) },
    );
    console.log(`reference closure: ${counts.planned} planned (${counts.karmada} through Karmada), ${counts.refused} refused, ${counts.missingRefused} refused for a missing reference, ${counts.references} references read`);
    expect(counts.planned).toBeGreaterThan(counts.refused);
    expect(counts.missingRefused).toBeGreaterThan(0);
  });
});
