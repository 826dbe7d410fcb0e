import type { IncomingMessage, ServerResponse } from 'node:http';

// CORS as BricksLLM's proxy answers it, on every path of :8002 and before anything else (auth included), so
// browser clients work unchanged: the request's Origin is echoed (or `*`); a preflight (OPTIONS) is answered
// 204 with the method and headers it asked for, cached an hour. BricksLLM sends no
// Access-Control-Allow-Credentials, so neither does this: gateway keys travel in headers, not cookies.
// Returns true when it answered the request (a preflight).
export function answerProxyCors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('access-control-allow-origin', req.headers.origin || '*');
  // The answer depends on Origin: a shared cache must not hand one origin's answer to another.
  res.setHeader('vary', 'Origin');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': req.headers['access-control-request-method'] || '*',
    'access-control-allow-headers': req.headers['access-control-request-headers'] || '*',
    'access-control-max-age': '3600',
  });
  res.end();
  return true;
}
