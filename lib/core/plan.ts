// Props in, per-cluster objects out: the one place that decides what exists where.
import { AddressResolution, type FleetPlan, type FleetSpec, type MigrationSpec, type PhasePlan, type PlanOptions, type ServiceSpec } from './model';
import { MigrationPhase } from './api/migration';
import { addressRequests, resolveAddresses } from './resolve/addresses';
import { checkClustersetNames } from './validate/clusterset-names';
import { checkDeliveredAddresses } from './validate/delivered-addresses';
import { buildPlan } from './emit/plan-objects';
import { type FleetObject, withFleetObjects } from './emit/fleet-objects';
import { admissionObjects, admissionTemplates } from './emit/admission';
import { withRemoteResources } from './emit/remote-resources';
import { Problems } from './errors';
import { checkFleetShape } from './validate/input/fleet-shape';
import { describeValue } from './validate/input/describe';
import { boolean, isObject, object, oneOf } from './validate/input/shape';
import { compare } from './emit/order';
import { checkMcsConsistency } from './validate/mcs-consistency';
import { checkWorkloadsListen } from './validate/routes';
import { checkAssignments, resolveService } from './resolve/service';
import { operate } from './operate/operate';
import { validateClusters } from './validate/checks';
import { FleetLedger } from './validate/fleet-ledger';
import { checkDeclaredNamespaces } from './validate/namespaces';
import { checkDependencies } from './validate/dependencies';
import { allocatableByCluster, clusterUsage, serviceUsage } from './validate/capacity';
import { northSouthTables } from './emit/north-south';
import { resolveGuardrails } from './resolve/guardrails';
import { checkGuardrailProps } from './validate/guardrails';
import { checkQuotas } from './validate/quota';
import { guardrailObjects } from './emit/guardrails';
import { checkMetricsPorts, checkMonitoring } from './validate/monitoring';
import { monitoringObjects } from './emit/monitoring';
import { trafficRules, withStrictNamespaces } from './resolve/traffic-rules';
import { resolveCallers, withCallGraph } from './resolve/callers';
import { checkCalls, checkCallsSeeRoutes, checkPlaceholderTrust, checkTrustDomains } from './validate/calls';
import { trafficObjects } from './emit/traffic-objects';
import { scrapingOf } from './emit/scraping';
import { meshIsStrict } from './resolve/mesh-strict';
import { checkIngressAdmitted, checkIngressSources } from './validate/ingress-sources';

export { applyWaveOf } from './emit/order';
export { ApplyWave } from './model';

/**
 * Turns a fleet and its services into the objects of every cluster. Pure and deterministic: the same
 * spec gives the same plan, whatever order services were declared in. Throws ClusterSetValidationError
 * with every problem found, before anything is built.
 */
export function planFleet(spec: FleetSpec, options: PlanOptions = {}): FleetPlan {
  const problems = new Problems();
  const plan = planOnLedger(spec, options, new FleetLedger(), problems);
  problems.throwIfAny();
  if (!plan) throw new Error('internal: planning stopped without a problem');
  return plan;
}

/** @internal How much of the fleet a spec holds, for planOnLedger. */
export interface PlanScope {
  /**
   * False when `spec` holds some of the fleet's services only (the Pulumi flavour's one at a time): a
   * migration's named services that are not among them are then someone else's, not unknown.
   * @default true
   */
  readonly wholeFleet?: boolean;
  /**
   * False when `spec` lacks some of the fleet's services (the Pulumi flavour): the call graph's rules need
   * every service. True for a migration's earlier phases, planned with every service but not as the whole fleet.
   * @default - as wholeFleet
   */
  readonly allServices?: boolean;
  /** False for the planning of an earlier migration phase itself, which needs none of its own. @default true */
  readonly earlierPhases?: boolean;
}

/**
 * @internal planFleet's work, with the fleet-wide checks made against `ledger`, which records what this
 * spec's services claim: planFleet gives a fresh one, the Pulumi ClusterSet a branch of the one it keeps
 * across its services. Reports into `problems` (clashes between services with `addClash`) and returns
 * the plan, or undefined when a problem stopped it before the plan was built; `scope` says how much of
 * the fleet `spec` holds.
 */
export function planOnLedger(spec: FleetSpec, options: PlanOptions, ledger: FleetLedger, problems: Problems, scope: PlanScope = {}): FleetPlan | undefined {
  const wholeFleet = scope.wholeFleet !== false;
  const allServices = scope.allServices ?? wholeFleet;
  checkPlanOptions(options, problems);
  const opts: PlanOptions = isObject(options) ? options : {};
  // Shapes first: fleets come from JSON and YAML, and the checks below read fields as their types say.
  const shaped = checkFleetShape(spec, problems);
  if (!shaped.clusters) return undefined;
  const rules = trafficRules(shaped.governance);
  const clusters = withStrictNamespaces(validateClusters(shaped.path, shaped.clusters, problems), rules);
  checkTrustDomains(clusters, problems);
  checkDeclaredNamespaces(shaped.path, shaped.namespaces, problems);
  const resolved = [...shaped.services]
    .sort((a, b) => compare(serviceKey(a), serviceKey(b)))
    .map((s) => resolveService(s, clusters, problems));
  const allocatable = allocatableByCluster(shaped.clusters);
  const operated = operate({ services: resolved, fleet: clusters, migrations: shaped.migrations, allocatable, base: (c) => ledger.usedIn(c), wholeFleet }, problems);
  const services = operated.services;
  services.forEach((s, i) => {
    if (!operated.unplaced.has(s.model.path)) checkAssignments(s, resolved[i].scalingValid, clusters, ledger, problems);
  });
  for (const s of services) ledger.claimService(s.model, problems);
  const graph = resolveCallers(services, problems, allServices);
  checkCalls(services, graph, rules, problems);
  checkPlaceholderTrust(services, problems);
  checkIngressSources(shaped.governance, problems);
  const secrets = { inFiles: opts.secretsInFiles !== false };
  for (const s of services) checkDependencies(s.spec, secrets, (message) => problems.add(s.model.path, message));
  for (const s of services) checkClustersetNames(s, problems);
  checkDeliveredAddresses(opts.delivery, services, problems);
  const live = opts.addresses === AddressResolution.LIVE;
  // An engine that drops ClusterIPs on the way (Karmada) would leave an allocated address unused by its Service.
  const allocate = !live && opts.delivery?.keepsClusterIPs !== false;
  const addresses = resolveAddresses(addressRequests(services), ledger, problems, { allocate });
  const monitoring = checkMonitoring(shaped.monitoring, problems);
  if (shaped.monitoring.length > 0) checkMetricsPorts(services, problems);
  if (problems.any) return undefined;
  const ports = new Map(services.map((s) => [s.model.path, s.model.ports]));
  const base = buildPlan(clusters, services, addresses, live, problems, shaped.namespaces);
  // Fleet-level parts (governance, monitoring: issue 12) add their objects here, before the objects are claimed.
  const fleetObjects: FleetObject[] = [];
  const guardrails = resolveGuardrails(shaped.governance, base);
  checkGuardrailProps(shaped.governance, shaped.clusters.map((c) => c.name), base, wholeFleet, problems);
  checkQuotas(guardrails, base, problems);
  fleetObjects.push(...guardrailObjects(guardrails));
  const portsOf = (s: { readonly path: string }) => ports.get(s.path) ?? [];
  // Prometheus and the ingress controller reach guarded pods by name too: the traffic rules admit exactly them.
  const fronting = northSouthTables(base, shaped.clusters, portsOf);
  checkIngressAdmitted(fronting, clusters, graph, rules, problems);
  const scraping = monitoring ? scrapingOf(monitoring, base, portsOf) : undefined;
  fleetObjects.push(...trafficObjects({ plan: base, clusters, services, graph, rules, scraping, northSouth: fronting }));
  fleetObjects.push(...shaped.governance.flatMap((g) => admissionObjects(g, base, clusters, guardrails, problems)));
  const mutualTlsOnly = (cluster: string, namespace: string) => clusters.some((c) => c.name === cluster && meshIsStrict(c, namespace));
  if (monitoring) fleetObjects.push(...monitoringObjects(shaped.path, monitoring, base, shaped.clusters, portsOf, mutualTlsOnly));
  const built = withRemoteResources(withFleetObjects(base, fleetObjects, shaped.namespaces), admissionTemplates(shaped.governance, fleetObjects));
  ledger.claimObjects(built, problems);
  ledger.claimUsage(
    services.map((s) => s.model.path),
    serviceUsage(built),
    allocatable,
    problems,
  );
  // The tables read the services' summaries only, which the fleet objects leave as they are.
  const plan: FleetPlan = { ...withCallGraph(built, services), usage: clusterUsage(built, shaped.clusters), northSouth: fronting, ...(operated.summary ? { operations: operated.summary } : {}) };
  checkWorkloadsListen(plan, services, problems);
  checkCallsSeeRoutes(plan, services, graph, problems);
  checkMcsConsistency(plan, problems);
  if (problems.any) return undefined;
  const phases = scope.earlierPhases !== false ? planEarlierPhases(spec, shaped.migrations, options, problems, allServices) : [];
  return phases.length > 0 ? { ...plan, earlierPhases: phases } : plan;
}

/**
 * The fleet at each phase before the furthest one its migrations reached (each migration at that phase,
 * or its own if earlier), so engines can render the way there (KubeVela's workflow) and so every phase
 * is known to be a valid plan. A phase that cannot be planned is reported with its problems.
 */
function planEarlierPhases(spec: FleetSpec, migrations: readonly MigrationSpec[], options: PlanOptions, problems: Problems, allServices: boolean): PhasePlan[] {
  const order = Object.values(MigrationPhase);
  const furthest = Math.max(-1, ...migrations.map((m) => order.indexOf(m.props.phase)));
  return order.slice(0, Math.max(0, furthest)).flatMap((phase, index): PhasePlan[] => {
    const capped = migrations.map((m) => (order.indexOf(m.props.phase) > index ? { ...m, props: { ...m.props, phase } } : m));
    const scratch = new Problems();
    // Not as the whole fleet: its names were checked above, and the phases before it need no phases of their own.
    const planned = planOnLedger({ ...spec, migrations: capped }, options, new FleetLedger(), scratch, { wholeFleet: false, allServices, earlierPhases: false });
    for (const message of scratch.messages) problems.add(spec.path, `the fleet at MigrationPhase.${phase}, on the way to the phase planned, cannot be planned: ${message}`);
    return planned ? [{ phase, clusters: planned.clusters, services: planned.services }] : [];
  });
}

const planOptionsShape = object({
  addresses: { shape: oneOf(Object.values(AddressResolution)) },
  delivery: { shape: deliveredAddresses },
  secretsInFiles: { shape: boolean },
});

/** A delivery engine, or any object saying whether it keeps ClusterIPs (its other members are the engine's). */
function deliveredAddresses(value: unknown, field: string, report: (message: string) => void): boolean {
  if (isObject(value) && typeof value.name === 'string' && typeof value.keepsClusterIPs === 'boolean') return true;
  report(`${field} must be a delivery engine such as Delivery.karmada(), with a name and keepsClusterIPs, got ${describeValue(value)}`);
  return false;
}

function checkPlanOptions(options: unknown, problems: Problems): void {
  if (options === undefined) return;
  const report = (message: string) => problems.add('planFleet', message);
  if (!isObject(options)) report(`options must be an object such as { addresses: AddressResolution.STATIC }, got ${describeValue(options)}`);
  else planOptionsShape(options, 'options', report);
}

function serviceKey(s: ServiceSpec): string {
  return `${s.options.namespace ?? 'default'}/${s.name}`;
}

