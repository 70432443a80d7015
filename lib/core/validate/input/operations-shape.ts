// What `degrade` and a migration must hold at runtime (DegradeProps, MigrationProps).
import { MigrationPhase } from '../../api/migration';
import { integer, INT32_MAX, listOf, object, oneOf, type Shape, string } from './shape';
import { labelSelectorShape } from './placement-shape';

/** A whole number from `min` to `max`, with the range in the message. */
function whole(min: number, max: number, meaning: string): Shape {
  return (value, field, report) => {
    if (!integer({ max: INT32_MAX })(value, field, report)) return false;
    if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) return true;
    report(`${field} ${String(value)} must be a whole number from ${min} to ${max} (${meaning})`);
    return false;
  };
}

export const degradeShape: Shape = object({
  priority: { shape: whole(-INT32_MAX, INT32_MAX, 'higher keeps its replicas longer') },
  floorPercent: { shape: whole(0, 100, 'percent of the replicas planned with every cluster ready') },
});

export const migrationShape: Shape = object({
  from: { shape: string({ nonEmpty: true }), required: 'give the cluster the services leave' },
  to: { shape: string({ nonEmpty: true }), required: 'give the cluster the services move to' },
  phase: { shape: oneOf(Object.values(MigrationPhase)), required: 'give the phase to plan: MigrationPhase.BOTH_ACTIVE, SWITCH or DRAIN' },
  services: { shape: listOf(string({ nonEmpty: true })) },
  serviceSelector: { shape: labelSelectorShape },
});
