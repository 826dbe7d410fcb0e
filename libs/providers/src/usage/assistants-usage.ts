import type { UsageReader } from '../provider-adapter';
import { openAiUsage } from './openai-usage';
import { FrameCollector } from './stream-collector';

// Assistants runs report usage on the run object once it has reached a terminal state (null before), and
// each run step on its own. A run's usage is the sum of its steps': a stream's step events are not billed,
// only the run's terminal event (thread.run.completed, .failed, .cancelled, .expired, .incomplete).
const TERMINAL_RUN_EVENT = /^thread\.run\.(completed|failed|cancelled|expired|incomplete)$/;

const isRun = (body: unknown): body is { object: 'thread.run'; usage?: unknown } =>
  (body as { object?: unknown } | null)?.object === 'thread.run';

export const assistantsUsageReader: UsageReader = {
  fromJson: (body) => (isRun(body) ? openAiUsage(body.usage) : null),
  textFromJson: () => '',
  streamCollector: () =>
    new FrameCollector({
      usage: (event, data) =>
        event !== null && TERMINAL_RUN_EVENT.test(event) && isRun(data) ? openAiUsage(data.usage) : null,
      text: () => '',
    }),
};
