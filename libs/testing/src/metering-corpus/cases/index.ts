import type { MeteringCase } from '../metering-case';
import { ANTHROPIC_CASES } from './anthropic';
import { AZURE_CASES } from './azure';
import { BATCH_CASES } from './batch';
import { DEEPINFRA_VLLM_CASES } from './deepinfra-vllm';
import { EMBEDDINGS_CASES } from './embeddings';
import { IMAGES_AUDIO_CASES } from './images-audio';
import { OPENAI_CHAT_CASES } from './openai-chat';
import { OPENAI_STREAM_CASES } from './openai-stream';
import { RESPONSES_CASES } from './responses';

// Every recorded pair; each file holds one family.
export const METERING_CORPUS: MeteringCase[] = [
  ...OPENAI_CHAT_CASES,
  ...OPENAI_STREAM_CASES,
  ...RESPONSES_CASES,
  ...ANTHROPIC_CASES,
  ...AZURE_CASES,
  ...DEEPINFRA_VLLM_CASES,
  ...EMBEDDINGS_CASES,
  ...IMAGES_AUDIO_CASES,
  ...BATCH_CASES,
];
