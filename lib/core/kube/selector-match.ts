// Matching cluster labels against label selectors, as Kubernetes does.
import { type LabelSelector, LabelSelectorOperator, type LabelSelectorRequirement } from '../api/label-selector';
import { labelKeyProblem } from './names';

/** True when `labels` satisfy every part of `selector` (an empty selector matches everything). */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementHolds(req, labels));
}

function requirementHolds(req: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case LabelSelectorOperator.IN:
      return has && values.includes(labels[req.key]);
    case LabelSelectorOperator.NOT_IN:
      return !has || !values.includes(labels[req.key]);
    case LabelSelectorOperator.EXISTS:
      return has;
    case LabelSelectorOperator.DOES_NOT_EXIST:
      return !has;
  }
}

/** Why a selector is malformed, starting with the field at fault (`matchExpressions[0].values`), or undefined. */
export function selectorProblem(selector: LabelSelector): string | undefined {
  for (const [i, req] of (selector.matchExpressions ?? []).entries()) {
    const field = `matchExpressions[${i}]`;
    // A key no label can have matches nothing, and an empty one would not even show in the selector.
    const keyProblem = labelKeyProblem(req.key);
    if (keyProblem) return `${field}.key "${req.key}" is not a label key: ${keyProblem}`;
    const values = req.values ?? [];
    const needsValues = req.operator === 'In' || req.operator === 'NotIn';
    if (needsValues && values.length === 0) return `${field}.values is empty, but operator ${req.operator} on "${req.key}" needs at least one value`;
    if (!needsValues && values.length > 0) return `${field}.values is set, but operator ${req.operator} on "${req.key}" takes no values; remove them`;
  }
  return undefined;
}

/** `region=hangzhou,tier in (a,b)`: how errors show a selector. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${shown(v)}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).map(shown).join(',');
    parts.push(
      req.operator === 'Exists' ? req.key : req.operator === 'DoesNotExist' ? `!${req.key}` : `${req.key} ${req.operator.toLowerCase()} (${values})`,
    );
  }
  return parts.length > 0 ? parts.join(',') : '<everything>';
}

/** A label value as a selector shows it: the empty value, which labels may have, as "". */
function shown(value: string): string {
  return value === '' ? '""' : value;
}
