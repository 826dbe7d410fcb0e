import type { UsageFormat, UsageReader } from '../provider-adapter';
import { anthropicLegacyUsageReader, anthropicUsageReader } from './anthropic-usage';
import { assistantsUsageReader } from './assistants-usage';
import { bedrockUsageReader } from '../bedrock/bedrock-usage';
import { openAiUsageReader, responsesUsageReader } from './openai-usage';

const noUsage: UsageReader = {
  fromJson: () => null,
  textFromJson: () => '',
  streamCollector: () => ({ push: () => undefined, usage: () => null, text: () => '' }),
};

export const USAGE_READERS: Record<Exclude<UsageFormat, 'custom'>, UsageReader> = {
  openai: openAiUsageReader,
  responses: responsesUsageReader,
  anthropic: anthropicUsageReader,
  anthropic_legacy: anthropicLegacyUsageReader,
  assistants: assistantsUsageReader,
  bedrock: bedrockUsageReader,
  none: noUsage,
};
