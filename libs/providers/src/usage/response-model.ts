import { SseParser } from '../sse-parser';

// The model a response says it came from: what Azure bills (a deployment name is not a model).
export function responseModelOfJson(body: unknown): string {
  const model = (body as { model?: unknown; message?: { model?: unknown } } | null)?.model;
  return typeof model === 'string' ? model : '';
}

// The same, read from a stream's first frame that names it (OpenAI chunks, Anthropic's message_start).
export class ResponseModelSniffer {
  private readonly parser = new SseParser();
  model = '';

  push(chunk: Uint8Array): void {
    if (this.model) return;
    for (const event of this.parser.push(chunk)) {
      try {
        const data = JSON.parse(event.data) as { model?: unknown; message?: { model?: unknown } };
        const model = typeof data.model === 'string' ? data.model : data.message?.model;
        if (typeof model === 'string' && model) {
          this.model = model;
          return;
        }
      } catch {
        // [DONE] and other non-JSON frames name no model.
      }
    }
  }
}
