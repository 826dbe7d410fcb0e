// What main.ts asks of the load generator, and what it answers.
export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  body: string;
  // Requests per second, or null for a closed loop of `connections` concurrent requests.
  rate: number | null;
  connections: number;
  warmupMs: number;
  durationMs: number;
}

// Milliseconds, exact to the microsecond (every sample is kept).
export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  // Measured requests (after the warm-up), and those that failed (a status other than 200, or no answer).
  requests: number;
  errors: number;
  // Every request sent, the warm-up's included, and those answered with 200 (for CPU per request and for
  // the count of analytics rows the gateway owes).
  sentAll: number;
  succeededAll: number;
  firstError: string | null;
  achievedRps: number;
  latencyMs: Percentiles | null;
  ttfbMs: Percentiles | null;
  // The gateway's own time, from its Server-Timing header (null when not through the gateway).
  gatewayMs: Percentiles | null;
}
