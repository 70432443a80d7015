import type { MultiClusterServiceOptions } from '../api/service';
import { type Placement, PlaceholderPlacement } from '../api/placement';
import type { INetworkingMode } from '../wiring';
import { Networking } from '../../networking/networking';

/**
 * The networking of a cluster the plan turns into a placeholder (an idle divided share, a cluster that is
 * down, a migration's drained source): the scheduling's, else the service's first placeholder's, else ExternalName.
 */
export function idleNetworking(options: MultiClusterServiceOptions, placements: readonly Placement[]): INetworkingMode {
  const firstPlaceholder = placements.find((p): p is PlaceholderPlacement => p instanceof PlaceholderPlacement);
  return options.scheduling?.placeholderNetworking ?? firstPlaceholder?.props.networking ?? Networking.EXTERNAL_NAME;
}
