// What `admission` of a FleetGovernance must hold at runtime (AdmissionProps).
import { AdmissionEnforcement } from '../../api/admission';
import { quantityText } from './autoscaling-shape';
import { boolean, listOf, object, oneOf, type Shape, string } from './shape';

/** A Git commit, spelt out: a branch or a tag would let the templates change under the constraints. */
const commit: Shape = (value, field, report) => {
  if (!string()(value, field, report)) return false;
  if (/^[0-9a-f]{40}$/.test(value as string)) return true;
  report(`${field} "${String(value)}" is not a commit of 40 hex digits; pin the Gatekeeper library to a commit, such as 5c441fb645f257b2c428fe9aea22da24a94b5bab`);
  return false;
};

export const admissionShape: Shape = object({
  disallowHostPath: { shape: boolean },
  allowedRegistries: { shape: boolean },
  requireLimits: { shape: boolean },
  maxCpu: { shape: quantityText },
  maxMemory: { shape: quantityText },
  requireProbes: { shape: boolean },
  requiredLabels: { shape: listOf(string({ nonEmpty: true })) },
  enforcementAction: { shape: oneOf(Object.values(AdmissionEnforcement)) },
  libraryRevision: { shape: commit },
});
