// One port of a multi-cluster service, as users declare it.

/** Transport protocol of a port, as Kubernetes names it. */
export enum PortProtocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}

/** One port of a multi-cluster service: the same in every cluster, so clients never notice where it runs. */
export interface ServicePort {
  /** The port's name: an IANA service name; its prefix (`http`, `grpc`, `tcp`...) also tells Istio the protocol. @default - no default: every port is named so EndpointSlices and meshes can match it */
  readonly name: string;
  /** The port clients call. @default - no default */
  readonly port: number;
  /** The container port behind it. @default - the same number as `port` */
  readonly targetPort?: number;
  /** Transport protocol. @default PortProtocol.TCP */
  readonly protocol?: PortProtocol;
  /** Application protocol (`http`, `http2`, `grpc`, `https`, `tls`, `tcp`...), which wins over the name prefix. @default - derived from the name */
  readonly appProtocol?: string;
}
