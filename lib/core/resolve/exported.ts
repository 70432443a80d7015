import type { Assignment } from '../model';

/** Whether the cluster exports the service, so placeholders and clusterset DNS reach it: an active one not withdrawn. */
export function isExported(a: Assignment): boolean {
  return a.role === 'active' && a.exported !== false;
}
