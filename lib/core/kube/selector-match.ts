// Matching cluster labels against label selectors, as Kubernetes does.
import type { LabelSelector, LabelSelectorRequirement } from '../api/label-selector';

/** True when `labels` satisfy every part of `selector` (an empty selector matches everything). */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementHolds(req, labels));
}

/** Why a selector is malformed, or undefined. */
export function selectorProblem(selector: LabelSelector): string | undefined {
  for (const req of selector.matchExpressions ?? []) {
    const values = req.values ?? [];
    const needsValues = req.operator === 'In' || req.operator === 'NotIn';
    if (needsValues && values.length === 0) return `operator ${req.operator} on "${req.key}" needs at least one value`;
    if (!needsValues && values.length > 0) return `operator ${req.operator} on "${req.key}" takes no values`;
  }
  return undefined;
}

/** `region=hangzhou,tier in (a,b)`: how errors show a selector. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).join(',');
    parts.push(
      req.operator === 'Exists' ? req.key : req.operator === 'DoesNotExist' ? `!${req.key}` : `${req.key} ${req.operator.toLowerCase()} (${values})`,
    );
  }
  return parts.length > 0 ? parts.join(',') : '<everything>';
}

function requirementHolds(req: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key]);
    case 'NotIn':
      return !has || !values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}
