import type * as pulumi from '@pulumi/pulumi';
import { activeActiveApp } from '../../examples/active-active/app';
import { activeActiveClusters } from '../../examples/active-active/fleet';
import { activeActiveServices } from '../../examples/active-active/services';
import { ClusterSet as PulumiClusterSet, MultiClusterService as PulumiService } from '../../lib/pulumi';
import { installMocks, settle } from '../pulumi/mocks';
import { expectValidAgainstSchemas } from '../support/schema';

const registered = installMocks();

const rendered = () => activeActiveApp().app.render();

describe('the active-active example', () => {
  test('divides checkout 12 ways over three clusters and catalog 3:1 over Hangzhou', () => {
    const { fleet } = activeActiveApp();
    const services = Object.fromEntries(fleet.plan().services.map((s) => [s.name, s]));
    expect(services.checkout.replicas).toEqual({ prodc: 6, 'hangzhou-1': 2, localproda: 4 });
    expect(Object.values(services.checkout.replicas).reduce((a, b) => a + b, 0)).toBe(12);
    expect(services.catalog.replicas).toEqual({ prodc: 6, 'hangzhou-1': 2 });
    expect(services.ledger.podHosts).toEqual({
      localproda: ['ledger-0', 'ledger-1', 'ledger-2'].map((pod) => `${pod}.localproda.ledger.finance.svc.clusterset.local`),
    });
  });

  test('synthesizes to the same bytes every time', () => {
    const yaml = rendered();
    expect(rendered()).toEqual(yaml);
    expect(Object.fromEntries(yaml.map((f) => [f.folder, Object.fromEntries(f.files.map((file) => [file.file, file.yaml]))]))).toMatchSnapshot();
  });

  test('every object is valid against its upstream schema', () => {
    const { app } = activeActiveApp();
    expectValidAgainstSchemas(app.charts.flatMap((c) => c.toJson() as Array<Record<string, unknown>>));
  });

  test('weighs checkout and catalog over the ingress nodes of the public clusters, and writes them beside the cluster folders', () => {
    const { app, fleet } = activeActiveApp();
    const weights = (fleet.plan().northSouth ?? []).map((t) => ({
      service: `${t.namespace}/${t.name}`,
      entries: t.entries.map((e) => `${e.cluster}: ${e.pods} pods, ${e.nodes.map((n) => `${n.address}=${n.weight}`).join(' ')}`),
      unfronted: t.unfronted,
    }));
    // 6 pods over 3 nodes weigh 20 each, 2 pods over 2 nodes 10 each; ledger (TCP) is not weighed.
    expect(weights).toEqual([
      {
        service: 'shop/catalog',
        entries: ['prodc: 6 pods, 10.1.0.11:80=20 10.1.0.12:80=20 10.1.0.13:80=20', 'hangzhou-1: 2 pods, hangzhou-1-ingress-1=10 hangzhou-1-ingress-2=10'],
        unfronted: [],
      },
      {
        service: 'shop/checkout',
        entries: ['prodc: 6 pods, 10.1.0.11:80=20 10.1.0.12:80=20 10.1.0.13:80=20', 'hangzhou-1: 2 pods, hangzhou-1-ingress-1=10 hangzhou-1-ingress-2=10'],
        unfronted: ['localproda'],
      },
    ]);
    expect(Object.fromEntries(app.renderNorthSouth().map((f) => [f.name, f.content]))).toMatchSnapshot();
  });

  test('the Pulumi flavour gives each HTTP service the same north-south table as an output', async () => {
    const fleet = new PulumiClusterSet('aa-ns', { clusters: activeActiveClusters });
    const services = Object.entries(activeActiveServices).map(([name, options]) => new PulumiService(`aa-ns-${name}`, { ...options, name, clusterSet: fleet }));
    const tables = Object.fromEntries(activeActiveApp().fleet.plan().northSouth?.map((t) => [t.name, t]) ?? []);
    for (const service of services) {
      // Paths differ by flavour (the Pulumi resource's name); the weights do not.
      expect(service.northSouth && { ...service.northSouth, path: undefined }).toEqual(tables[service.serviceName] && { ...tables[service.serviceName], path: undefined });
    }
    expect(services.filter((s) => s.northSouth).map((s) => s.serviceName)).toEqual(['checkout', 'catalog']);
    await settle(services.flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
  });

  test('the Pulumi flavour creates the same objects in every cluster', async () => {
    const fleet = new PulumiClusterSet('aa', { clusters: activeActiveClusters });
    const services = Object.entries(activeActiveServices).map(([name, options]) => new PulumiService(`aa-${name}`, { ...options, name, clusterSet: fleet }));
    await settle(services.flatMap((s) => [...s.resources.values()].map((r) => r.urn as pulumi.Output<unknown>)));
    const { app } = activeActiveApp();
    for (const chart of app.charts) {
      const cdk8s = (chart.toJson() as Array<Record<string, any>>).map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();
      const fromPulumi = registered
        .filter((r) => r.type.startsWith('kubernetes:') && r.provider?.includes(`aa-${chart.node.id}::`))
        .map((r) => `${r.inputs.kind} ${r.inputs.metadata.namespace ?? ''}/${r.inputs.metadata.name}`)
        .sort();
      expect(fromPulumi).toEqual(cdk8s);
    }
  });
});
