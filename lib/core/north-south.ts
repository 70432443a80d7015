// North-south weights as the public API offers them: static members, since jsii exports no free functions.
import type { NorthSouthTable } from './model';
import { ingressNodeWeight } from './emit/north-south';
import { ClusterSetValidationError } from './errors';
import { NORTH_SOUTH_FOLDER, type NorthSouthFile, nginxUpstream, northSouthFiles } from './emit/north-south-files';

/**
 * The outer load balancer's weights (docs/north-south.md): `FleetPlan.northSouth` holds the tables, and
 * these turn them into the files `ClusterSetApp` writes, for programs that write them themselves (Pulumi).
 */
export class NorthSouth {
  /** The folder at the root of the output, beside the cluster folders, where ClusterSetApp writes the files. */
  public static readonly FOLDER = NORTH_SOUTH_FOLDER;

  /** The weight of each of `ingressNodes` nodes fronting `pods` pods of a service: max(1, floor(pods × 10 / ingressNodes)). */
  public static nodeWeight(pods: number, ingressNodes: number): number {
    const problems = [
      ...(Number.isInteger(pods) && pods >= 0 ? [] : [`pods ${String(pods)} must be a whole number, at least 0`]),
      ...(Number.isInteger(ingressNodes) && ingressNodes >= 1 ? [] : [`ingressNodes ${String(ingressNodes)} must be a whole number, at least 1`]),
    ];
    if (problems.length > 0) throw new ClusterSetValidationError(problems.map((p) => `NorthSouth.nodeWeight: ${p}`));
    return ingressNodeWeight(pods, ingressNodes);
  }

  /** The nginx `upstream` block of one table: one `server <address> weight=<n>;` per ingress node. */
  public static nginxUpstream(table: NorthSouthTable): string {
    return nginxUpstream(table);
  }

  /** The files of the tables, `<namespace>.<service>.json` and `.conf` each, as ClusterSetApp writes them under `north-south/`. */
  public static files(tables: NorthSouthTable[]): NorthSouthFile[] {
    return northSouthFiles(tables);
  }

  private constructor() {}
}
