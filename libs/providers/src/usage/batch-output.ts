import type { ReportedUsage } from '../provider-adapter';
import { openAiUsage, responsesUsage } from './openai-usage';

// Reads a Batch API output file as it streams past (JSONL: one `{custom_id, response: {status_code, body}}`
// per line) and sums the usage of its results per model: batches are billed when their results are fetched.
export class BatchOutputCollector {
  private pending = '';
  private readonly decoder = new TextDecoder();
  readonly usageByModel = new Map<string, ReportedUsage>();

  push(chunk: Uint8Array): void {
    this.pending += this.decoder.decode(chunk, { stream: true });
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      this.line(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
  }

  end(): void {
    this.line(this.pending);
    this.pending = '';
  }

  private line(text: string): void {
    if (!text.includes('"usage"')) return;
    let parsed: { response?: { status_code?: unknown; body?: { model?: unknown; usage?: unknown } } };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      return;
    }
    const body = parsed.response?.body;
    if (parsed.response?.status_code !== 200 || typeof body?.model !== 'string') return;
    const usage = openAiUsage(body.usage) ?? responsesUsage(body.usage);
    if (!usage) return;
    const held = this.usageByModel.get(body.model);
    this.usageByModel.set(body.model, held ? add(held, usage) : usage);
  }
}

function add(a: ReportedUsage, b: ReportedUsage): ReportedUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    cachedPromptTokens: a.cachedPromptTokens + b.cachedPromptTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
