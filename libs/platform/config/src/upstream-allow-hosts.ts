import { z } from 'zod';

// One entry of UPSTREAM_ALLOW_HOSTS: a host (any port) or host:port, normalised as a URL's host is
// (lower case, IPv4 in dotted decimal, IPv6 in brackets), so it compares with `new URL(...).hostname`.
export interface AllowedUpstreamHost {
  hostname: string;
  port: string | null;
}

// `::1` alone is an IPv6 address, not host `:` and port `1`: bracket it before parsing.
const bracketBareIpv6 = (entry: string) =>
  (entry.match(/:/g) ?? []).length > 1 && !entry.startsWith('[') ? `[${entry}]` : entry;

export function parseAllowedHost(entry: string): AllowedUpstreamHost | null {
  const text = bracketBareIpv6(entry.trim());
  if (!text || /[/?#@\s]/.test(text)) return null;
  try {
    const url = new URL(`http://${text}`);
    const explicitPort = /:\d+$/.test(text) ? url.port || '80' : null;
    return { hostname: url.hostname.replace(/\.$/, ''), port: explicitPort };
  } catch {
    return null;
  }
}

export const UpstreamEnv = z.object({
  // Hosts a provider setting's or a custom provider's url may name although they are loopback, private,
  // link-local or metadata addresses (a self-hosted vLLM, the tests' fake providers).
  UPSTREAM_ALLOW_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').filter((entry) => entry.trim() !== ''))
    .refine((entries) => entries.every((entry) => parseAllowedHost(entry) !== null), {
      message: 'must be a comma-separated list of host or host:port',
    })
    .transform((entries) => entries.map((entry) => parseAllowedHost(entry) as AllowedUpstreamHost)),
});

// Whether the allow list names this URL's host (and its port, when the entry has one).
export function isAllowedUpstream(allowed: readonly AllowedUpstreamHost[], url: URL): boolean {
  const hostname = url.hostname.replace(/\.$/, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowed.some((entry) => entry.hostname === hostname && (entry.port === null || entry.port === port));
}
