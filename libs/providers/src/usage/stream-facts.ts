// What a stream says about its response besides usage, for the provider call's span: the id and model of
// its first frame that names them (OpenAI chunks, Anthropic's message_start, the Responses API's
// response.created) and why each choice ended (OpenAI's finish_reason per choice, Anthropic's stop_reason).
export interface ResponseFacts {
  id: string;
  model: string;
  finishReasons: string[];
}

type Named = { model?: unknown; id?: unknown };
type Frame = Named & {
  type?: unknown;
  message?: Named;
  response?: Named;
  choices?: unknown;
  delta?: { stop_reason?: unknown } | null;
};

export class StreamFacts {
  private id = '';
  private model = '';
  // By choice index: the last reason a choice's frames gave.
  private readonly reasons = new Map<number, string>();

  see(data: unknown): void {
    if (!data || typeof data !== 'object') return;
    const frame = data as Frame;
    if (!this.model) this.name(frame);
    if (Array.isArray(frame.choices)) this.choicesEnded(frame.choices);
    else if (frame.type === 'message_delta' && typeof frame.delta?.stop_reason === 'string')
      this.reasons.set(0, frame.delta.stop_reason);
  }

  facts(): ResponseFacts {
    const finishReasons = [...this.reasons.entries()].sort(([a], [b]) => a - b).map(([, reason]) => reason);
    return { id: this.id, model: this.model, finishReasons };
  }

  private name(frame: Frame): void {
    const named = [frame, frame.message, frame.response].find((d) => typeof d?.model === 'string' && d.model);
    if (!named) return;
    this.model = String(named.model);
    this.id = typeof named.id === 'string' ? named.id : '';
  }

  private choicesEnded(choices: unknown[]): void {
    choices.forEach((choice, position) => {
      const { index, finish_reason: reason } = (choice ?? {}) as { index?: unknown; finish_reason?: unknown };
      if (typeof reason === 'string' && reason)
        this.reasons.set(typeof index === 'number' ? index : position, reason);
    });
  }
}
