// The first check of planFleet: the shape of the fleet, its clusters and each service's options. Later
// checks read these fields as their types say, so nothing malformed may reach them.
import type { ClusterProps } from '../../api/cluster';
import type { NamespaceProps } from '../../api/namespace';
import type { Problems } from '../../errors';
import type { GovernanceSpec, MigrationSpec, MonitoringSpec, ServiceSpec } from '../../model';
import { governanceShape } from './governance-shape';
import { monitoringShape } from './monitoring-shape';
import { migrationShape } from './operations-shape';
import { clusterShape } from './cluster-shape';
import { describeValue } from './describe';
import { checkNamespacesShape } from './namespace-shape';
import { isObject, type Shape } from './shape';
import { serviceShape } from './service-shape';

/** What passed the shape check: the clusters when all of them did, and each service that did. */
export interface ShapedFleet {
  readonly path: string;
  /** Undefined when the clusters list or any cluster is malformed: every later check depends on all of them. */
  readonly clusters?: readonly ClusterProps[];
  readonly services: readonly ServiceSpec[];
  /** The declared Namespaces whose shape is right. */
  readonly namespaces: readonly NamespaceProps[];
  /** The migrations whose shape is right. */
  readonly migrations: readonly MigrationSpec[];
  /** The governance whose shape is right. */
  readonly governance: readonly GovernanceSpec[];
  /** The monitoring whose shape is right. */
  readonly monitoring: readonly MonitoringSpec[];
}

/** Where problems of a fleet whose own path is unusable are reported. */
const NO_PATH = 'planFleet';

/**
 * Checks the runtime shape of a fleet spec, reporting every problem. A service whose options are malformed
 * is left out of what is returned, so later checks never see it; its problems are reported all the same.
 */
export function checkFleetShape(spec: unknown, problems: Problems): ShapedFleet {
  if (!isObject(spec)) {
    problems.add(NO_PATH, `the fleet spec must be an object { path, clusters, services }, got ${describeValue(spec)}`);
    return { path: NO_PATH, services: [], namespaces: [], migrations: [], governance: [], monitoring: [] };
  }
  const path = typeof spec.path === 'string' ? spec.path : NO_PATH;
  if (typeof spec.path !== 'string') problems.add(NO_PATH, `path must be a string naming the fleet, got ${describeValue(spec.path)}`);
  return {
    path,
    clusters: checkClusters(path, spec.clusters, problems),
    services: checkServices(path, spec.services, problems),
    namespaces: checkNamespacesShape(path, spec.namespaces, problems),
    migrations: checkParts(path, 'migrations', spec.migrations, migrationShape, '{ from, to, phase }', problems) as MigrationSpec[],
    governance: checkParts(path, 'governance', spec.governance, governanceShape, '{ namespaces }', problems) as GovernanceSpec[],
    monitoring: checkParts(path, 'monitoring', spec.monitoring, monitoringShape, '{ environment, remoteWrite }', problems) as MonitoringSpec[],
  };
}

/** Fleet-level parts (`{ path, props }` each) whose path and props have the right shape; every other one is reported. */
function checkParts(path: string, field: string, parts: unknown, shape: Shape, example: string, problems: Problems): Array<{ path: string; props: unknown }> {
  if (parts === undefined) return [];
  if (!Array.isArray(parts)) {
    problems.add(path, `${field} must be a list of { path, props }, got ${describeValue(parts)}`);
    return [];
  }
  return parts.filter((part: unknown, i): part is { path: string; props: unknown } => {
    if (!isObject(part) || typeof part.path !== 'string') {
      problems.add(`${path}/${field}[${i}]`, `must be an object { path, props } with a string path, got ${describeValue(part)}`);
      return false;
    }
    const report = (message: string) => problems.add(part.path as string, message);
    if (!isObject(part.props)) {
      report(`props must be an object ${example}, got ${describeValue(part.props)}`);
      return false;
    }
    return shape(part.props, '', report);
  });
}


/** The clusters, when the list and every cluster in it have the right shape. */
export function checkClusters(path: string, clusters: unknown, problems: Problems, shape = clusterShape()): ClusterProps[] | undefined {
  if (!Array.isArray(clusters)) {
    problems.add(path, `clusters must be a list of clusters such as [{ name, serviceCidr, podCidr }], got ${describeValue(clusters)}`);
    return undefined;
  }
  let ok = true;
  clusters.forEach((cluster: unknown, i) => {
    const report = (message: string) => problems.add(`${path}/clusters[${i}]`, message);
    if (!isObject(cluster)) {
      report(`a cluster must be an object such as { name, serviceCidr, podCidr }, got ${describeValue(cluster)}`);
      ok = false;
    } else {
      ok = shape(cluster, '', report) && ok;
    }
  });
  return ok ? (clusters as ClusterProps[]) : undefined;
}

function checkServices(path: string, services: unknown, problems: Problems): ServiceSpec[] {
  if (!Array.isArray(services)) {
    problems.add(path, `services must be a list of { path, name, options }, got ${describeValue(services)}`);
    return [];
  }
  return services.filter((service: unknown, i): service is ServiceSpec => {
    if (!isObject(service) || typeof service.path !== 'string') {
      problems.add(`${path}/services[${i}]`, `a service must be an object { path, name, options } with a string path, got ${describeValue(service)}`);
      return false;
    }
    return checkServiceShape(service.path, service.name, service.options, problems);
  });
}

/** Checks one service's name and options; true when both have the right shape. */
export function checkServiceShape(path: string, name: unknown, options: unknown, problems: Problems, shape = serviceShape()): boolean {
  const report = (message: string) => problems.add(path, message);
  if (!isObject(options)) {
    report(`props must be an object such as { image, ports, placements }, got ${describeValue(options)}`);
    return false;
  }
  const ok = shape(options, '', report);
  // A name given in the options is checked there; one given otherwise (the construct id) here.
  if (typeof options.name !== 'string' && options.name !== undefined) return false;
  if (typeof name !== 'string') {
    report(`name must be a string, got ${describeValue(name)}`);
    return false;
  }
  return ok;
}
