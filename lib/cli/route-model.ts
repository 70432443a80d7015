// A model of how a request for `{app}.{ns}.svc.cluster.local:{port}` travels through a fleet, reading only
// emitted objects and the fleet's own settings (CIDRs, meshes, MCS, Globalnet pins). It shares no code with
// the emitters on purpose: it encodes what kube-proxy, CoreDNS, Lighthouse, Submariner and Istio sidecars do
// with those objects, so a wrong emitter cannot also fool the check. Admission is modelled too: NetworkPolicies
// (a remote pod's packets arrive from its cluster's pod CIDR through Submariner, or from its Globalnet CIDR where
// Globalnet runs, and never match a selector), STRICT PeerAuthentications, trust between meshes, and ALLOW
// AuthorizationPolicies (a caller's identity is `<its mesh's trust domain>/ns/<ns>/sa/<account>`, carried by
// mutual TLS only).

/** What the model needs to know of a cluster: its settings, as the user declared them. */
export interface ModelCluster {
  readonly name: string;
  readonly serviceCidr?: string;
  readonly podCidr?: string;
  readonly globalnetCidr?: string;
  readonly mesh?: { readonly mtls?: string; readonly trustDomain?: string; readonly federatedTrustDomains?: readonly string[] };
  readonly mcs?: boolean | { readonly enabled?: boolean };
}

/** One request: from a pod in namespace `client` of `cluster`, to the plain name of `namespace/service`, on `port`. */
export interface Route {
  readonly cluster: string;
  /** The namespace of the calling pod: Istio shows a sidecar only the config exported to its namespace. */
  readonly client: string;
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  readonly protocol: string;
  /**
   * The workload (Deployment or StatefulSet) in namespace `client` of `cluster` whose pod calls: its pod labels and
   * service account are what NetworkPolicies and AuthorizationPolicies judge.
   * @default - a pod of no workload, with no labels, running as the namespace's `default` account
   */
  readonly from?: string;
  /**
   * A calling pod of no clusterset workload (a Prometheus, an ingress controller) in namespace `client`: its labels
   * and account, and its address when it sends from the host network.
   * @default - as `from` says
   */
  readonly source?: RouteSource;
}

/** A calling pod that is not one of the fleet's workloads. */
export interface RouteSource {
  readonly labels: Readonly<Record<string, string>>;
  /** Its service account, its mesh identity when it calls with mutual TLS. @default 'default' */
  readonly account?: string;
  /** The address it sends from, when on the host network (a node's), instead of a pod address of its cluster. @default - a pod address */
  readonly address?: string;
  /** Whether it calls with mutual TLS (an Istio sidecar's, or its certificates). @default false */
  readonly mtls?: boolean;
  readonly description: string;
}

/** Where a request can end: every branch (DNS answers, traffic split, endpoints) is followed. */
export interface RouteOutcome {
  readonly route: Route;
  /** True when every branch ends at a running pod that listens on the port, and there is at least one. */
  readonly ok: boolean;
  /** `cluster/Kind/name:port` of each workload reached. */
  readonly reached: readonly string[];
  /** Why branches failed. */
  readonly failures: readonly string[];
  /** Mesh config that would have routed a branch but is not exported to the client's namespace (Istio's `exportTo`). */
  readonly hidden: readonly string[];
}

/** What one step of a request is: a step taken, a workload reached, a branch failed, or mesh config the client does not see. */
export type HopKind = 'step' | 'reach' | 'fail' | 'hide';

/** One step of a request's trail, as the model took it: `depth` nests the branches a step leads to. */
export interface Hop {
  readonly depth: number;
  readonly kind: HopKind;
  readonly text: string;
}

/** A route's outcome and the trail of hops that led there (for `clusterset explain`). */
export interface TracedRoute extends RouteOutcome {
  /** Every step, in the order the model took it; a step's branches follow it one level deeper. */
  readonly hops: readonly Hop[];
}

// Emitted objects are read as the JSON they are: every field may be missing, so reads go through optional chains.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON of any kind, read field by field
type Obj = Record<string, any>;
type Transport = 'local' | 'plain' | 'mtls';

interface Cidr {
  readonly first: number;
  readonly size: number;
}

const MAX_HOPS = 4;

export class RouteModel {
  private readonly clusters: Map<string, ModelCluster>;

  /**
   * @param objects each cluster's emitted objects
   * @param globalnetIPs the Globalnet IP Submariner gives each exported Service: `cluster` -> `ns/name` -> IP
   * @param clientNamespaces namespaces of client pods calling every Service, besides the Service's own
   */
  constructor(
    clusters: readonly ModelCluster[],
    private readonly objects: Readonly<Record<string, readonly Obj[]>>,
    private readonly globalnetIPs: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
    private readonly clientNamespaces: readonly string[] = [],
  ) {
    this.clusters = new Map(clusters.map((c) => [c.name, c]));
  }

  /** Every (cluster, client namespace, clusterset Service, port) of the output. */
  routes(): Route[] {
    const routes: Route[] = [];
    for (const [cluster, objects] of Object.entries(this.objects)) {
      for (const s of objects.filter((o) => o.kind === 'Service' && o.metadata?.labels?.['app.kubernetes.io/managed-by'] === 'clusterset')) {
        const namespace = s.metadata.namespace ?? 'default';
        for (const client of [...new Set([namespace, ...this.clientNamespaces])]) {
          for (const p of s.spec.ports ?? []) {
            routes.push({ cluster, client, namespace, service: s.metadata.name, port: p.port, protocol: p.protocol ?? 'TCP' });
          }
        }
      }
    }
    return routes;
  }

  /** Follows one request through every branch. */
  check(route: Route): RouteOutcome {
    const { hops: _hops, ...outcome } = this.trace(route);
    return outcome;
  }

  /** Follows one request through every branch, recording each step it takes: the same walk as `check`. */
  trace(route: Route): TracedRoute {
    const reached: string[] = [];
    const failures: string[] = [];
    const hidden: string[] = [];
    const hops: Hop[] = [];
    const trail = new Trail(route, reached, failures, hidden, hops);
    const host = `${route.service}.${route.namespace}.svc.cluster.local`;
    this.callHost(trail, route.cluster, host, route.port, route.protocol, 0);
    return { route, ok: failures.length === 0 && reached.length > 0, reached, failures, hidden, hops };
  }

  /** Every route, with only the failing ones returned. */
  failures(): RouteOutcome[] {
    return this.routes().map((r) => this.check(r)).filter((o) => !o.ok);
  }

  /**
   * A call from `route.source` straight to the pods behind Service `route.service` of `route.cluster` on its port
   * `route.port`, as an ingress controller or a Prometheus sends it: to the endpoints' addresses, not through the
   * Service's virtual address or a sidecar's routes.
   */
  checkDirect(route: Route): RouteOutcome {
    const reached: string[] = [];
    const failures: string[] = [];
    const hidden: string[] = [];
    // Direct calls are judged, not explained: their hops are not kept.
    const trail = new Trail(route, reached, failures, hidden, []);
    const service = this.find(route.cluster, 'Service', route.namespace, route.service);
    const servicePort = (service?.spec?.ports ?? []).find((p: Obj) => p.port === route.port && (p.protocol ?? 'TCP') === route.protocol);
    if (!service?.spec?.selector) trail.fail(`no Service ${route.namespace}/${route.service} with a selector in "${route.cluster}"`);
    else if (!servicePort) trail.fail(`Service ${route.namespace}/${route.service} in "${route.cluster}" has no port ${route.port}/${route.protocol}`);
    else this.pods(trail, route.cluster, route.cluster, route.namespace, service.spec.selector, servicePort.targetPort ?? servicePort.port, route.protocol, route.source?.mtls ? 'mtls' : 'plain');
    return { route, ok: failures.length === 0 && reached.length > 0, reached, failures, hidden };
  }

  /**
   * What the Prometheus of `cluster` scrapes, read as prometheus-operator and Prometheus do: each ServiceMonitor its
   * selectors pick, each endpoint on the port of that name of the Services the monitor selects, straight to the
   * pods, from the Prometheus pods (the labels prometheus-operator gives them), with mutual TLS when the endpoint
   * scrapes https with a client certificate the pods' Istio sidecar writes to a volume the Prometheus mounts.
   */
  scrapes(cluster: string): RouteOutcome[] {
    const objects = this.objects[cluster] ?? [];
    const prometheus = objects.find((o) => o.kind === 'Prometheus');
    if (!prometheus) return [];
    const spec = prometheus.spec ?? {};
    const name = prometheus.metadata.name;
    const labels = { ...(spec.podMetadata?.labels ?? {}), prometheus: name, 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/managed-by': 'prometheus-operator', 'operator.prometheus.io/name': name, 'operator.prometheus.io/shard': '0' };
    const ownNamespace = prometheus.metadata.namespace ?? 'default';
    const certsDir = meshCertificatesDir(spec);
    const outcomes: RouteOutcome[] = [];
    for (const monitor of objects.filter((o) => o.kind === 'ServiceMonitor')) {
      const namespace = monitor.metadata.namespace ?? 'default';
      const inNamespaces = spec.serviceMonitorNamespaceSelector === undefined ? namespace === ownNamespace : selects(spec.serviceMonitorNamespaceSelector, this.namespaceLabels(cluster, namespace));
      if (!inNamespaces || !selects(spec.serviceMonitorSelector ?? {}, monitor.metadata.labels ?? {})) continue;
      const services = objects.filter((o) => o.kind === 'Service' && (o.metadata.namespace ?? 'default') === namespace && selects(monitor.spec?.selector, o.metadata.labels ?? {}));
      for (const endpoint of monitor.spec?.endpoints ?? []) {
        const mtls = endpoint.scheme === 'https' && certsDir !== undefined && String(endpoint.tlsConfig?.certFile ?? '').startsWith(`${certsDir}/`);
        const source: RouteSource = { labels, account: spec.serviceAccountName ?? 'default', mtls, description: `Prometheus ${ownNamespace}/${name}` };
        for (const service of services) {
          const port = (service.spec?.ports ?? []).find((p: Obj) => p.name === endpoint.port);
          if (!port) continue;
          outcomes.push(this.checkDirect({ cluster, client: ownNamespace, namespace, service: service.metadata.name, port: port.port, protocol: port.protocol ?? 'TCP', source }));
        }
      }
    }
    return outcomes;
  }

  // A client pod in `origin` calls `host:port`: cluster DNS first, then what the sidecar or kube-proxy do.
  private callHost(t: Trail, origin: string, host: string, port: number, protocol: string, hops: number): void {
    if (hops > MAX_HOPS) return t.fail(`${host}: more than ${MAX_HOPS} hops (a loop?)`);
    const local = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(host);
    if (local) return this.callLocalService(t, origin, local[2], local[1], port, protocol, hops);
    const transport = this.transportTo(t, origin, [host]);
    const targets = this.resolveClusterset(t, origin, host);
    t.nest(() => targets.forEach((target) => this.connectToService(t, origin, target.cluster, target.service, port, protocol, transport, hops)));
  }

  private callLocalService(t: Trail, origin: string, namespace: string, name: string, port: number, protocol: string, hops: number): void {
    const service = this.find(origin, 'Service', namespace, name);
    if (!service) return t.fail(`no Service ${namespace}/${name} in "${origin}"`);
    const servicePort = (service.spec.ports ?? []).find((p: Obj) => p.port === port && (p.protocol ?? 'TCP') === protocol);
    if (!servicePort) return t.fail(`Service ${namespace}/${name} in "${origin}" has no port ${port}/${protocol}`);
    const fqdn = `${name}.${namespace}.svc.cluster.local`;
    if (service.spec.type === 'ExternalName') {
      // A CNAME: the client connects to whatever the target name resolves to, on the same port.
      const target = String(service.spec.externalName ?? '');
      // Istio (1.21 on) treats an ExternalName as a DNS alias: no rule applies to the alias itself, and one on
      // the target counts only where a ServiceEntry gives the sidecar that host.
      const transport = this.serviceEntryFor(t, origin, target) ? this.transportTo(t, origin, [target]) : 'plain';
      return t.within(`Service ${namespace}/${name} in "${origin}" is an ExternalName: DNS answers with a CNAME to ${target}${transport === 'mtls' ? ' (mutual TLS: a DestinationRule says ISTIO_MUTUAL)' : ''}`, () => {
        const targets = this.resolveClusterset(t, origin, target);
        t.nest(() => targets.forEach((dest) => this.connectToService(t, origin, dest.cluster, dest.service, port, protocol, transport, hops + 1)));
      });
    }
    if (service.spec.selector) {
      return t.within(`Service ${namespace}/${name} in "${origin}": ${describeService(service, servicePort)}`, () => this.endpointsOf(t, origin, origin, service, servicePort, 'local', hops));
    }
    // No selector: the sidecar's routes when a mesh runs and a VirtualService exported to the client's namespace
    // claims the host, else the Service's own endpoints (kube-proxy's slices, or the sidecar's cluster for them).
    const claiming = this.mesh(origin) ? this.virtualServicesFor(origin, namespace, fqdn) : [];
    const virtualService = claiming.find((vs) => exportedTo(vs, t.client));
    if (virtualService) {
      return t.within(`Service ${namespace}/${name} in "${origin}" has no selector; the sidecar routes it by VirtualService ${virtualService.metadata.name}`, () =>
        this.followVirtualService(t, origin, virtualService, fqdn, servicePort, hops),
      );
    }
    for (const vs of claiming) t.hide(`VirtualService ${vs.metadata.name} in "${origin}" claims ${fqdn} but is not exported to namespace "${t.client}" (exportTo ${JSON.stringify(vs.spec.exportTo)})`);
    const transport = this.transportTo(t, origin, [fqdn]);
    t.within(`Service ${namespace}/${name} in "${origin}": ${describeService(service, servicePort)}${transport === 'mtls' ? ', mutual TLS by DestinationRule' : ''}`, () =>
      this.endpointsOf(t, origin, origin, service, servicePort, transport, hops),
    );
  }

  // A selector-less Service reached through kube-proxy: its EndpointSlices, matched to the Service port by name.
  private endpointsOf(t: Trail, origin: string, cluster: string, service: Obj, servicePort: Obj, transport: Transport, hops: number): void {
    const namespace = service.metadata.namespace ?? 'default';
    if (service.spec.selector) {
      const headless = service.spec.clusterIP === 'None';
      // A headless Service translates no port: DNS hands out pod IPs and the client keeps its port.
      const target = headless ? servicePort.port : (servicePort.targetPort ?? servicePort.port);
      return this.pods(t, origin, cluster, namespace, service.spec.selector, target, servicePort.protocol ?? 'TCP', transport);
    }
    const slices = (this.objects[cluster] ?? []).filter(
      (o) => o.kind === 'EndpointSlice' && (o.metadata.namespace ?? 'default') === namespace && o.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name,
    );
    let endpoints = 0;
    for (const slice of slices) {
      if (slice.addressType !== 'IPv4') continue;
      const slicePort = (slice.ports ?? []).find((p: Obj) => (p.name ?? '') === (servicePort.name ?? '') && (p.protocol ?? 'TCP') === (servicePort.protocol ?? 'TCP'));
      if (!slicePort) continue;
      for (const endpoint of (slice.endpoints ?? []).filter((e: Obj) => e.conditions?.ready !== false)) {
        for (const address of endpoint.addresses ?? []) {
          endpoints++;
          t.within(`EndpointSlice ${slice.metadata.name} in "${cluster}": endpoint ${address}:${slicePort.port}/${slicePort.protocol ?? 'TCP'}`, () =>
            this.connectToAddress(t, origin, cluster, String(address), slicePort.port, slicePort.protocol ?? 'TCP', transport === 'local' ? 'plain' : transport, hops + 1),
          );
        }
      }
    }
    if (endpoints === 0) t.fail(`Service ${namespace}/${service.metadata.name} in "${cluster}" has no selector and no ready endpoint for port "${servicePort.name}"`);
  }

  // An IP from a slice: a Service IP of some cluster (or its Globalnet IP), reached through Submariner.
  private connectToAddress(t: Trail, origin: string, from: string, address: string, port: number, protocol: string, transport: Transport, hops: number): void {
    const ip = parseIp(address);
    if (ip === undefined) return t.fail(`endpoint address "${address}" is not an IPv4 address`);
    // Between two Globalnet clusters only global IPs are routed: their own ranges do not compete.
    const owners = [...this.clusters.values()].filter((c) => inCidr(c.serviceCidr, ip) && !(c.name !== from && this.globalnet(c.name) && this.globalnet(from)));
    const globalOwners = [...this.clusters.values()].filter((c) => inCidr(c.globalnetCidr, ip));
    if (globalOwners.length === 1) {
      const owner = globalOwners[0];
      if (!this.globalnet(from) || owner.name === from) return t.fail(`Globalnet IP ${address} of "${owner.name}" is not routable from "${from}", which has no Globalnet`);
      const key = Object.entries(this.globalnetIPs[owner.name] ?? {}).find(([, v]) => v === address)?.[0];
      if (!key) return t.fail(`Globalnet IP ${address} is given to no exported Service of "${owner.name}"`);
      const [namespace, name] = key.split('/');
      const service = this.find(owner.name, 'Service', namespace, name);
      if (!service || !this.exports(owner.name, namespace, name)) return t.fail(`Globalnet IP ${address} points at ${key} in "${owner.name}", which is not exported`);
      t.step(`${address} is the Globalnet IP of Service ${key} in "${owner.name}" (through Submariner)`);
      return this.connectToService(t, origin, owner.name, service, port, protocol, transport, hops);
    }
    if (owners.length !== 1) return t.fail(`address ${address} lies in the serviceCidr of ${owners.length} clusters (${owners.map((c) => c.name).join(', ') || 'none'})`);
    const owner = owners[0];
    if (owner.name !== from && !this.connected(from, owner.name)) return t.fail(`"${from}" cannot reach Service IPs of "${owner.name}": their CIDRs overlap without Globalnet on both`);
    if (owner.name !== from && this.globalnet(from) && this.globalnet(owner.name)) return t.fail(`"${from}" and "${owner.name}" run Globalnet, which routes only global IPs, not ClusterIP ${address}`);
    const service = (this.objects[owner.name] ?? []).find((o) => o.kind === 'Service' && o.spec?.clusterIP === address);
    if (!service) return t.fail(`address ${address} is the ClusterIP of no Service emitted for "${owner.name}" (an unpinned ClusterIP cannot be known)`);
    t.step(`${address} is the ClusterIP of Service ${service.metadata.namespace}/${service.metadata.name} in "${owner.name}"${owner.name === from ? '' : ' (through Submariner)'}`);
    this.connectToService(t, origin, owner.name, service, port, protocol, transport, hops);
  }

  // A connection that arrives at `service` of `cluster` on `port`, sent with `transport` from `origin`.
  private connectToService(t: Trail, origin: string, cluster: string, service: Obj, port: number, protocol: string, transport: Transport, hops: number): void {
    const name = `${service.metadata.namespace}/${service.metadata.name}`;
    if (cluster !== origin && !this.connected(origin, cluster)) return t.fail(`"${origin}" cannot reach "${cluster}": their CIDRs overlap without Globalnet on both`);
    const servicePort = (service.spec.ports ?? []).find((p: Obj) => p.port === port && (p.protocol ?? 'TCP') === protocol);
    if (!servicePort) return t.fail(`Service ${name} in "${cluster}" has no port ${port}/${protocol}`);
    if (service.spec.type === 'ExternalName') return t.fail(`Service ${name} in "${cluster}" is reached by IP but is an ExternalName`);
    const sent = transport === 'mtls' ? 'mutual TLS' : 'plain text';
    t.within(`Service ${name} in "${cluster}", port ${port}/${protocol} (${sent} from "${origin}"): ${describeService(service, servicePort)}`, () =>
      this.endpointsOf(t, origin, cluster, service, servicePort, cluster === origin && transport === 'plain' ? 'local' : transport, hops),
    );
  }

  /** Lighthouse's answer for a clusterset name, as the Services it stands for. */
  private resolveClusterset(t: Trail, origin: string, host: string): Array<{ cluster: string; service: Obj }> {
    const m = /^(?:([^.]+)\.)?([^.]+)\.([^.]+)\.svc\.clusterset\.local$/.exec(host);
    if (!m) {
      t.fail(`"${host}" is not a name any cluster DNS serves`);
      return [];
    }
    if (!this.mcs(origin)) {
      t.fail(`"${origin}" has no Lighthouse DNS to resolve ${host}`);
      return [];
    }
    const [, only, name, namespace] = m;
    const exporters = [...this.clusters.keys()].filter((c) => (only === undefined || c === only) && this.mcs(c) && this.exports(c, namespace, name));
    if (exporters.length === 0) t.fail(`no cluster exports ${namespace}/${name} for ${host}`);
    else t.step(`Lighthouse DNS in "${origin}" resolves ${host} to the clusters exporting ${namespace}/${name}: ${exporters.join(', ')}`);
    return exporters.flatMap((cluster) => {
      const service = this.find(cluster, 'Service', namespace, name);
      if (!service) {
        t.fail(`"${cluster}" exports ${namespace}/${name} but has no such Service`);
        return [];
      }
      return [{ cluster, service }];
    });
  }

  private followVirtualService(t: Trail, origin: string, vs: Obj, fqdn: string, servicePort: Obj, hops: number): void {
    for (const kind of routeKindsOf(servicePort)) this.followRoute(t, origin, vs, kind, fqdn, servicePort, hops);
  }

  private followRoute(t: Trail, origin: string, vs: Obj, kind: 'http' | 'tls' | 'tcp', fqdn: string, servicePort: Obj, hops: number): void {
    const port = servicePort.port;
    const rules: Obj[] = vs.spec[kind] ?? [];
    const matches = (m: Obj) => (m.port === undefined || m.port === port) && (kind !== 'tls' || (m.sniHosts ?? []).includes(fqdn));
    const rule = rules.find((r) => (r.match ?? [{}]).some(matches));
    if (!rule) return t.fail(`VirtualService ${vs.metadata.name} in "${origin}" has no ${kind} route for port ${port}`);
    const weightOf = (d: Obj) => d.weight ?? (rule.route.length === 1 ? 100 : 0);
    const destinations = (rule.route ?? []).filter((d: Obj) => weightOf(d) > 0);
    if (destinations.length === 0) return t.fail(`VirtualService ${vs.metadata.name} in "${origin}" sends port ${port} nowhere`);
    for (const d of destinations) {
      const host = String(d.destination?.host ?? '');
      const destPort = d.destination?.port?.number ?? port;
      t.within(`${kind} route of VirtualService ${vs.metadata.name} for port ${port}: ${host}:${destPort}, weight ${weightOf(d)}`, () => {
        const local = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(host);
        if (local) return this.callLocalService(t, origin, local[2], local[1], destPort, servicePort.protocol ?? 'TCP', hops + 1);
        const entry = this.serviceEntryFor(t, origin, host, destPort);
        if (!entry) return t.fail(`no ServiceEntry in "${origin}" declares ${host}:${destPort}, so the sidecar has no cluster for it`);
        // A MESH_EXTERNAL entry is plain text unless a DestinationRule originates mutual TLS.
        const transport: Transport = entry.spec.location === 'MESH_INTERNAL' || this.mutualTls(t, origin, host) ? 'mtls' : 'plain';
        t.step(`ServiceEntry ${entry.metadata?.name} in "${origin}" declares ${host}:${destPort} (${entry.spec.location ?? 'MESH_EXTERNAL'}, ${transport === 'mtls' ? 'mutual TLS' : 'plain text'})`);
        const targets = this.resolveClusterset(t, origin, host);
        t.nest(() => targets.forEach((target) => this.connectToService(t, origin, target.cluster, target.service, destPort, servicePort.protocol ?? 'TCP', transport, hops + 1)));
      });
    }
  }

  // The pods behind a selector in one cluster, running and listening; mutual TLS as that cluster's mesh demands.
  private pods(t: Trail, origin: string, cluster: string, namespace: string, selector: Obj, targetPort: number | string, protocol: string, transport: Transport): void {
    const workloads = (this.objects[cluster] ?? []).filter(
      (o) =>
        (o.kind === 'Deployment' || o.kind === 'StatefulSet') &&
        (o.metadata.namespace ?? 'default') === namespace &&
        Object.entries(selector).every(([k, v]) => o.spec?.template?.metadata?.labels?.[k] === v),
    );
    const running = workloads.filter((w) => (w.spec.replicas ?? 1) > 0);
    if (running.length === 0) return t.fail(`no running pod selected in "${cluster}" (${workloads.length} workload(s), all at 0 replicas)`);
    const mesh = this.mesh(cluster);
    if (transport === 'plain' && mesh?.mtls === 'STRICT') return t.fail(`STRICT mTLS in "${cluster}" refuses the plain text arriving from "${origin}"`);
    if (transport === 'mtls' && !mesh) return t.fail(`mutual TLS from "${origin}" reaches "${cluster}", which has no mesh to accept it`);
    if (transport === 'mtls' && origin !== cluster && !this.trusts(origin, cluster)) return t.fail(`the mesh of "${cluster}" does not trust the certificates of "${origin}" (trust domains ${this.trustDomain(origin)} and ${this.trustDomain(cluster)})`);
    for (const w of running) {
      const refused = this.admission(t, origin, cluster, namespace, w, targetPort, protocol, transport);
      if (refused) {
        t.fail(refused);
        continue;
      }
      const containers: Obj[] = w.spec.template.spec?.containers ?? [];
      const listens = containers.some((c) =>
        (c.ports ?? []).some((p: Obj) => (typeof targetPort === 'number' ? p.containerPort === targetPort : p.name === targetPort) && (p.protocol ?? 'TCP') === protocol),
      );
      if (listens) t.reach(`${cluster}/${w.kind}/${w.metadata.name}:${targetPort}`, `${w.kind} ${namespace}/${w.metadata.name} in "${cluster}": ${replicasOf(w)} listening on ${targetPort}/${protocol}`);
      else t.fail(`pods of ${w.kind} ${namespace}/${w.metadata.name} in "${cluster}" do not listen on ${targetPort}/${protocol}`);
    }
  }

  /** The VirtualServices of `namespace` claiming `fqdn`, whichever namespaces they are exported to. */
  private virtualServicesFor(cluster: string, namespace: string, fqdn: string): Obj[] {
    return (this.objects[cluster] ?? []).filter((o) => o.kind === 'VirtualService' && (o.metadata.namespace ?? 'default') === namespace && (o.spec?.hosts ?? []).includes(fqdn));
  }

  /** The ServiceEntry the client's sidecar sees for `host` (and `port`). */
  private serviceEntryFor(t: Trail, cluster: string, host: string, port?: number): Obj | undefined {
    return (this.objects[cluster] ?? []).find(
      (o) =>
        o.kind === 'ServiceEntry' &&
        exportedTo(o, t.client) &&
        (o.spec?.hosts ?? []).includes(host) &&
        (port === undefined || (o.spec?.ports ?? []).some((p: Obj) => p.number === port)),
    );
  }

  /** The transport of a call from a sidecar in `origin` to any of `hosts`: mutual TLS only where a DestinationRule it sees says so. */
  private transportTo(t: Trail, origin: string, hosts: readonly string[]): Transport {
    return hosts.some((h) => this.mutualTls(t, origin, h)) ? 'mtls' : 'plain';
  }

  private mutualTls(t: Trail, cluster: string, host: string): boolean {
    if (!this.mesh(cluster)) return false;
    return (this.objects[cluster] ?? []).some((o) => {
      if (o.kind !== 'DestinationRule' || o.spec?.trafficPolicy?.tls?.mode !== 'ISTIO_MUTUAL' || !exportedTo(o, t.client)) return false;
      const ruleHost = String(o.spec.host ?? '');
      return ruleHost === host || (ruleHost.startsWith('*.') && host.endsWith(ruleHost.slice(1)));
    });
  }

  /** Why the pods of `w` in `cluster` refuse the connection, or undefined when they admit it. */
  private admission(t: Trail, origin: string, cluster: string, namespace: string, w: Obj, targetPort: number | string, protocol: string, transport: Transport): string | undefined {
    const pod: Obj = w.spec.template?.metadata?.labels ?? {};
    const source = this.source(t, origin);
    const port = typeof targetPort === 'number' ? targetPort : namedPort(w, targetPort);
    const inNamespace = (kind: string) => (this.objects[cluster] ?? []).filter((o) => o.kind === kind && (o.metadata.namespace ?? 'default') === namespace);
    // NetworkPolicies: once one selects the pod for ingress, only what some rule of one admits gets in.
    const guarding = inNamespace('NetworkPolicy').filter((p) => selects(p.spec?.podSelector, pod) && (p.spec?.policyTypes ?? ['Ingress']).includes('Ingress'));
    if (guarding.length > 0) {
      const admitted = guarding.some((p) => (p.spec.ingress ?? []).some((rule: Obj) => this.portAdmitted(rule.ports, port, targetPort, protocol) && this.peerAdmitted(rule.from, origin, cluster, namespace, source)));
      if (!admitted) return `NetworkPolicy ${guarding.map((p) => p.metadata.name).join(', ')} in "${cluster}" admits no ${source.description} from "${origin}" to ${namespace}/${w.metadata.name} port ${targetPort}`;
    }
    if (!this.mesh(cluster)) return undefined;
    // Without mutual TLS, a mesh-strict namespace refuses plain text; within one cluster, sidecars talk mTLS anyway.
    const identified = transport === 'mtls' || (transport === 'local' && this.mesh(origin) !== undefined);
    const strict = inNamespace('PeerAuthentication').some((p) => p.spec?.mtls?.mode === 'STRICT' && (p.spec.selector === undefined || selects(p.spec.selector, pod)));
    if (strict && !identified) return `PeerAuthentication in namespace ${namespace} of "${cluster}" is STRICT and refuses the plain text from "${origin}"`;
    const allowing = inNamespace('AuthorizationPolicy').filter((p) => (p.spec?.action ?? 'ALLOW') === 'ALLOW' && (p.spec?.selector === undefined || selects(p.spec.selector, pod)));
    if (allowing.length === 0) return undefined;
    const principal = identified ? `${this.trustDomain(origin)}/ns/${source.namespace}/sa/${source.account}` : undefined;
    // A rule's `to` limits it to the ports the pod receives on (Istio compares them as strings).
    const toPort = (rule: Obj) => rule.to === undefined || (rule.to as Obj[]).some((to) => to.operation?.ports === undefined || (port !== undefined && (to.operation.ports as string[]).includes(String(port))));
    const allowed = allowing.some((p) =>
      (p.spec.rules ?? []).some((rule: Obj) =>
        toPort(rule) && (rule.from === undefined ||
        (rule.from as Obj[]).some((f) => {
          const principals: string[] | undefined = f.source?.principals;
          const namespaces: string[] | undefined = f.source?.namespaces;
          if (principals === undefined && namespaces === undefined) return true;
          return principal !== undefined && (principals === undefined || principals.includes(principal)) && (namespaces === undefined || namespaces.includes(source.namespace));
        })),
      ),
    );
    return allowed ? undefined : `AuthorizationPolicy ${allowing.map((p) => p.metadata.name).join(', ')} in "${cluster}" allows no ${principal ?? 'caller without identity (plain text)'} to ${namespace}/${w.metadata.name}`;
  }

  /** The calling pod: its namespace, labels and account (from the route's workload in the origin cluster). */
  private source(t: Trail, origin: string): { readonly namespace: string; readonly labels: Obj; readonly account: string; readonly description: string; readonly address?: string } {
    const namespace = t.client;
    const own = t.source;
    if (own) return { namespace, labels: own.labels, account: own.account ?? 'default', description: own.description, address: own.address };
    const workload = t.from === undefined ? undefined : (this.objects[origin] ?? []).find((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && (o.metadata.namespace ?? 'default') === namespace && o.metadata.name === t.from);
    const spec = workload?.spec?.template?.spec;
    return {
      namespace,
      labels: workload?.spec?.template?.metadata?.labels ?? {},
      account: spec?.serviceAccountName ?? spec?.serviceAccount ?? 'default',
      description: t.from === undefined ? `pod of namespace ${namespace}` : `pod of ${namespace}/${t.from}`,
    };
  }

  /** Whether a rule's `ports` admit the pod's port (NetworkPolicy: none listed admits every port). */
  private portAdmitted(ports: Obj[] | undefined, port: number | undefined, name: number | string, protocol: string): boolean {
    if (!ports || ports.length === 0) return true;
    return ports.some((p) => (p.protocol ?? 'TCP') === protocol && (p.port === undefined || p.port === port || p.port === name || (typeof p.port === 'number' && p.endPort !== undefined && port !== undefined && port >= p.port && port <= p.endPort)));
  }

  /**
   * Whether a rule's `from` admits the source: selectors match local pods only (a remote pod's packets come
   * through Submariner and match no selector), ipBlocks the address range the source sends from.
   */
  private peerAdmitted(from: Obj[] | undefined, origin: string, cluster: string, namespace: string, source: { readonly namespace: string; readonly labels: Obj; readonly address?: string }): boolean {
    if (!from || from.length === 0) return true;
    const range = source.address !== undefined ? parseCidr(`${source.address}/32`) : parseCidr(origin !== cluster && this.globalnet(origin) ? this.clusters.get(origin)?.globalnetCidr : this.clusters.get(origin)?.podCidr);
    return from.some((peer) => {
      if (peer.ipBlock) {
        const block = parseCidr(peer.ipBlock.cidr);
        const within = (inner: Cidr | undefined, outer: Cidr | undefined) => inner !== undefined && outer !== undefined && inner.first >= outer.first && inner.first + inner.size <= outer.first + outer.size;
        const overlaps = (x: Cidr | undefined, y: Cidr | undefined) => x !== undefined && y !== undefined && x.first < y.first + y.size && y.first < x.first + x.size;
        return within(range, block) && !(peer.ipBlock.except ?? []).some((e: string) => overlaps(range, parseCidr(e)));
      }
      // A remote pod, or a host-network sender, matches no selector.
      if (origin !== cluster || source.address !== undefined) return false;
      const namespaceLabels = this.namespaceLabels(cluster, source.namespace);
      const namespaceOk = peer.namespaceSelector === undefined ? source.namespace === namespace : selects(peer.namespaceSelector, namespaceLabels);
      const podOk = peer.podSelector === undefined || selects(peer.podSelector, source.labels);
      return namespaceOk && podOk;
    });
  }

  /** The labels of a Namespace as the API server keeps them: its own, and `kubernetes.io/metadata.name`. */
  private namespaceLabels(cluster: string, namespace: string): Obj {
    const object = (this.objects[cluster] ?? []).find((o) => o.kind === 'Namespace' && o.metadata.name === namespace);
    return { ...(object?.metadata?.labels ?? {}), 'kubernetes.io/metadata.name': namespace };
  }

  private trustDomain(cluster: string): string {
    return this.clusters.get(cluster)?.mesh?.trustDomain ?? 'cluster.local';
  }

  /** Two meshes accept each other's certificates when they share a trust domain or one federates the other's. */
  private trusts(a: string, b: string): boolean {
    const x = this.clusters.get(a)?.mesh;
    const y = this.clusters.get(b)?.mesh;
    if (!x || !y) return false;
    const [tx, ty] = [this.trustDomain(a), this.trustDomain(b)];
    return tx === ty || (x.federatedTrustDomains ?? []).includes(ty) || (y.federatedTrustDomains ?? []).includes(tx);
  }

  private find(cluster: string, kind: string, namespace: string, name: string): Obj | undefined {
    return (this.objects[cluster] ?? []).find((o) => o.kind === kind && (o.metadata.namespace ?? 'default') === namespace && o.metadata.name === name);
  }

  private exports(cluster: string, namespace: string, name: string): boolean {
    return this.find(cluster, 'ServiceExport', namespace, name) !== undefined;
  }

  private mesh(cluster: string): { readonly mtls?: string } | undefined {
    return this.clusters.get(cluster)?.mesh;
  }

  private mcs(cluster: string): boolean {
    const mcs = this.clusters.get(cluster)?.mcs;
    return mcs !== false && !(typeof mcs === 'object' && mcs.enabled === false);
  }

  private globalnet(cluster: string): boolean {
    return this.clusters.get(cluster)?.globalnetCidr !== undefined;
  }

  /** Submariner joins two clusters when their service and pod ranges are disjoint, or both run Globalnet. */
  private connected(a: string, b: string): boolean {
    if (a === b) return true;
    if (this.globalnet(a) && this.globalnet(b)) return true;
    const ranges = (c: string) => [this.clusters.get(c)?.serviceCidr, this.clusters.get(c)?.podCidr].map(parseCidr).filter((r): r is Cidr => r !== undefined);
    return ranges(a).every((x) => ranges(b).every((y) => x.first + x.size <= y.first || y.first + y.size <= x.first));
  }
}

/** Collects what one request reaches and why branches fail, each failure prefixed with the request. */
class Trail {
  /** How deep in the branches the walk is, for the hops it records. */
  private depth = 0;

  constructor(
    private readonly route: Route,
    private readonly reached: string[],
    private readonly failures: string[],
    private readonly hidden: string[],
    private readonly hops: Hop[],
  ) {}

  /** The namespace of the calling pod. */
  get client(): string {
    return this.route.client;
  }

  /** The workload of the calling pod, if the route names one. */
  get from(): string | undefined {
    return this.route.from;
  }

  /** The calling pod of no workload, if the route names one. */
  get source(): RouteSource | undefined {
    return this.route.source;
  }

  /** A step taken; what it leads to is recorded by the caller at the same depth, or nested with `within`. */
  step(text: string): void {
    this.hops.push({ depth: this.depth, kind: 'step', text });
  }

  /** Records a step, and whatever `follow` records as its branches, one level deeper. */
  within(text: string, follow: () => void): void {
    this.step(text);
    this.nest(follow);
  }

  /** Runs `follow` one level deeper (the branches of the step just recorded). */
  nest(follow: () => void): void {
    this.depth++;
    try {
      follow();
    } finally {
      this.depth--;
    }
  }

  /** A running workload listening on the port: `what` is its key in the outcome, `detail` the hop's text. */
  reach(what: string, detail: string = what): void {
    this.reached.push(what);
    this.hops.push({ depth: this.depth, kind: 'reach', text: detail });
  }

  /** Mesh config the client's sidecar does not see; what happens instead is followed and judged on its own. */
  hide(why: string): void {
    this.hidden.push(why);
    this.hops.push({ depth: this.depth, kind: 'hide', text: why });
  }

  fail(why: string): void {
    this.hops.push({ depth: this.depth, kind: 'fail', text: why });
    const from = this.route.client === this.route.namespace ? `"${this.route.cluster}"` : `namespace ${this.route.client} of "${this.route.cluster}"`;
    this.failures.push(`${this.route.service}.${this.route.namespace}.svc:${this.route.port} from ${from}: ${why}`);
  }
}

/** A workload's replicas as its spec gives them: a workload without a count starts with one, then its autoscaler decides. */
function replicasOf(w: Obj): string {
  return w.spec.replicas === undefined ? 'replicas left to an autoscaler (1 at creation)' : `${w.spec.replicas} replica(s)`;
}

/** A Service's wiring in a few words: how its port is served (selector, EndpointSlices, headless). */
function describeService(service: Obj, servicePort: Obj): string {
  const port = `port ${servicePort.port}${servicePort.name ? ` (${servicePort.name})` : ''}`;
  if (!service.spec.selector) return `${port}, no selector: its EndpointSlices`;
  const selector = Object.entries(service.spec.selector).map(([k, v]) => `${k}=${String(v)}`).join(',');
  const headless = service.spec.clusterIP === 'None';
  const target = headless ? servicePort.port : (servicePort.targetPort ?? servicePort.port);
  return `${headless ? 'headless, ' : ''}${port} -> pods ${selector} on ${target}`;
}

/**
 * How Istio (pkg/config/kube ConvertProtocol) reads a Service port: `appProtocol` replaces the name, a
 * `grpc-web` prefix is gRPC-Web, else the part before the first `-` is parsed case-insensitively; what it
 * does not know is sniffed, except on well-known TCP ports. Which VirtualService lists may serve it:
 * a sniffed port needs an http route for what sniffs as HTTP and a tcp route for the rest.
 */
function routeKindsOf(port: Obj): ReadonlyArray<'http' | 'tls' | 'tcp'> {
  const name = String(port.appProtocol ?? port.name ?? '').toLowerCase();
  if (name.startsWith('grpc-web')) return ['http'];
  const word = name === 'kubernetes.io/h2c' ? 'http2' : name.split('-')[0];
  if (['http', 'http_proxy', 'http2', 'grpc'].includes(word)) return ['http'];
  if (['https', 'tls'].includes(word)) return ['tls'];
  if (['tcp', 'mongo', 'mysql', 'redis'].includes(word) || [25, 53, 3306, 27017].includes(port.port)) return ['tcp'];
  return ['http', 'tcp'];
}

/**
 * Whether an Istio config object (VirtualService, ServiceEntry, DestinationRule) reaches the sidecars of
 * namespace `client`: no `exportTo` means every namespace (Istio's default, the mesh's defaultExportTo left
 * alone); `*` every namespace, `.` the object's own, else the namespaces named.
 */
function exportedTo(o: Obj, client: string): boolean {
  const list: unknown = o.spec?.exportTo;
  if (!Array.isArray(list) || list.length === 0) return true;
  const own = o.metadata?.namespace ?? 'default';
  return list.some((entry) => entry === '*' || entry === client || (entry === '.' && own === client));
}

/** Whether a label selector (matchLabels and matchExpressions; empty selects all) selects `labels`. */
function selects(selector: Obj | undefined, labels: Obj): boolean {
  if (!selector) return true;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e: Obj) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
  return byLabel && byExpression;
}

/**
 * Where the Prometheus container finds the workload certificates of an Istio sidecar that writes them (Istio's
 * documented set-up: injected, OUTPUT_CERTS to a volume the sidecar mounts, the same volume mounted in Prometheus).
 */
function meshCertificatesDir(spec: Obj): string | undefined {
  if (spec.podMetadata?.labels?.['sidecar.istio.io/inject'] !== 'true') return undefined;
  const annotations = spec.podMetadata?.annotations ?? {};
  const parse = (text: unknown) => {
    try {
      return JSON.parse(String(text));
    } catch {
      return undefined;
    }
  };
  const output = parse(annotations['proxy.istio.io/config'])?.proxyMetadata?.OUTPUT_CERTS;
  const volume = (parse(annotations['sidecar.istio.io/userVolumeMount']) ?? []).find((m: Obj) => m.mountPath === output)?.name;
  if (output === undefined || volume === undefined || !(spec.volumes ?? []).some((v: Obj) => v.name === volume)) return undefined;
  const mount = (spec.volumeMounts ?? []).find((m: Obj) => m.name === volume);
  return mount ? String(mount.mountPath).replace(/\/$/, '') : undefined;
}

/** The number of a workload's container port named `name`. */
function namedPort(w: Obj, name: string): number | undefined {
  for (const c of w.spec?.template?.spec?.containers ?? []) {
    const found = (c.ports ?? []).find((p: Obj) => p.name === name);
    if (found) return found.containerPort;
  }
  return undefined;
}

function parseIp(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function parseCidr(text: string | undefined): Cidr | undefined {
  if (!text) return undefined;
  const [address, bits] = text.split('/');
  const first = parseIp(address);
  const prefix = Number(bits);
  if (first === undefined || !Number.isInteger(prefix)) return undefined;
  return { first, size: 2 ** (32 - prefix) };
}

function inCidr(text: string | undefined, ip: number): boolean {
  const cidr = parseCidr(text);
  return cidr !== undefined && ip >= cidr.first && ip < cidr.first + cidr.size;
}
