import { describe, expect, it } from 'vitest';
import { UsageChunkStripper } from './usage-chunk-stripper';

const stream =
  'data: {"choices":[{"delta":{"content":"Hi"}}],"usage":null}\n\n' +
  'data: {"choices":[{"delta":{},"finish_reason":"stop"}],"usage":null}\n\n' +
  'data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":1,"total_tokens":8}}\n\n' +
  'data: [DONE]\n\n';
const expected =
  'data: {"choices":[{"delta":{"content":"Hi"}}],"usage":null}\n\n' +
  'data: {"choices":[{"delta":{},"finish_reason":"stop"}],"usage":null}\n\n' +
  'data: [DONE]\n\n';

describe(UsageChunkStripper.name, () => {
  it('drops only the usage chunk, wherever the stream is cut', () => {
    for (const size of [1, 3, 17, 64, 10_000]) {
      const stripper = new UsageChunkStripper();
      let out = '';
      for (let i = 0; i < stream.length; i += size)
        out += stripper.push(Buffer.from(stream.slice(i, i + size))).toString();
      out += stripper.flush().toString();
      expect(out).toBe(expected);
    }
  });

  it('keeps a content chunk that happens to carry usage, and comments', () => {
    const stripper = new UsageChunkStripper();
    const frames =
      ': keep-alive\n\ndata: {"choices":[{"delta":{"content":"x"}}],"usage":{"prompt_tokens":1}}\n\n';
    expect(stripper.push(Buffer.from(frames)).toString()).toBe(frames);
  });
});
