import { ActivePlacement, ImageComponent, JsonPatchOp, LabelSelectorOperator, type MultiClusterServiceOptions, Networking, OverriderOperator, PlaceholderPlacement, ReplicaScheduling, WorkloadKind } from '../../lib';

/**
 * Active-active services over the three clusters:
 * - `checkout` runs in all three, 12 replicas divided 2:1:1 (prodc twice the others, at least one each,
 *   hangzhou-1 capped by its capacity); localproda trims its resources, prodc pins its pods to a zone.
 * - `catalog` runs in both Hangzhou clusters, divided 3:1; localproda reaches it through Istio, which
 *   splits traffic over the two clusters' own clusterset names by replica share.
 * - `ledger` is a StatefulSet in localproda; the others alias its name with ExternalName.
 */
export const activeActiveServices: Readonly<Record<string, MultiClusterServiceOptions>> = {
  checkout: {
    namespace: 'shop',
    image: 'team/checkout:3.2.0',
    ports: [{ name: 'http', port: 8080 }],
    scheduling: {
      type: ReplicaScheduling.DIVIDED,
      totalReplicas: 12,
      preferences: { prodc: { weight: 2, minReplicas: 1 }, '*': { weight: 1, minReplicas: 1 } },
    },
    resources: { requests: { cpu: '500m', memory: '512Mi' } },
    placements: [new ActivePlacement({ clusterLabelSelector: { matchExpressions: [{ key: 'cloud', operator: LabelSelectorOperator.IN, values: ['public', 'private'] }] } })],
    clusterOverrides: {
      localproda: { resources: { requests: { cpu: '250m', memory: '256Mi' } }, env: { PAYMENTS_URL: 'http://payments.local:8080' } },
      prodc: { patches: [{ op: JsonPatchOp.ADD, path: '/spec/template/spec/nodeSelector', value: { 'topology.kubernetes.io/zone': 'cn-hangzhou-h' } }] },
    },
  },
  catalog: {
    namespace: 'shop',
    image: 'team/catalog:1.8.1',
    ports: [
      { name: 'http', port: 8080 },
      { name: 'grpc', port: 9090 },
    ],
    scheduling: { type: ReplicaScheduling.DIVIDED, totalReplicas: 8, preferences: { prodc: { weight: 3 }, 'hangzhou-1': { weight: 1 } } },
    placements: [
      new ActivePlacement({ clusterLabelSelector: { matchLabels: { region: 'hangzhou' } } }),
      new PlaceholderPlacement({ clusters: ['localproda'], networking: Networking.ISTIO }),
    ],
  },
  ledger: {
    namespace: 'finance',
    image: 'team/ledger:5.0.0',
    replicas: 3,
    workload: WorkloadKind.STATEFUL_SET,
    ports: [{ name: 'tcp-ledger', port: 7000 }],
    placements: [
      new ActivePlacement({ clusters: ['localproda'] }),
      new PlaceholderPlacement({ clusterLabelSelector: { matchLabels: { cloud: 'public' } }, networking: Networking.EXTERNAL_NAME }),
    ],
    clusterOverrides: { localproda: { imageOverriders: [{ component: ImageComponent.TAG, operator: OverriderOperator.ADD, value: '-fips' }] } },
  },
};
