// Addresses as nginx's `server` directive takes them in an upstream: `host` or `host:port`.
import { parseIpv4 } from './cidr';

const DNS_LABEL = /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/;
const IPV4_LIKE = /^[0-9.]+$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;
const PORT = /^[1-9][0-9]{0,4}$/;

/**
 * Why `text` is not a `host` or `host:port` the outer nginx can send to (a DNS name, an IPv4 address or a
 * bracketed IPv6 address, and a port from 1 to 65535), or undefined when it is one. Nothing else may reach
 * the generated configuration: a space, `;` or brace would end the directive and let text become nginx syntax.
 */
export function hostPortProblem(text: string): string | undefined {
  const ipv6 = text.startsWith('[');
  const colon = ipv6 ? text.indexOf(']:') + 1 : text.lastIndexOf(':');
  const host = colon > 0 ? text.slice(0, colon) : text;
  const port = colon > 0 ? text.slice(colon + 1) : undefined;
  if (port !== undefined && !(PORT.test(port) && Number(port) <= 65535)) return `has port "${port}", not a whole number from 1 to 65535`;
  if (ipv6) return IPV6.test(host) ? undefined : `has host "${host}", not a bracketed IPv6 address such as [fd00::1]`;
  if (IPV4_LIKE.test(host)) return parseIpv4(host) === undefined ? `has host "${host}", not an IPv4 address such as 192.0.2.10` : undefined;
  if (host.length === 0 || host.length > 253 || !host.split('.').every((label) => label.length <= 63 && DNS_LABEL.test(label))) {
    return `has host "${host}", not a DNS name (letters, digits, "-" and ".") or an IP address`;
  }
  return undefined;
}

/** The address as nginx compares it: host names are case-insensitive. */
export function hostPortKey(text: string): string {
  return text.toLowerCase();
}
