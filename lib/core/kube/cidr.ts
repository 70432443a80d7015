// IPv4 arithmetic for the fleet's service, pod and Globalnet ranges.

/** A parsed IPv4 CIDR block: `first` is the network address as an unsigned 32-bit number. */
export interface Ipv4Cidr {
  readonly text: string;
  readonly first: number;
  readonly size: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses a dotted IPv4 address, or returns undefined. */
export function parseIpv4(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Parses `a.b.c.d/n`; the address must be the network address, as Kubernetes requires of service CIDRs. */
export function parseCidr(text: string): Ipv4Cidr | string {
  const [address, bits, ...rest] = text.split('/');
  const prefix = Number(bits);
  const first = parseIpv4(address ?? '');
  if (rest.length > 0 || first === undefined || !/^\d{1,2}$/.test(bits ?? '') || prefix > 32) {
    return `"${text}" is not an IPv4 CIDR such as 10.96.0.0/16 (IPv6 ranges are not supported yet)`;
  }
  const size = 2 ** (32 - prefix);
  if (first % size !== 0) {
    return `"${text}" has host bits set: the network address of that block is ${formatIpv4(first - (first % size))}/${prefix}`;
  }
  return { text, first, size };
}

export function cidrContains(cidr: Ipv4Cidr, address: number): boolean {
  return address >= cidr.first && address < cidr.first + cidr.size;
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first < b.first + b.size && b.first < a.first + a.size;
}

/**
 * The static band of a service CIDR: the low addresses Kubernetes' ClusterIP allocator leaves for
 * Services that ask for a fixed IP (KEP-3070). Its size is the range size / 16, at least 16 and at most
 * 256; ranges of 16 addresses or fewer have none. The network address itself is never allocated.
 */
export function staticBand(cidr: Ipv4Cidr): { readonly first: number; readonly last: number } | undefined {
  if (cidr.size <= 16) return undefined;
  const size = Math.min(256, Math.max(16, Math.floor(cidr.size / 16)));
  return { first: cidr.first + 1, last: cidr.first + size };
}
