import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

// One span as the services exported it (OTLP/JSON, flattened): which service, where in which trace, what.
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

// An OTLP/HTTP trace receiver (the JSON protocol, OTEL_EXPORTER_OTLP_PROTOCOL=http/json) for the services
// under test: POST /v1/traces takes exports, GET /spans answers every span received so far.
export class OtlpReceiver {
  private readonly spans: ReceivedSpan[] = [];
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/spans') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.spans));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      void readBody(req).then(
        (body) => {
          this.spans.push(...spansOf(JSON.parse(body) as ExportRequest));
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        },
        () => res.writeHead(400).end(),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

// What the tests ask of a receiver started by the global setup.
export async function receivedSpans(receiverUrl: string): Promise<ReceivedSpan[]> {
  const res = await fetch(`${receiverUrl}/spans`);
  return (await res.json()) as ReceivedSpan[];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
}

interface KeyValue {
  key: string;
  value: Record<string, unknown>;
}
interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: KeyValue[];
        links?: { traceId: string; spanId: string }[];
      }[];
    }[];
  }[];
}

function spansOf(request: ExportRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resource) => {
    const service = String(attributesOf(resource.resource?.attributes)['service.name'] ?? '');
    return (resource.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        service,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        name: span.name,
        kind: span.kind,
        attributes: attributesOf(span.attributes),
        links: (span.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
      })),
    );
  });
}

function attributesOf(list: KeyValue[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));
}

// OTLP/JSON AnyValue: one of stringValue, boolValue, intValue (a string for 64-bit), doubleValue, arrayValue.
function valueOf(value: Record<string, unknown>): unknown {
  if ('intValue' in value) return Number(value['intValue']);
  if ('arrayValue' in value)
    return ((value['arrayValue'] as { values?: Record<string, unknown>[] }).values ?? []).map(valueOf);
  return Object.values(value)[0];
}
