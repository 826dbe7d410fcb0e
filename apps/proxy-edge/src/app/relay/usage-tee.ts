import {
  BatchOutputCollector,
  finishReasonsOfJson,
  responseIdOfJson,
  responseModelOfJson,
  type StreamUsageCollector,
} from '@tollgate/providers';
import type { UsageReport } from '../request/request-context';
import { isMetered, type RouteMatch } from '../request/route-match';

// Largest non-streaming JSON response the usage reader keeps a copy of; bigger ones are passed on unread.
const MAX_USAGE_JSON_BYTES = 16 * 1024 * 1024;

// Reads what a response says about its usage as its bytes pass to the client, never holding up the relay:
// a stream's usage frames, a JSON body's usage (a bounded copy), a batch output file's per-model usage, and
// the model and id the response names (what Azure bills, what a Responses API response or an assistants run
// is billed by).
export class UsageTee {
  private readonly collector: StreamUsageCollector | null;
  private readonly batchOutput: BatchOutputCollector | null;
  private readonly readJson: boolean;
  private readonly jsonCopy: Buffer[] = [];
  private jsonBytes = 0;

  constructor(
    private readonly route: RouteMatch,
    private readonly streamed: boolean,
    contentType: string,
    private readonly ok: boolean,
    private readonly headers: Readonly<Record<string, string | string[] | undefined>> = {},
  ) {
    const { unit } = route.route;
    // A stream's collector also reads the model and id it names (what Azure bills, what a Responses API
    // response or an assistants run is billed by), from the frames it parses for usage anyway.
    this.collector = streamed ? route.reader.streamCollector() : null;
    this.batchOutput = ok && unit === 'batch_output' ? new BatchOutputCollector() : null;
    this.readJson = !streamed && isMetered(route.route) && contentType.includes('json');
  }

  push(chunk: Buffer): void {
    this.batchOutput?.push(chunk);
    if (this.collector) this.collector.push(chunk);
    else if (this.readJson && this.jsonBytes + chunk.length <= MAX_USAGE_JSON_BYTES) {
      this.jsonCopy.push(chunk);
      this.jsonBytes += chunk.length;
    }
  }

  // What the whole response said; `complete`: it was read to its end (a cut or broken one has no JSON).
  report(complete: boolean): UsageReport {
    this.batchOutput?.end();
    const json = complete && this.readJson ? parseJson(this.jsonCopy) : null;
    const { reader } = this.route;
    const streamFacts = this.collector?.responseFacts?.();
    return {
      usage: this.collector ? this.collector.usage() : (reader.fromJson(json) ?? this.headerUsage(complete)),
      text: this.collector ? this.collector.text() : reader.textFromJson(json),
      json,
      streamed: this.streamed,
      responseModel: streamFacts?.model ?? responseModelOfJson(json),
      responseId: streamFacts?.id ?? responseIdOfJson(json),
      finishReasons: streamFacts?.finishReasons ?? finishReasonsOfJson(json),
      batchUsage: complete ? (this.batchOutput?.usageByModel ?? null) : null,
    };
  }

  // What the headers state counts only for a successful response that arrived whole.
  private headerUsage(complete: boolean) {
    return complete && this.ok ? (this.route.reader.fromHeaders?.(this.headers) ?? null) : null;
  }
}

function parseJson(chunks: Buffer[]): unknown {
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}
