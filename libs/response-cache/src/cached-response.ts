export interface CachedResponse {
  status: number;
  contentType: string;
  body: string;
  stream: boolean;
  model: string;
  usage: { promptTokens: number; completionTokens: number } | null;
  storedAt: number;
}
