import { Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LimitsRedis } from '../limits/limits-redis';

// Usage the provider reports again and again, or only after the request that caused it, is billed the first
// time the gateway sees it, never again: a Responses API response (reported on every GET, a background one
// only once finished), a batch output file (downloadable many times), an assistants run (its usage on the
// run once ended, each step's on the step). Claims last as long as such an object can still be fetched.
const CLAIM_TTL_SECONDS = 30 * 24 * 3600;

export interface RunTokens {
  promptTokens: number;
  completionTokens: number;
}

// A run's record: its model (runs steps do not name it), the step usage billed so far, and whether its
// final usage was billed. A finished run bills what its steps have not: the two can never bill twice.
const CLAIM_RUN = `
if redis.call('HSETNX', KEYS[1], 'final', '1') == 0 then return false end
redis.call('EXPIRE', KEYS[1], ARGV[1])
local prompt = tonumber(ARGV[2]) - tonumber(redis.call('HGET', KEYS[1], 'prompt') or '0')
local completion = tonumber(ARGV[3]) - tonumber(redis.call('HGET', KEYS[1], 'completion') or '0')
return {math.max(prompt, 0), math.max(completion, 0)}`;

// Finished steps of a run not billed yet: billed now, unless the run's own final usage already was (it
// includes them) or its model is unknown here (then the run's final usage bills them later).
const CLAIM_STEPS = `
if redis.call('HGET', KEYS[1], 'final') then return false end
local model = redis.call('HGET', KEYS[1], 'model')
if not model then return false end
local prompt, completion = 0, 0
for i = 2, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then
    prompt = prompt + tonumber(ARGV[i * 2 - 2])
    completion = completion + tonumber(ARGV[i * 2 - 1])
  end
end
redis.call('HINCRBY', KEYS[1], 'prompt', prompt)
redis.call('HINCRBY', KEYS[1], 'completion', completion)
redis.call('EXPIRE', KEYS[1], ARGV[1])
return {model, prompt, completion}`;

interface ClaimCommands {
  tollgateClaimRun(...args: (string | number)[]): Promise<[number, number] | null>;
  tollgateClaimSteps(numKeys: number, ...args: (string | number)[]): Promise<[string, number, number] | null>;
}

const runKey = (runId: string) => `tollgate:billed:run:${runId}`;

@Injectable()
export class LateUsageClaims {
  private readonly logger = new Logger(LateUsageClaims.name);
  private readonly redis: Redis;

  constructor(redis: LimitsRedis) {
    this.redis = redis.client;
    if (!('tollgateClaimRun' in this.redis)) {
      this.redis.defineCommand('tollgateClaimRun', { numberOfKeys: 1, lua: CLAIM_RUN });
      this.redis.defineCommand('tollgateClaimSteps', { lua: CLAIM_STEPS });
    }
  }

  // True for the first request that reports this response's (or batch output file's) usage.
  async claim(responseId: string, kind: 'response' | 'file' = 'response'): Promise<boolean> {
    try {
      const set = await this.redis.set(
        `tollgate:billed:${kind}:${responseId}`,
        '1',
        'EX',
        CLAIM_TTL_SECONDS,
        'NX',
      );
      return set === 'OK';
    } catch (error) {
      // Better billed twice than not at all: the event says which response it was.
      this.logger.warn(`cannot check whether ${kind} ${responseId} was billed: ${String(error)}`);
      return true;
    }
  }

  // Remembers a run's model, so its steps can be priced when they are fetched before the run has ended.
  async noteRun(runId: string, model: string): Promise<void> {
    try {
      await this.redis
        .multi()
        .hsetnx(runKey(runId), 'model', model)
        .expire(runKey(runId), CLAIM_TTL_SECONDS)
        .exec();
    } catch (error) {
      this.logger.warn(`cannot remember the model of run ${runId}: ${String(error)}`);
    }
  }

  // The part of a finished run's usage not billed yet (its steps'), the first time it is seen; else null.
  async claimRun(runId: string, used: RunTokens): Promise<RunTokens | null> {
    const command = this.redis as unknown as ClaimCommands;
    try {
      const left = await command.tollgateClaimRun(
        runKey(runId),
        CLAIM_TTL_SECONDS,
        used.promptTokens,
        used.completionTokens,
      );
      return left && { promptTokens: Number(left[0]), completionTokens: Number(left[1]) };
    } catch (error) {
      this.logger.warn(`cannot check whether run ${runId} was billed: ${String(error)}`);
      return used;
    }
  }

  // The finished steps of a run not billed yet, with the run's model; null when the run's final usage
  // bills them instead.
  async claimSteps(
    runId: string,
    steps: readonly ({ id: string } & RunTokens)[],
  ): Promise<({ model: string } & RunTokens) | null> {
    if (steps.length === 0) return null;
    const command = this.redis as unknown as ClaimCommands;
    const keys = [runKey(runId), ...steps.map((s) => `tollgate:billed:step:${s.id}`)];
    const args = steps.flatMap((s) => [s.promptTokens, s.completionTokens]);
    try {
      const claimed = await command.tollgateClaimSteps(keys.length, ...keys, CLAIM_TTL_SECONDS, ...args);
      if (!claimed) return null;
      return {
        model: String(claimed[0]),
        promptTokens: Number(claimed[1]),
        completionTokens: Number(claimed[2]),
      };
    } catch (error) {
      // Left to the run's final usage, which bills whatever its steps did not.
      this.logger.warn(`cannot claim the steps of run ${runId}: ${String(error)}`);
      return null;
    }
  }
}
