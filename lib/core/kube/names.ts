// Name rules as the Kubernetes API server applies them (k8s.io/apimachinery validation).

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why `name` is not a DNS-1123 label (cluster and namespace names), or undefined when it is one. */
export function dns1123LabelProblem(name: string): string | undefined {
  if (name.length > 63) return 'must be at most 63 characters';
  if (!DNS1123_LABEL.test(name)) {
    return 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * Why `name` is not a DNS-1123 subdomain (the names of ConfigMaps, Secrets, ServiceAccounts, claims, Roles
 * and RoleBindings), or undefined when it is one.
 */
export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name.length > 253) return 'must be at most 253 characters';
  if (!name.split('.').every((part) => DNS1123_LABEL.test(part))) {
    return 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/** Service names are DNS-1035 labels: like DNS-1123 labels, but they must start with a letter. */
export function dns1035LabelProblem(name: string): string | undefined {
  if (name.length > 63) return 'must be at most 63 characters';
  if (!DNS1035_LABEL.test(name)) {
    return 'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
  }
  return undefined;
}

/** Port names are IANA service names: at most 15 characters, at least one letter, no "--". */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be at most 15 characters';
  if (!IANA_SVC_NAME.test(name)) return 'must be lowercase letters, digits and "-", starting and ending with a letter or digit';
  if (name.includes('--')) return 'must not contain "--"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  return undefined;
}

/** Label keys are qualified names with an optional DNS subdomain prefix (`example.com/name`). */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return 'name part must be 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  }
  if (prefix !== undefined) {
    const labels = prefix.split('.');
    if (prefix.length > 253 || labels.some((l) => dns1123LabelProblem(l) !== undefined)) {
      return 'prefix must be a DNS-1123 subdomain';
    }
  }
  return undefined;
}

/** Label values: at most 63 characters of letters, digits, "-", "_" or ".", empty allowed. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    return 'must be at most 63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  }
  return undefined;
}
