import { ProxyError } from '../request/proxy-error';

// Paths whose meaning could change on the way to the provider are refused before anything else reads them:
// a URL parser resolves dot segments (also written %2e), turns backslashes into slashes, and some servers
// decode %2f and %5c into separators. Matched, priced and limited as one route, such a path could reach the
// provider as another (docs/adr/0011-bounded-request-work.md).
const ENCODED_SEPARATOR_OR_DOT = /%(2f|5c|2e)/i;
const DOT_SEGMENT = /(^|\/)\.{1,2}(\/|$)/;

// Why a request path (query string excluded) is refused, or null when it is safe to match.
export function unsafePathReason(path: string): string | null {
  if (path.includes('\\')) return 'the path contains a backslash';
  if (ENCODED_SEPARATOR_OR_DOT.test(path)) return 'the path contains an encoded slash, backslash or dot';
  if (DOT_SEGMENT.test(path)) return 'the path contains a dot segment';
  if (path.includes('//')) return 'the path contains an empty segment';
  return null;
}

export function pathOf(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

// 400 in the provider's shape for an unsafe path.
export function checkRequestPath(url: string): void {
  const reason = unsafePathReason(pathOf(url));
  if (reason) throw new ProxyError('invalid_path', `${reason}; it is refused`);
}
