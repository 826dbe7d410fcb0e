// Request bodies as the official SDKs send them (openai-node, @anthropic-ai/sdk; docs/wire-formats), each
// with the pointers of the strings a model reads. Values are invented.
import type { PromptFormat } from './prompt-format';

export interface PromptBodyCase {
  readonly name: string;
  readonly format: PromptFormat;
  readonly body: unknown;
  // [JSON pointer, decoded text] of every prompt text, in document order.
  readonly texts: readonly (readonly [string, string])[];
}

const CHAT_BODY = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'developer', content: 'You are Acme\'s support agent.\nNever repeat "card numbers".' },
    { role: 'system', content: [{ type: 'text', text: 'Customer tier: gold' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'My email is jane.doe@example.com — Zoë 😀' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
        { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        { type: 'file', file: { file_id: 'file-abc123', filename: 'contract.pdf' } },
      ],
      name: 'jane',
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'lookup_customer', arguments: '{"email":"jane.doe@example.com"}' },
        },
        { id: 'call_2', type: 'custom', custom: { name: 'sql', input: "SELECT * FROM t WHERE name='Jane'" } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'Customer Jane Doe, phone +1 415 555 0132' },
    {
      role: 'tool',
      tool_call_id: 'call_2',
      content: [{ type: 'text', text: 'Order 42 shipped to 1 Main St' }],
    },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Found it.' },
        { type: 'refusal', refusal: 'I cannot share her address.' },
      ],
    },
    { role: 'user', content: '' },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'lookup_customer',
        description: 'Look up a customer by email',
        parameters: { type: 'object', properties: { email: { type: 'string', description: 'an email' } } },
      },
    },
  ],
  response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
  stream: true,
  stream_options: { include_usage: true },
  max_completion_tokens: 256,
  temperature: 0.2,
  user: 'user-123',
  metadata: { ticket: 'T-1' },
};

const ANTHROPIC_BODY = {
  model: 'claude-sonnet-4-6',
  max_tokens: 1024,
  system: [{ type: 'text', text: 'You are a helpful assistant.', cache_control: { type: 'ephemeral' } }],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Here is my SSN 123-45-6789' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        {
          type: 'document',
          source: { type: 'text', media_type: 'text/plain', data: 'Contract for Jane Doe' },
          title: 'contract',
        },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' } },
        {
          type: 'document',
          source: { type: 'content', content: [{ type: 'text', text: 'Annex: 1 Main St' }] },
        },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'I should look up 123-45-6789', signature: 'EqQBCgIYAh==' },
        { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { ssn: '123-45-6789' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Jane Doe, 1 Main St' },
        {
          type: 'tool_result',
          tool_use_id: 'toolu_2',
          content: [
            { type: 'text', text: 'jane@example.com' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        {
          type: 'search_result',
          source: 'https://example.com/kb',
          title: 'KB',
          content: [{ type: 'text', text: 'Call 415-555-0132' }],
        },
      ],
    },
    { role: 'assistant', content: 'Thanks, Jane.' },
  ],
  tools: [{ name: 'lookup', description: 'Look up a person', input_schema: { type: 'object' } }],
  metadata: { user_id: 'u-1' },
  stream: false,
};

const RESPONSES_BODY = {
  model: 'gpt-5.4',
  instructions: 'Answer briefly.',
  input: [
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'My IBAN is GB82WEST12345698765432' },
        { type: 'input_image', image_url: 'data:image/png;base64,iVBO', detail: 'auto' },
        { type: 'input_file', file_id: 'file-1' },
      ],
    },
    {
      type: 'message',
      role: 'assistant',
      id: 'msg_1',
      status: 'completed',
      content: [{ type: 'output_text', text: 'Noted, Jane.', annotations: [] }],
    },
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'The user gave an IBAN' }],
      content: [{ type: 'reasoning_text', text: 'IBAN GB82WEST12345698765432' }],
      encrypted_content: 'gAAAAB',
    },
    {
      type: 'function_call',
      call_id: 'call_1',
      name: 'lookup',
      arguments: '{"iban":"GB82WEST12345698765432"}',
    },
    { type: 'function_call_output', call_id: 'call_1', output: 'Account holder Jane Doe' },
    {
      type: 'function_call_output',
      call_id: 'call_2',
      output: [{ type: 'input_text', text: 'Balance for jane@example.com' }],
    },
    { role: 'user', content: 'And my email is jane@example.com' },
  ],
  tools: [{ type: 'function', name: 'lookup', description: 'Look up', parameters: { type: 'object' } }],
  text: { format: { type: 'text' } },
  store: false,
};

export const PROMPT_BODY_CASES: readonly PromptBodyCase[] = [
  {
    name: 'chat: string and array content, tool calls, tool results as string and array, refusal',
    format: 'chat_completions',
    body: CHAT_BODY,
    texts: [
      ['/messages/0/content', 'You are Acme\'s support agent.\nNever repeat "card numbers".'],
      ['/messages/1/content/0/text', 'Customer tier: gold'],
      ['/messages/2/content/0/text', 'My email is jane.doe@example.com — Zoë 😀'],
      ['/messages/3/tool_calls/0/function/arguments', '{"email":"jane.doe@example.com"}'],
      ['/messages/3/tool_calls/1/custom/input', "SELECT * FROM t WHERE name='Jane'"],
      ['/messages/4/content', 'Customer Jane Doe, phone +1 415 555 0132'],
      ['/messages/5/content/0/text', 'Order 42 shipped to 1 Main St'],
      ['/messages/6/content/0/text', 'Found it.'],
      ['/messages/6/content/1/refusal', 'I cannot share her address.'],
    ],
  },
  {
    name: 'chat: predicted output',
    format: 'chat_completions',
    body: {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Rename the variable' }],
      prediction: { type: 'content', content: [{ type: 'text', text: 'const email = "a@b.co";' }] },
    },
    texts: [
      ['/messages/0/content', 'Rename the variable'],
      ['/prediction/content/0/text', 'const email = "a@b.co";'],
    ],
  },
  {
    name: 'completions: a string prompt and a suffix',
    format: 'completions',
    body: {
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Write to jane@example.com:',
      suffix: '\n-- end',
      max_tokens: 16,
    },
    texts: [
      ['/prompt', 'Write to jane@example.com:'],
      ['/suffix', '\n-- end'],
    ],
  },
  {
    name: 'completions: an array of prompts',
    format: 'completions',
    body: { model: 'davinci-002', prompt: ['Say hi to Jane', 'Translate: bonjour'], n: 2, echo: false },
    texts: [
      ['/prompt/0', 'Say hi to Jane'],
      ['/prompt/1', 'Translate: bonjour'],
    ],
  },
  {
    name: 'completions and embeddings: token ids are not text',
    format: 'completions',
    body: { model: 'davinci-002', prompt: [[1212, 318], [5]], logprobs: null },
    texts: [],
  },
  {
    name: 'embeddings: every element of an array input',
    format: 'embeddings',
    body: {
      model: 'text-embedding-3-small',
      input: ['first doc', 'second doc, call 415-555-0132', 'third'],
      encoding_format: 'float',
      dimensions: 256,
      user: 'u-1',
    },
    texts: [
      ['/input/0', 'first doc'],
      ['/input/1', 'second doc, call 415-555-0132'],
      ['/input/2', 'third'],
    ],
  },
  {
    name: 'embeddings: a string input',
    format: 'embeddings',
    body: { model: 'text-embedding-3-large', input: 'Jane Doe lives at 1 Main St' },
    texts: [['/input', 'Jane Doe lives at 1 Main St']],
  },
  {
    name: 'anthropic: system blocks, text, documents, tool results as string and blocks, search results',
    format: 'anthropic_messages',
    body: ANTHROPIC_BODY,
    texts: [
      ['/system/0/text', 'You are a helpful assistant.'],
      ['/messages/0/content/0/text', 'Here is my SSN 123-45-6789'],
      ['/messages/0/content/2/source/data', 'Contract for Jane Doe'],
      ['/messages/0/content/4/source/content/0/text', 'Annex: 1 Main St'],
      ['/messages/2/content/0/content', 'Jane Doe, 1 Main St'],
      ['/messages/2/content/1/content/0/text', 'jane@example.com'],
      ['/messages/2/content/2/content/0/text', 'Call 415-555-0132'],
      ['/messages/3/content', 'Thanks, Jane.'],
    ],
  },
  {
    name: 'anthropic: system as a string, content as a string',
    format: 'anthropic_messages',
    body: {
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      system: 'Be terse.',
      messages: [{ role: 'user', content: 'I am Jane' }],
    },
    texts: [
      ['/system', 'Be terse.'],
      ['/messages/0/content', 'I am Jane'],
    ],
  },
  {
    name: 'anthropic legacy complete: the prompt',
    format: 'anthropic_complete',
    body: {
      model: 'claude-2.1',
      prompt: '\n\nHuman: My phone is 415-555-0132\n\nAssistant:',
      max_tokens_to_sample: 256,
      stop_sequences: ['\n\nHuman:'],
    },
    texts: [['/prompt', '\n\nHuman: My phone is 415-555-0132\n\nAssistant:']],
  },
  {
    name: 'responses: instructions, input items (input_text, output_text, tool calls and outputs)',
    format: 'responses',
    body: RESPONSES_BODY,
    texts: [
      ['/instructions', 'Answer briefly.'],
      ['/input/0/content/0/text', 'My IBAN is GB82WEST12345698765432'],
      ['/input/1/content/0/text', 'Noted, Jane.'],
      ['/input/3/arguments', '{"iban":"GB82WEST12345698765432"}'],
      ['/input/4/output', 'Account holder Jane Doe'],
      ['/input/5/output/0/text', 'Balance for jane@example.com'],
      ['/input/6/content', 'And my email is jane@example.com'],
    ],
  },
  {
    name: 'responses: a string input and prompt template variables',
    format: 'responses',
    body: {
      model: 'gpt-5-mini',
      input: 'Summarise the ticket of Jane Doe',
      prompt: {
        id: 'pmpt_1',
        variables: { customer: 'Jane Doe', email: { type: 'input_text', text: 'jane@example.com' } },
      },
    },
    texts: [
      ['/input', 'Summarise the ticket of Jane Doe'],
      ['/prompt/variables/customer', 'Jane Doe'],
      ['/prompt/variables/email/text', 'jane@example.com'],
    ],
  },
  {
    name: 'assistants create and update: instructions',
    format: 'assistant',
    body: {
      model: 'gpt-4o',
      name: 'Support',
      description: 'Answers tickets',
      instructions: 'You help Jane Doe (jane@example.com).',
      tools: [{ type: 'code_interpreter' }],
      metadata: { team: 'a' },
    },
    texts: [['/instructions', 'You help Jane Doe (jane@example.com).']],
  },
  {
    name: 'threads create: messages with string and part content',
    format: 'thread',
    body: {
      messages: [
        {
          role: 'user',
          content: 'Hi, I am Jane',
          attachments: [{ file_id: 'file-1', tools: [{ type: 'file_search' }] }],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'My email is jane@example.com' },
            { type: 'image_file', image_file: { file_id: 'file-2' } },
            { type: 'image_url', image_url: { url: 'https://example.com/x.png' } },
          ],
        },
      ],
      metadata: {},
    },
    texts: [
      ['/messages/0/content', 'Hi, I am Jane'],
      ['/messages/1/content/0/text', 'My email is jane@example.com'],
    ],
  },
  {
    name: 'messages create: content parts',
    format: 'thread_message',
    body: {
      role: 'user',
      content: [
        { type: 'text', text: 'Card 4111 1111 1111 1111' },
        { type: 'image_file', image_file: { file_id: 'file-3', detail: 'high' } },
      ],
    },
    texts: [['/content/0/text', 'Card 4111 1111 1111 1111']],
  },
  {
    name: 'runs create: instructions, additional instructions and messages',
    format: 'run',
    body: {
      assistant_id: 'asst_1',
      instructions: 'Override: be brief',
      additional_instructions: 'The user is Jane Doe',
      additional_messages: [{ role: 'user', content: 'SSN 123-45-6789' }],
      tools: [{ type: 'function', function: { name: 'f', description: 'Jane', parameters: {} } }],
      stream: true,
    },
    texts: [
      ['/instructions', 'Override: be brief'],
      ['/additional_instructions', 'The user is Jane Doe'],
      ['/additional_messages/0/content', 'SSN 123-45-6789'],
    ],
  },
  {
    name: 'threads/runs create-and-run: instructions and the thread messages',
    format: 'thread_and_run',
    body: {
      assistant_id: 'asst_1',
      instructions: 'Be brief',
      thread: { messages: [{ role: 'user', content: [{ type: 'text', text: 'I live at 1 Main St' }] }] },
    },
    texts: [
      ['/instructions', 'Be brief'],
      ['/thread/messages/0/content/0/text', 'I live at 1 Main St'],
    ],
  },
  {
    name: 'submit tool outputs: every output',
    format: 'tool_outputs',
    body: { tool_outputs: [{ tool_call_id: 'call_1', output: 'jane@example.com' }], stream: false },
    texts: [['/tool_outputs/0/output', 'jane@example.com']],
  },
];

// Serialisations a client may send: compact, pretty-printed, and with every non-ASCII character escaped
// (\u00e9, surrogate pairs as two escapes), as Python's json.dumps does by default.
export const SERIALISATIONS: readonly (readonly [string, (body: unknown) => string])[] = [
  ['compact', (body) => JSON.stringify(body)],
  ['pretty', (body) => JSON.stringify(body, null, 2)],
  ['ascii-escaped', (body) => escapeNonAscii(JSON.stringify(body, null, 1))],
];

export function escapeNonAscii(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
