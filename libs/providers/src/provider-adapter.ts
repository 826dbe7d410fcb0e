import type { TokenUsage } from '@tollgate/contracts';

// What the gateway reads from a provider's usage report; null when the provider reported none.
export type ReportedUsage = Omit<TokenUsage, 'estimated'>;

export interface StreamUsageCollector {
  push(chunk: Uint8Array): void;
  usage(): ReportedUsage | null;
}

// Everything that differs between providers lives behind this interface.
export interface ProviderAdapter {
  readonly name: string;
  readonly defaultBaseUrl: string;
  authHeaders(secrets: Record<string, string>): Record<string, string>;
  usageFromJson(body: unknown): ReportedUsage | null;
  streamUsageCollector(): StreamUsageCollector;
}
