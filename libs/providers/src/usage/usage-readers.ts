import type { UsageFormat, UsageReader } from '../provider-adapter';
import { anthropicUsageReader } from './anthropic-usage';
import { openAiUsageReader, responsesUsageReader } from './openai-usage';

const noUsage: UsageReader = {
  fromJson: () => null,
  streamCollector: () => ({ push: () => undefined, usage: () => null }),
};

export const USAGE_READERS: Record<UsageFormat, UsageReader> = {
  openai: openAiUsageReader,
  responses: responsesUsageReader,
  anthropic: anthropicUsageReader,
  none: noUsage,
};
