// What the NetworkPolicies of a plan admit, read from the objects themselves: whoever wrote them (the fleet's
// governance, a service's dependencies), the table shows what the clusters will enforce.
import type { FleetPlan } from '../model';
import type { LabelSelector } from '../api/label-selector';
import { describeSelector } from '../kube/selector-match';
import { cidrsOverlap, type Ipv4Cidr, parseCidr } from '../kube/cidr';
import { type ClusterRange, RangeKind } from './network-ranges';

/** One NetworkPolicy of one cluster. */
export interface PlannedPolicy {
  readonly cluster: string;
  /** `namespace/name` */
  readonly name: string;
  /** The pods it protects, as a selector reads. */
  readonly pods: string;
  /** Whether it restricts ingress at all (policyTypes, or ingress rules given). */
  readonly ingress: boolean;
  readonly rules: readonly IngressRule[];
}

interface IngressRule {
  /** Undefined when the rule admits every source. */
  readonly from?: readonly Peer[];
  readonly ports: string;
}

interface Peer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except: readonly string[] };
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every NetworkPolicy of the plan, cluster by cluster in fleet order, in the cluster's apply order. */
export function plannedPolicies(plan: FleetPlan): PlannedPolicy[] {
  return plan.clusters.flatMap((c) =>
    c.objects
      .map((o) => o.manifest)
      .filter((m) => m.kind === 'NetworkPolicy' && m.apiVersion === 'networking.k8s.io/v1')
      .map((m) => {
        const spec = isJson(m.spec) ? m.spec : {};
        const types = list(spec.policyTypes);
        const rules = list(spec.ingress).filter(isJson).map(ingressRule);
        return {
          cluster: c.cluster,
          name: `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`,
          pods: isJson(spec.podSelector) ? describeSelector(spec.podSelector as LabelSelector) : '<everything>',
          // Without policyTypes a policy restricts ingress always (Kubernetes' default).
          ingress: types.length === 0 || types.includes('Ingress'),
          rules,
        };
      }),
  );
}

function ingressRule(rule: Json): IngressRule {
  const ports = list(rule.ports)
    .filter(isJson)
    .map((p) => `${p.port === undefined ? 'any' : String(p.port)}${p.endPort === undefined ? '' : `-${String(p.endPort)}`}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}`);
  const from = rule.from === undefined ? undefined : list(rule.from).filter(isJson).map(peer);
  return { ...(from && from.length > 0 ? { from } : {}), ports: ports.length > 0 ? ports.join(',') : 'any port' };
}

function peer(value: Json): Peer {
  const block = isJson(value.ipBlock) && typeof value.ipBlock.cidr === 'string' ? { cidr: value.ipBlock.cidr, except: list(value.ipBlock.except).map(String) } : undefined;
  return {
    ...(isJson(value.podSelector) ? { podSelector: value.podSelector as LabelSelector } : {}),
    ...(isJson(value.namespaceSelector) ? { namespaceSelector: value.namespaceSelector as LabelSelector } : {}),
    ...(block ? { ipBlock: block } : {}),
  };
}

/** What a policy admits, one phrase per rule: `<sources> on <ports>`, ipBlocks named after the cluster range they cover. */
export function admitted(policy: PlannedPolicy, ranges: readonly ClusterRange[]): string {
  if (!policy.ingress) return 'every source (no ingress rule type)';
  if (policy.rules.length === 0) return 'nothing';
  return policy.rules.map((r) => `${r.from ? r.from.map((p) => peerText(p, policy, ranges)).join(' or ') : 'every source'} on ${r.ports}`).join('; ');
}

function peerText(p: Peer, policy: PlannedPolicy, ranges: readonly ClusterRange[]): string {
  if (p.ipBlock) {
    const named = ranges.filter((r) => r.cidr && sameRange(p.ipBlock?.cidr, r.cidr)).map((r) => `${r.kind} range of ${r.cluster}`);
    const except = p.ipBlock.except.length > 0 ? ` except ${p.ipBlock.except.join(',')}` : '';
    return `${p.ipBlock.cidr}${named.length > 0 ? ` (${named.join(', ')})` : ''}${except}`;
  }
  const ns = p.namespaceSelector ? `namespaces ${describeSelector(p.namespaceSelector)}` : `namespace ${policy.name.split('/')[0]}`;
  return p.podSelector ? `pods ${describeSelector(p.podSelector)} in ${ns}` : `every pod in ${ns}`;
}

function sameRange(text: string | undefined, cidr: Ipv4Cidr): boolean {
  const parsed = text === undefined ? undefined : parseCidr(text);
  return parsed !== undefined && typeof parsed !== 'string' && parsed.first === cidr.first && parsed.size === cidr.size;
}

/**
 * The policies of cluster `to` that admit pods of cluster `from`, as `to` sees their addresses: their
 * Globalnet range when `globalnet` (the pair talks through Globalnet), else their pod range; remote pods never
 * match a selector. A policy admitting part of the range only is marked `(part)`.
 */
export function admitting(policies: readonly PlannedPolicy[], ranges: readonly ClusterRange[], from: string, to: string, globalnet: boolean): string[] {
  const source = ranges.find((r) => r.cluster === from && r.kind === (globalnet ? RangeKind.GLOBALNET : RangeKind.POD))?.cidr;
  if (!source) return [];
  return policies
    .filter((p) => p.cluster === to)
    .flatMap((p) => {
      const cover = coverOf(p, source);
      return cover === 'none' ? [] : [cover === 'all' ? p.name : `${p.name} (part)`];
    });
}

function coverOf(policy: PlannedPolicy, source: Ipv4Cidr): 'all' | 'part' | 'none' {
  if (!policy.ingress) return 'all';
  let best: 'all' | 'part' | 'none' = 'none';
  for (const rule of policy.rules) {
    if (!rule.from) return 'all';
    for (const peer of rule.from) {
      const block = peer.ipBlock ? parseCidr(peer.ipBlock.cidr) : undefined;
      if (!block || typeof block === 'string' || !cidrsOverlap(block, source)) continue;
      const contains = block.first <= source.first && block.first + block.size >= source.first + source.size;
      const cut = peer.ipBlock?.except.some((e) => {
        const x = parseCidr(e);
        return typeof x !== 'string' && cidrsOverlap(x, source);
      });
      if (contains && !cut) return 'all';
      best = 'part';
    }
  }
  return best;
}
