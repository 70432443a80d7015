// What Karmada's validating webhook refuses in a PropagationPolicy beyond its CRD schema, for the fields
// the failover option writes (read in karmada-io/karmada at f8fdd02, pkg/util/validation); sharing nothing
// with lib/engines, so a wrong emitter cannot fool it:
// - application failover needs propagateDeps: true;
// - decisionConditions.tolerationSeconds is at least 0;
// - gracePeriodSeconds is given exactly when purgeMode is Gracefully (the CRD's default mode), and is above 0.
// The admission mutation fills gracePeriodSeconds for Gracefully before validation, so a policy without
// it is accepted on the hub; clusterset writes it out, and this check asks for it.

type Obj = Record<string, any>;

/** Why the webhook would refuse `policy` (or, for a missing grace period, silently fill it); empty when it takes it as written. */
export function karmadaWebhookProblems(policy: Obj): string[] {
  if (policy.kind !== 'PropagationPolicy' && policy.kind !== 'ClusterPropagationPolicy') return [];
  const found: string[] = [];
  const name = `${policy.kind} ${policy.metadata?.name}`;
  const application = policy.spec?.failover?.application;
  if (application === undefined) return found;
  if (policy.spec.propagateDeps !== true) found.push(`${name}: application failover is set, propagateDeps must be true`);
  const toleration = application.decisionConditions?.tolerationSeconds;
  if (toleration === undefined) found.push(`${name}: decisionConditions.tolerationSeconds is left to a default`);
  else if (toleration < 0) found.push(`${name}: decisionConditions.tolerationSeconds ${toleration} must be at least 0`);
  const mode = application.purgeMode ?? 'Gracefully';
  const grace = application.gracePeriodSeconds;
  if (mode === 'Gracefully' && grace === undefined) found.push(`${name}: gracePeriodSeconds is needed with purgeMode Gracefully`);
  if (mode !== 'Gracefully' && grace !== undefined) found.push(`${name}: gracePeriodSeconds only takes effect with purgeMode Gracefully, not ${mode}`);
  if (grace !== undefined && grace <= 0) found.push(`${name}: gracePeriodSeconds ${grace} must be above 0`);
  return found;
}
