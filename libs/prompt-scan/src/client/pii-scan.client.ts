// The proxy's side of the hop to pii-redaction: HTTP/1.1 keep-alive (undici), one deadline per call, and an
// outcome for every call instead of an exception, so the caller decides how to fail and every outcome is
// counted.
import { context, propagation } from '@opentelemetry/api';
import { Pool } from 'undici';
import {
  SCAN_PATH,
  ScanErrorBodySchema,
  ScanResultSchema,
  SCAN_ERROR_STATUS,
  type ScanRequest,
} from '../contract/scan-contract';
import { countOutcome, emptyCounts, type ScanOutcome, type ScanOutcomeCounts } from './scan-outcome';

export interface PiiScanClientOptions {
  // The service's origin, e.g. http://pii-redaction:8004.
  readonly url: string;
  // Keep-alive connections kept open to the service.
  readonly connections?: number;
  // How long past the call's deadline the client waits for the service's own deadline answer.
  readonly networkMarginMs?: number;
  // Called once per call (metrics).
  readonly onOutcome?: (outcome: ScanOutcome, elapsedMs: number) => void;
}

// The service closes idle sockets after 65 s; the client drops them sooner, so it never sends on a socket the
// server is closing.
const IDLE_SOCKET_MS = 30_000;

export class PiiScanClient {
  private readonly pool: Pool;
  private readonly marginMs: number;
  private readonly outcomeCounts = emptyCounts();

  constructor(private readonly options: PiiScanClientOptions) {
    this.pool = new Pool(options.url, {
      connections: options.connections ?? 16,
      keepAliveTimeout: IDLE_SOCKET_MS,
      keepAliveMaxTimeout: IDLE_SOCKET_MS,
    });
    this.marginMs = options.networkMarginMs ?? 50;
  }

  // Never throws: every failure is an outcome.
  async scan(request: ScanRequest): Promise<ScanOutcome> {
    const started = performance.now();
    const outcome = await this.call(request);
    countOutcome(this.outcomeCounts, outcome);
    this.options.onOutcome?.(outcome, performance.now() - started);
    return outcome;
  }

  counts(): ScanOutcomeCounts {
    return structuredClone(this.outcomeCounts);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async call(request: ScanRequest): Promise<ScanOutcome> {
    try {
      const response = await this.pool.request({
        path: SCAN_PATH,
        method: 'POST',
        headers: traced({ 'content-type': 'application/json' }),
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(request.deadlineMs + this.marginMs),
      });
      // Read inside the try: a deadline that passes while the answer streams in is a timeout too.
      return outcomeOfResponse(response.statusCode, parseJson(await response.body.text()));
    } catch (error) {
      return { kind: 'unavailable', reason: failureReason(error) };
    }
  }
}

// The caller's trace context (the proxied request's span), so the scan in pii-redaction joins the request's
// trace (undici is not instrumented). Without a tracing SDK the API's propagator writes nothing.
function traced(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

function outcomeOfResponse(status: number, body: unknown): ScanOutcome {
  if (status === 200) {
    const result = ScanResultSchema.safeParse(body);
    return result.success
      ? { kind: 'ok', result: result.data }
      : { kind: 'unavailable', reason: 'invalid_response', status };
  }
  if (status >= 500) return { kind: 'unavailable', reason: 'server_error', status };
  const error = ScanErrorBodySchema.safeParse(body);
  if (!error.success || SCAN_ERROR_STATUS[error.data.error.code] !== status) {
    return { kind: 'unavailable', reason: 'invalid_response', status };
  }
  return { kind: 'rejected', status, ...error.data.error };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function failureReason(error: unknown): 'connection_refused' | 'timeout' | 'network' {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return 'network';
}
