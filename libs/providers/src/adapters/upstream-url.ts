import type { UpstreamTarget } from '../provider-adapter';

// A URL the gateway will not send: a base URL that does not parse (a provider setting's), or a path the URL
// parser would rewrite (dot segments, backslashes), so that the provider would see another route than the
// one priced.
export class InvalidUpstreamUrl extends Error {
  constructor(readonly reason: 'invalid_base_url' | 'rewritten_path') {
    super(
      reason === 'invalid_base_url'
        ? 'the provider base URL is not a valid URL'
        : 'the path would be rewritten',
    );
  }
}

// The base URL (a provider's, or a setting's `url`: the part before the provider's own path) joined with the
// target's path and query. The path is set as it is and then compared: whatever a URL parser would change
// (dot segments, backslashes) is refused, never forwarded changed.
export function joinUpstreamUrl(base: string, target: UpstreamTarget): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new InvalidUpstreamUrl('invalid_base_url');
  }
  const path = url.pathname.replace(/\/+$/, '') + target.path;
  url.pathname = path;
  url.search = target.query;
  if (url.pathname !== path) throw new InvalidUpstreamUrl('rewritten_path');
  return url.href;
}
