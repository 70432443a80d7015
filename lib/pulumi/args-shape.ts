// What the Pulumi constructs' own args must hold at runtime, beyond the cluster and service props the
// core checks: how Pulumi reaches each cluster, and the fleet a service is placed on.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { clusterShape } from '../core/validate/input/cluster-shape';
import { describeValue } from '../core/validate/input/describe';
import { type FieldShape, type Shape, string } from '../core/validate/input/shape';

/** A kubeconfig path or content: a string, or a Pulumi Output or Promise of one (checked by Pulumi when it resolves). */
const kubeconfig: Shape = (value, field, report) => {
  if (typeof value === 'string' || pulumi.Output.isInstance(value) || value instanceof Promise) return true;
  report(`${field} must be a kubeconfig path or content (a string, or a Pulumi Output of one), got ${describeValue(value)}`);
  return false;
};

const provider: Shape = (value, field, report) => {
  if (value instanceof k8s.Provider) return true;
  report(`${field} must be a kubernetes.Provider, got ${describeValue(value)}`);
  return false;
};

/** The fields PulumiClusterProps adds to ClusterProps. */
export const PULUMI_CLUSTER_FIELDS: Readonly<Record<string, FieldShape>> = {
  kubeconfig: { shape: kubeconfig },
  context: { shape: string() },
  provider: { shape: provider },
};

export const pulumiClusterShape: Shape = clusterShape(PULUMI_CLUSTER_FIELDS);
