// Where the gateway's spans go while the benchmark measures tracing: an OTLP/HTTP endpoint on loopback that
// reads each export whole and accepts it (the exporters' full cost is paid: encoding, batching, sending).
import { createServer, type Server } from 'node:http';

export interface OtlpSink {
  url: string;
  exports(): { requests: number; bytes: number };
  stop(): Promise<void>;
}

export async function startOtlpSink(port: number): Promise<OtlpSink> {
  let requests = 0;
  let bytes = 0;
  const server: Server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      requests += 1;
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    exports: () => ({ requests, bytes }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
