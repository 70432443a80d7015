// Names built from other names must still fit Kubernetes and DNS: Lighthouse serves
// `{cluster}.{svc}.{ns}.svc.clusterset.local` and `{pod}.{cluster}.{svc}.{ns}.svc.clusterset.local`, and a
// StatefulSet names its pods `{name}-{ordinal}` and labels them `{name}-{revision hash}`.
import { podHosts } from '../emit/plan-objects';
import type { Problems } from '../errors';
import { dns1035LabelProblem } from '../kube/names';
import type { ResolvedService } from '../model';

/** A DNS name has at most 253 characters (255 octets on the wire). */
export const DNS_NAME_MAX = 253;
/**
 * The longest StatefulSet name whose pods can be created: each pod gets the label
 * `controller-revision-hash: {name}-{hash}`, the hash up to 10 characters, and label values stop at 63.
 * It also keeps every pod name `{name}-{ordinal}` a DNS label: 52 + 1 + 10 digits of the largest int32.
 */
export const STATEFUL_SET_NAME_MAX = 63 - 1 - 10;

/** Checks the names Lighthouse and the StatefulSet controller derive from a service, naming what each prevents. */
export function checkClustersetNames(s: ResolvedService, problems: Problems): void {
  const { name, path, clustersetHost, headless } = s.model;
  const active = s.assignments.filter((a) => a.role === 'active');
  // The parts' own rules (DNS labels) are checked where they are given; only what their sum breaks is reported here.
  for (const a of active) {
    const host = `${a.cluster.name}.${clustersetHost}`;
    if (host.length > DNS_NAME_MAX) {
      problems.add(path, `the clusterset name "${host}" of cluster "${a.cluster.name}" is ${host.length} characters, over DNS's ${DNS_NAME_MAX}: Lighthouse and Istio's per-cluster routes could not use it; shorten the cluster, service or namespace name`);
    }
  }
  if (!headless) return;
  if (name.length > STATEFUL_SET_NAME_MAX && dns1035LabelProblem(name) === undefined) {
    problems.add(
      path,
      `StatefulSet name "${name}" is ${name.length} characters, over ${STATEFUL_SET_NAME_MAX}: Kubernetes labels each pod controller-revision-hash "${name}-<hash of up to 10 characters>", ` +
        `which must fit 63, so the StatefulSet would create no pods; shorten the service name to ${STATEFUL_SET_NAME_MAX} characters or fewer`,
    );
  }
  for (const a of active) {
    const longest = podHosts(s, a).at(-1);
    if (longest !== undefined && longest.length > DNS_NAME_MAX) {
      problems.add(
        path,
        `the per-pod clusterset name "${longest}" of cluster "${a.cluster.name}" is ${longest.length} characters, over DNS's ${DNS_NAME_MAX}: ` +
          'Lighthouse could not serve the records of that StatefulSet\'s pods; shorten the service, namespace or cluster name',
      );
    }
  }
}
