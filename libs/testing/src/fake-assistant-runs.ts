import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, sleep, write } from './recording-server';

export interface FakeRunUsage {
  promptTokens: number;
  completionTokens: number;
  content: string;
  chunkDelayMs?: number;
}

interface StoredRun {
  id: string;
  threadId: string;
  model: string;
  assistantId: string;
  // How many more retrievals see it in progress before it has ended.
  pollsLeft: number;
  usage: FakeRunUsage;
}

const usageOf = (prompt: number, completion: number) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
});

// The Assistants API's runs as api.openai.com answers them: a run is queued when created, in progress for
// `pollsBeforeDone` retrievals, then completed with its usage (null until then); it ran in two steps, the
// first finished with part of the usage while the run is in progress, the second with the rest at the end.
export class FakeAssistantRuns {
  private readonly runs = new Map<string, StoredRun>();
  pollsBeforeDone = 1;

  // POST /v1/threads/runs, /v1/threads/:thread_id/runs: the run object, or its event stream.
  async create(threadId: string, body: string, usage: FakeRunUsage, res: ServerResponse): Promise<void> {
    const request = JSON.parse(body) as { assistant_id?: string; model?: string; stream?: boolean };
    const run: StoredRun = {
      id: `run_${randomUUID().replaceAll('-', '')}`,
      threadId,
      model: request.model ?? 'gpt-4o',
      assistantId: request.assistant_id ?? '',
      pollsLeft: this.pollsBeforeDone,
      usage,
    };
    this.runs.set(run.id, run);
    if (!request.stream) return sendJson(res, 200, this.objectOf(run, 'queued'));
    run.pollsLeft = 0;
    await this.stream(run, res);
  }

  // GET and POST /v1/threads/:thread_id/runs/..., or false when the path is not a run's.
  answer(method: string, path: string, res: ServerResponse): boolean {
    const match = /^\/v1\/threads\/([^/]+)\/runs(?:\/([^/]+))?(\/cancel|\/steps(?:\/([^/]+))?)?$/.exec(path);
    if (!match) return false;
    const [, threadId, runId, tail, stepId] = match;
    if (!runId && method === 'GET') {
      const data = [...this.runs.values()]
        .filter((r) => r.threadId === threadId)
        .map((r) => this.objectOf(r));
      sendJson(res, 200, {
        object: 'list',
        data,
        first_id: data[0]?.id,
        last_id: data.at(-1)?.id,
        has_more: false,
      });
      return true;
    }
    const run = this.runs.get(runId ?? '');
    if (!run) return false;
    if (tail === '/cancel') sendJson(res, 200, { ...this.objectOf(run), status: 'cancelling' });
    else if (tail?.startsWith('/steps')) this.answerSteps(run, stepId, res);
    else sendJson(res, 200, this.retrieve(run));
    return true;
  }

  private retrieve(run: StoredRun) {
    const object = this.objectOf(run);
    run.pollsLeft = Math.max(0, run.pollsLeft - 1);
    return object;
  }

  private answerSteps(run: StoredRun, stepId: string | undefined, res: ServerResponse): void {
    const steps = this.stepsOf(run);
    if (!stepId) sendJson(res, 200, { object: 'list', data: steps, has_more: false });
    else {
      const step = steps.find((s) => s.id === stepId);
      if (step) sendJson(res, 200, step);
      else sendJson(res, 404, { error: { message: 'No such step', type: 'invalid_request_error' } });
    }
  }

  private objectOf(run: StoredRun, status = run.pollsLeft > 0 ? 'in_progress' : 'completed') {
    const done = status === 'completed';
    return {
      id: run.id,
      object: 'thread.run',
      created_at: 1763900000,
      thread_id: run.threadId,
      assistant_id: run.assistantId,
      status,
      model: run.model,
      instructions: '',
      tools: [],
      usage: done ? usageOf(run.usage.promptTokens, run.usage.completionTokens) : null,
    };
  }

  // The first step used a third of the prompt and none of the completion; the second the rest.
  private stepsOf(run: StoredRun) {
    const firstPrompt = Math.floor(run.usage.promptTokens / 3);
    const done = run.pollsLeft === 0;
    const step = (n: number, usage: ReturnType<typeof usageOf> | null) => ({
      id: `step_${run.id.slice(4)}_${n}`,
      object: 'thread.run.step',
      run_id: run.id,
      thread_id: run.threadId,
      type: 'message_creation',
      status: usage ? 'completed' : 'in_progress',
      usage,
    });
    return [
      step(1, usageOf(firstPrompt, 0)),
      step(2, done ? usageOf(run.usage.promptTokens - firstPrompt, run.usage.completionTokens) : null),
    ];
  }

  private async stream(run: StoredRun, res: ServerResponse): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    const emit = (event: string, data: unknown) =>
      write(res, `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    await emit('thread.run.created', this.objectOf(run, 'queued'));
    const [first, second] = this.stepsOf(run);
    await emit('thread.run.step.completed', first);
    for (const piece of run.usage.content.match(/\S+\s*/g) ?? [run.usage.content]) {
      if (run.usage.chunkDelayMs) await sleep(run.usage.chunkDelayMs);
      await emit('thread.message.delta', {
        id: 'msg_fake',
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value: piece } }] },
      });
    }
    await emit('thread.run.step.completed', second);
    await emit('thread.run.completed', this.objectOf(run, 'completed'));
    await emit('done', '[DONE]');
    res.end();
  }
}
