import type { IncomingMessage, ServerResponse } from 'node:http';

// The methods and headers a browser client of the admin API needs: X-API-KEY carries the admin password.
const METHODS = 'GET, POST, PUT, PATCH, DELETE';
const HEADERS = 'Content-Type, X-API-KEY';

// CORS for the admin API, only for origins on the allow-list (ADMIN_CORS_ORIGINS; none by default): the admin
// password must not be usable from any page a browser happens to open. A request from another origin gets no
// CORS header at all, so the browser withholds the answer. Returns true when it answered a preflight.
export class AdminCors {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins);
  }

  answer(req: IncomingMessage, res: ServerResponse): boolean {
    // The answer depends on Origin whether or not it is allowed: caches must keep them apart.
    if (this.origins.size > 0) res.setHeader('vary', 'Origin');
    const origin = req.headers.origin;
    if (!origin || !this.origins.has(origin)) return false;
    res.setHeader('access-control-allow-origin', origin);
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!preflight) return false;
    res.writeHead(204, {
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': HEADERS,
      'access-control-max-age': '3600',
    });
    res.end();
    return true;
  }
}
