import { cidrsOverlap, formatIpv4, parseCidr, parseIpv4, staticBand } from '../../lib/core/kube/cidr';

const cidr = (text: string) => {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('IPv4 CIDRs', () => {
  test('parse and format round-trip', () => {
    expect(formatIpv4(parseIpv4('10.96.3.7') ?? 0)).toBe('10.96.3.7');
    expect(parseIpv4('10.96.3.256')).toBeUndefined();
    expect(cidr('10.96.0.0/16')).toEqual({ text: '10.96.0.0/16', first: 0x0a600000, size: 65536 });
  });

  test('overlap is symmetric and exact at the edges', () => {
    expect(cidrsOverlap(cidr('10.96.0.0/16'), cidr('10.96.255.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.96.0.0/16'), cidr('10.97.0.0/16'))).toBe(false);
    expect(cidrsOverlap(cidr('10.0.0.0/8'), cidr('10.200.0.0/16'))).toBe(true);
  });

  test.each([
    ['10.96.0.0/16', '10.96.0.1', '10.96.1.0'], // 65536 / 16 = 4096, capped at 256
    ['10.96.0.0/24', '10.96.0.1', '10.96.0.16'], // 256 / 16 = 16, the minimum
    ['10.96.0.0/20', '10.96.0.1', '10.96.1.0'], // 4096 / 16 = 256
    ['10.96.0.0/21', '10.96.0.1', '10.96.0.128'], // 2048 / 16 = 128
  ])('the static band of %s runs from %s to %s', (range, first, last) => {
    const band = staticBand(cidr(range));
    expect(band && [formatIpv4(band.first), formatIpv4(band.last)]).toEqual([first, last]);
  });

  test('ranges under 16 addresses have no static band', () => {
    expect(staticBand(cidr('10.96.0.0/29'))).toBeUndefined();
  });
});

test('a /28 has no static band and a /27 has the minimum of 16 addresses', () => {
  expect(staticBand(cidr('10.96.0.0/28'))).toBeUndefined();
  const band = staticBand(cidr('10.96.0.0/27'));
  expect(band && [formatIpv4(band.first), formatIpv4(band.last)]).toEqual(['10.96.0.1', '10.96.0.16']);
});
