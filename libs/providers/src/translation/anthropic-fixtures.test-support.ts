// A realistic Anthropic messages stream (wire-formats §4.4): text with multi-byte characters, two tool_use
// blocks streamed as input_json_delta, a ping, cache-read usage and the cumulative message_delta.
const frame = (type: string, data: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

export const ANTHROPIC_TOOL_STREAM = [
  frame('message_start', {
    message: {
      id: 'msg_01XFD',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude-sonnet-4-6',
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 25,
        cache_creation_input_tokens: 10,
        cache_read_input_tokens: 1800,
        output_tokens: 1,
      },
    },
  }),
  frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  frame('ping', {}),
  frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Je vérifie ' } }),
  frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'la météo 🌤️…' } }),
  frame('content_block_stop', { index: 0 }),
  frame('content_block_start', {
    index: 1,
    content_block: { type: 'tool_use', id: 'toolu_01', name: 'weather', input: {} },
  }),
  frame('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '' } }),
  frame('content_block_delta', {
    index: 1,
    delta: { type: 'input_json_delta', partial_json: '{"city": "Par' },
  }),
  frame('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: 'is"}' } }),
  frame('content_block_stop', { index: 1 }),
  frame('content_block_start', {
    index: 2,
    content_block: { type: 'tool_use', id: 'toolu_02', name: 'weather', input: {} },
  }),
  frame('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '{"city":"Rome"}' },
  }),
  frame('content_block_stop', { index: 2 }),
  frame('message_delta', {
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 42 },
  }),
  frame('message_stop', {}),
].join('');

export const ANTHROPIC_TEXT_STREAM = [
  frame('message_start', {
    message: {
      id: 'msg_02',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude-sonnet-4-6',
      stop_reason: null,
      usage: { input_tokens: 12, output_tokens: 1 },
    },
  }),
  frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
  frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hello' } }),
  frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' there!' } }),
  frame('content_block_stop', { index: 0 }),
  frame('message_delta', {
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 7 },
  }),
  frame('message_stop', {}),
].join('');
