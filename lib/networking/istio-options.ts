// The options of Networking.istio({ ... }) and their runtime checks: fleets from JSON or YAML reach here
// without TypeScript's help, and Istio itself would only refuse a bad value when the objects are applied.
import { INT32_MAX, type Shape, integer, listOf, object, string } from '../core/validate/input/shape';
import { describeValue } from '../core/validate/input/describe';

/** How the sidecars of a placeholder cluster retry a call through the VirtualService's `http` routes. */
export interface IstioRetryProps {
  /** How many times a call is retried; 0 turns retries off. @default - no default: the reason to set retries */
  readonly attempts: number;
  /** Timeout of each attempt, an Istio duration such as `2s` or `500ms` (at least 1ms). @default - the route's `timeout` */
  readonly perTryTimeout?: string;
  /**
   * The conditions that make a call be retried, written into Envoy's `retryOn` joined by commas: Envoy's
   * HTTP conditions (`5xx`, `gateway-error`, `reset`, `connect-failure`, `retriable-4xx`, `refused-stream`,
   * `retriable-status-codes`, `retriable-headers`, `envoy-ratelimited`), gRPC statuses (`cancelled`,
   * `deadline-exceeded`, `internal`, `resource-exhausted`, `unavailable`) or HTTP status codes such as `503`.
   * @default - Istio's: connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes
   */
  readonly retryOn?: string[];
}

/** Options of `Networking.istio({ ... })`; each changes the objects the placeholder clusters get. */
export interface IstioNetworkingProps {
  /**
   * Timeout of a call through the VirtualService's `http` routes (HTTP, HTTP2 and gRPC ports), an Istio
   * duration such as `10s`, `1m30s` or `250ms` (at least 1ms). TCP and TLS routes have no timeout.
   * @default - Istio's: no timeout
   */
  readonly timeout?: string;
  /** Retries of calls through the `http` routes. @default - Istio's default retry policy */
  readonly retries?: IstioRetryProps;
  /**
   * The namespaces whose sidecars see the VirtualService, ServiceEntry and DestinationRules of the mode
   * (Istio's `exportTo`): `.` for the service's own namespace, `*` for every namespace, or namespace names.
   * A client in a namespace left out gets no cross-cluster route: its call of the plain name reaches the
   * selector-less placeholder Service, which has no endpoints. `*` stands alone.
   * @default - every namespace (Istio's default, unless the mesh sets defaultExportTo)
   */
  readonly exportTo?: string[];
}

/** Envoy's retry conditions for HTTP and gRPC, as Istio passes them through. */
const RETRY_CONDITIONS = [
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx', 'refused-stream',
  'retriable-status-codes', 'retriable-headers', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
];

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;

/** The milliseconds of a duration as Istio's CRDs read one (`duration(self)` in CEL: Go's format), or undefined. */
function durationMs(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) total += Number(amount) * UNIT_MS[unit];
  return total;
}

/** A duration string Istio accepts for timeouts: Go's format, at least 1ms. */
const duration: Shape = (value, field, report) => {
  if (!string()(value, field, report)) return false;
  const ms = durationMs(value as string);
  if (ms === undefined) {
    report(`${field} "${value as string}" is not a duration; write it as Istio does, such as 10s, 1m30s or 250ms`);
    return false;
  }
  if (ms < 1) {
    report(`${field} "${value as string}" is shorter than the 1ms Istio accepts; give at least 1ms, or leave ${field.split('.').pop()} out`);
    return false;
  }
  return true;
};

const attempts: Shape = (value, field, report) => {
  if (!integer({ max: INT32_MAX })(value, field, report)) return false;
  if (!Number.isInteger(value) || (value as number) < 0) {
    report(`${field} is ${describeValue(value)}, not a whole number of retries; give 0 (no retries) or more`);
    return false;
  }
  return true;
};

const retryCondition: Shape = (value, field, report) => {
  if (!string()(value, field, report)) return false;
  const text = value as string;
  if (RETRY_CONDITIONS.includes(text) || /^[1-5]\d\d$/.test(text)) return true;
  report(`${field} "${text}" is not a retry condition Envoy knows; give one of ${RETRY_CONDITIONS.join(', ')}, or an HTTP status code such as 503`);
  return false;
};

/** A DNS-1123 label: what a namespace name is. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const exportTo: Shape = (value, field, report) => {
  if (!listOf(string())(value, field, report)) return false;
  const list = value as string[];
  let ok = true;
  if (list.length === 0) {
    report(`${field} is empty, which Istio reads as its default; leave exportTo out for every namespace, or give "." or namespace names`);
    return false;
  }
  list.forEach((entry, i) => {
    if (entry === '~') {
      ok = false;
      report(`${field}[${i}] "~" hides the routes from every namespace, so no client could call the service; give "." or namespace names`);
    } else if (entry !== '.' && entry !== '*' && (entry.length > 63 || !NAMESPACE.test(entry))) {
      ok = false;
      report(`${field}[${i}] "${entry}" is not ".", "*" or a namespace name (a DNS-1123 label such as team-a)`);
    } else if (list.indexOf(entry) !== i) {
      ok = false;
      report(`${field}[${i}] "${entry}" is listed twice; list it once`);
    }
  });
  if (list.includes('*') && list.length > 1) {
    ok = false;
    report(`${field} mixes "*" with other entries, which Istio refuses; give ["*"] alone, or only "." and namespace names`);
  }
  return ok;
};

/** The runtime shape of IstioNetworkingProps, field by field: each problem is reported under the Networking's field. */
export const istioPropsShape: Shape = object({
  timeout: { shape: duration },
  retries: {
    shape: object({
      attempts: { shape: attempts, required: 'give the number of retries, 0 to turn them off' },
      perTryTimeout: { shape: duration },
      retryOn: { shape: listOf(retryCondition) },
    }),
  },
  exportTo: { shape: exportTo },
});
