// Checks that keep the product's promise: a client in any cluster holding a service, calling
// `{app}.{ns}.svc` on any of its ports, reaches a pod that runs and listens there.
import { cidrsOverlap } from '../kube/cidr';
import { isExported } from '../resolve/exported';
import type { Assignment, FleetPlan, ResolvedService } from '../model';
import type { Cluster, ServiceModel } from '../resolved';
import type { Problems } from '../errors';
import { AddressKind } from '../wiring';
import type { Manifest } from '../kube/manifest';
import { ReplicaScheduling, type SchedulingProps } from '../api/scheduling';

/**
 * A headless Service translates no port: DNS answers with pod IPs and clients keep the port they call,
 * so a port whose targetPort differs would reach nothing in any cluster.
 */
export function checkHeadlessPorts(model: ServiceModel, problems: Problems): void {
  if (!model.headless) return;
  for (const port of model.ports.filter((p) => p.targetPort !== undefined && p.targetPort !== p.port)) {
    problems.add(
      model.path,
      `port "${port.name}" has targetPort ${port.targetPort} but port ${port.port}; a StatefulSet's headless Service does no port ` +
        `translation (DNS returns pod IPs), so clients calling ${port.port} would reach nothing; make the container listen on ${port.port} ` +
        `(drop targetPort) or use WorkloadKind.DEPLOYMENT`,
    );
  }
}

/**
 * An active cluster that runs no replica answers its own clients with nothing (its Service selects no pod)
 * and, once exported, answers other clusters' clients with nothing too.
 */
export function checkActiveReplicas(model: ServiceModel, scheduling: SchedulingProps | undefined, assignments: readonly Assignment[], problems: Problems): void {
  // Divided scheduling turns an idle Deployment cluster into a placeholder; only a StatefulSet's stays active.
  const divided = scheduling?.type === ReplicaScheduling.DIVIDED && model.headless;
  for (const a of assignments.filter((x) => x.role === 'active' && x.replicas === 0)) {
    const where = `cluster "${a.cluster.name}"`;
    if (divided) {
      problems.add(
        model.path,
        `divided scheduling leaves StatefulSet "${model.name}" with 0 replicas in ${where}, whose headless Service would resolve to no pod ` +
          `for clients there (and a headless Service cannot become a placeholder's in place); give "${a.cluster.name}" ` +
          'minReplicas: 1 in scheduling.preferences, or move it to a PlaceholderPlacement',
      );
    } else {
      problems.add(
        model.path,
        `${where} is active but runs 0 replicas, so clients there (and, through the export, elsewhere) calling ${model.name}.${model.namespace}.svc ` +
          'would reach no pod; give it replicas, or move it to a PlaceholderPlacement so its clients reach the clusters that run the service',
      );
    }
  }
}

/**
 * Submariner routes a ClusterIP to the cluster whose range holds it: when a third cluster of the fleet
 * claims the same range, a placeholder's EndpointSlice address is ambiguous and may go to the wrong one.
 */
export function checkSliceAddressesRoutable(model: ServiceModel, assignments: readonly Assignment[], fleet: readonly Cluster[], problems: Problems): void {
  const active = assignments.filter(isExported);
  for (const p of assignments.filter((a) => a.role === 'placeholder' && a.networking)) {
    for (const source of active) {
      const range = source.cluster.serviceCidr;
      if (!range || p.networking?.wiring.addressNeeded(p.cluster, source.cluster) !== AddressKind.CLUSTER_IP) continue;
      for (const other of fleet.filter((c) => c.name !== source.cluster.name && c.name !== p.cluster.name)) {
        const clash = [other.serviceCidr, other.podCidr].find((r) => r && cidrsOverlap(r, range));
        if (!clash || (other.globalnetCidr && p.cluster.globalnetCidr)) continue;
        problems.add(
          model.path,
          `the EndpointSlice in cluster "${p.cluster.name}" points at a ClusterIP of "${source.cluster.name}" (serviceCidr ${range.text}), ` +
            `but "${other.name}" claims ${clash.text} too, so Submariner cannot tell which cluster to send it to; renumber "${other.name}", ` +
            'give the clusters Globalnet, or use Networking.ISTIO or Networking.EXTERNAL_NAME',
        );
        break;
      }
    }
  }
}

/**
 * Overrides may rewrite a pod template (JSON patches on its containers); after them, some container of an
 * active cluster's pods must still declare every port the Service sends to, or the Service forwards to
 * nothing that listens.
 */
export function checkWorkloadListens(model: ServiceModel, cluster: string, workload: Manifest, report: (message: string) => void): void {
  const template = (workload.spec as { template?: { spec?: { containers?: unknown } } } | undefined)?.template;
  const containers = Array.isArray(template?.spec?.containers) ? (template.spec.containers as Array<{ ports?: unknown }>) : [];
  const declared = new Set(
    containers.flatMap((c) => (Array.isArray(c?.ports) ? (c.ports as Array<{ containerPort?: unknown; protocol?: unknown }>) : [])).map((p) => `${p?.containerPort}/${p?.protocol ?? 'TCP'}`),
  );
  for (const port of model.ports) {
    const target = `${port.targetPort ?? port.port}/${port.protocol ?? 'TCP'}`;
    if (declared.has(target)) continue;
    report(
      `cluster "${cluster}": after overrides no container of the ${workload.kind} declares port ${target}, which Service port "${port.name}" ` +
        'sends to; fix the patch that changes the container ports, or the service\'s targetPort',
    );
  }
}

/** Reads each active cluster's planned workload of every service, as emitted, for `checkWorkloadListens`. */
export function checkWorkloadsListen(plan: FleetPlan, services: readonly ResolvedService[], problems: Problems): void {
  for (const s of services) {
    for (const a of s.assignments.filter((x) => x.role === 'active')) {
      const workload = plan.clusters
        .find((c) => c.cluster === a.cluster.name)
        ?.objects.find((o) => (o.manifest.kind === 'Deployment' || o.manifest.kind === 'StatefulSet') && o.manifest.metadata.name === s.model.name && o.manifest.metadata.namespace === s.model.namespace);
      if (workload) checkWorkloadListens(s.model, a.cluster.name, workload.manifest, (m) => problems.add(s.model.path, m));
    }
  }
}
