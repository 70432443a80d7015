import type { Construct } from 'constructs';
import { ClusterSet } from './cluster-set';

/** The ClusterSet among `scope` and its ancestors, nearest first. */
export function nearestClusterSet(scope: Construct | undefined): ClusterSet | undefined {
  for (let s = scope; s; s = s.node.scope as Construct | undefined) {
    if (s instanceof ClusterSet) return s;
  }
  return undefined;
}
