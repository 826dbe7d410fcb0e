// The physical limit for a Node proxy on this machine: node:http in, undici out, bodies streamed both ways,
// nothing else. The gateway's benchmark figures are read against this one's.
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const port = Number(process.env['PORT'] ?? 19102);
const target = process.env['TARGET'] ?? 'http://127.0.0.1:19101';
const agent = new Agent({ keepAliveTimeout: 60_000, connections: 512 });

createServer((req, res) => {
  request(`${target}${req.url ?? '/'}`, {
    method: req.method as 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
    body: req,
    dispatcher: agent,
  })
    .then(async (upstream) => {
      res.writeHead(upstream.statusCode, { 'content-type': String(upstream.headers['content-type'] ?? '') });
      for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    })
    .catch(() => res.writeHead(502).end());
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
