// What `admission` of a FleetGovernance must hold at runtime (AdmissionProps).
import { AdmissionEnforcement } from '../../api/admission';
import { quantityProblem } from '../../kube/quantity';
import { boolean, listOf, object, oneOf, type Shape, string } from './shape';

/** A CPU or memory quantity, as the API server parses it. */
const quantity: Shape = (value, field, report) => {
  if (!string({ nonEmpty: true })(value, field, report)) return false;
  const problem = quantityProblem(value as string);
  if (problem) report(`${field} ${JSON.stringify(value)} ${problem}`);
  return problem === undefined;
};

export const admissionShape: Shape = object({
  disallowHostPath: { shape: boolean },
  allowedRegistries: { shape: boolean },
  requireLimits: { shape: boolean },
  maxCpu: { shape: quantity },
  maxMemory: { shape: quantity },
  requireProbes: { shape: boolean },
  requiredLabels: { shape: listOf(string({ nonEmpty: true })) },
  enforcementAction: { shape: oneOf(Object.values(AdmissionEnforcement)) },
});
