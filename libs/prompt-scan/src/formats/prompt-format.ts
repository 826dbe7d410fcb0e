// Where each kind of request carries text a model reads, as selectors (./selector.ts). What is left out on
// purpose: images, audio and files (base64 or ids), tool and function definitions, JSON schemas, model
// names and numbers, and Anthropic thinking blocks (signed by the provider: a changed byte is refused).
import { DEEP, EACH, hasMember, type Selector, type SelectorStep, typeIs } from './selector';

export const PROMPT_FORMATS = [
  'chat_completions',
  'completions',
  'embeddings',
  'anthropic_messages',
  'anthropic_complete',
  'responses',
  'assistant',
  'thread',
  'thread_message',
  'run',
  'thread_and_run',
  'tool_outputs',
  // A JSON body whose shape the gateway does not know (custom providers, image and speech prompts): every
  // string value in it is scanned.
  'any_json',
] as const;
export type PromptFormat = (typeof PROMPT_FORMATS)[number];

type Path = readonly SelectorStep[];

// A string, or an array of parts whose text is in `text` (OpenAI's text parts, Anthropic's text blocks,
// Responses' input_text and output_text).
const textOrParts = (...at: Path): Selector[] => [[...at], [...at, EACH, 'text']];

// Chat messages as OpenAI's chat completions take them (also Azure, vLLM and DeepInfra).
const chatMessage = (...message: Path): Selector[] => [
  ...textOrParts(...message, 'content'),
  [...message, 'content', EACH, 'refusal'],
  [...message, 'tool_calls', EACH, 'function', 'arguments'],
  [...message, 'tool_calls', EACH, 'custom', 'input'],
  [...message, 'function_call', 'arguments'],
];

// Assistants API messages (threads, messages, runs): text content or text parts beside image parts.
const assistantsMessages = (...messages: Path): Selector[] => textOrParts(...messages, EACH, 'content');

const anthropicBlocks = (...content: Path): Selector[] => [
  ...textOrParts(...content),
  ...textOrParts(...content, EACH, typeIs('tool_result'), 'content'),
  [...content, EACH, typeIs('search_result'), 'content', EACH, 'text'],
  [...content, EACH, typeIs('document'), 'source', typeIs('text'), 'data'],
  ...textOrParts(...content, EACH, typeIs('document'), 'source', typeIs('content'), 'content'),
];

// Responses input items: messages (they have a role; reasoning items, which also hold content, do not),
// tool calls made by the model, and the outputs of tools.
const responsesItems = (...items: Path): Selector[] => [
  ...textOrParts(...items, EACH, hasMember('role'), 'content'),
  [...items, EACH, hasMember('role'), 'content', EACH, 'refusal'],
  [...items, EACH, typeIs('function_call'), 'arguments'],
  [...items, EACH, typeIs('custom_tool_call'), 'input'],
  ...textOrParts(...items, EACH, typeIs('function_call_output', 'custom_tool_call_output'), 'output'),
];

export const PROMPT_SELECTORS: Readonly<Record<PromptFormat, readonly Selector[]>> = {
  chat_completions: [...chatMessage('messages', EACH), ...textOrParts('prediction', 'content')],
  // `prompt` is a string, an array of strings, or token ids (numbers, not scanned).
  completions: [['prompt'], ['prompt', EACH], ['suffix']],
  embeddings: [['input'], ['input', EACH]],
  anthropic_messages: [...textOrParts('system'), ...anthropicBlocks('messages', EACH, 'content')],
  anthropic_complete: [['prompt']],
  responses: [
    ['instructions'],
    ['input'],
    ...responsesItems('input'),
    // A prompt template's variables: strings or input_text parts.
    ['prompt', 'variables', EACH],
    ['prompt', 'variables', EACH, 'text'],
  ],
  assistant: [['instructions']],
  thread: assistantsMessages('messages'),
  thread_message: textOrParts('content'),
  run: [['instructions'], ['additional_instructions'], ...assistantsMessages('additional_messages')],
  thread_and_run: [['instructions'], ...assistantsMessages('thread', 'messages')],
  tool_outputs: [['tool_outputs', EACH, 'output']],
  any_json: [[DEEP]],
};
