import { BlockList, isIP } from 'node:net';

// Addresses a provider URL may not reach: the gateway's own host, its private network and cloud metadata
// services. A stolen admin session could otherwise aim a stored provider key, or the proxy itself, at them.
const FORBIDDEN_V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.100.100.200', 32, 'cloud metadata'],
];
const FORBIDDEN_V6: [string, number, string][] = [
  ['::', 96, 'unspecified, loopback or IPv4-compatible'],
  ['fc00::', 7, 'unique local (private)'],
  ['fe80::', 10, 'link-local'],
];

function blockList(rules: [string, number, string][], family: 'ipv4' | 'ipv6') {
  return rules.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, reason, family };
  });
}
const RULES = [...blockList(FORBIDDEN_V4, 'ipv4'), ...blockList(FORBIDDEN_V6, 'ipv6')];

// Names of cloud metadata services, refused without asking DNS.
export const METADATA_HOST_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
]);

// Why an IP address may not be an upstream, or null when it may. An IPv4-mapped IPv6 address
// (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
export function forbiddenAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return null;
  const mapped = family === 6 ? mappedIpv4(bare) : null;
  const [ip, type] = mapped ? [mapped, 'ipv4' as const] : [bare, family === 4 ? 'ipv4' : 'ipv6'];
  const rule = RULES.find((r) => r.family === type && r.list.check(ip, type));
  return rule ? rule.reason : null;
}

// The IPv4 address inside ::ffff:a.b.c.d (or its hex form ::ffff:7f00:1), else null.
function mappedIpv4(ipv6: string): string | null {
  const match = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(ipv6);
  const tail = match?.[1];
  if (!tail) return null;
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return null;
  const value = (parseInt(hex[1] ?? '0', 16) << 16) | parseInt(hex[2] ?? '0', 16);
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}
