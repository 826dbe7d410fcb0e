import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

const bytes = (s: string) => new TextEncoder().encode(s);

describe(SseParser.name, () => {
  it('yields events split across arbitrary chunk boundaries', () => {
    const stream = 'data: {"a":1}\n\nevent: message_stop\ndata: {"b":2}\n\ndata: [DONE]\n\n';
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(bytes(stream.slice(0, cut))), ...parser.push(bytes(stream.slice(cut)))];
      expect(events).toEqual([
        { event: null, data: '{"a":1}' },
        { event: 'message_stop', data: '{"b":2}' },
        { event: null, data: '[DONE]' },
      ]);
    }
  });

  it('joins multi-line data, skips comments, tolerates CRLF', () => {
    const parser = new SseParser();
    expect(parser.push(bytes(': keep-alive\r\n\r\ndata: line1\r\ndata: line2\r\n\r\n'))).toEqual([
      { event: null, data: 'line1\nline2' },
    ]);
  });

  it('keeps a multi-byte character split between chunks intact', () => {
    const parser = new SseParser();
    const encoded = bytes('data: héllo ✓\n\n');
    const split = encoded.indexOf(0xe2) + 1; // inside the 3-byte check mark
    const events = [...parser.push(encoded.slice(0, split)), ...parser.push(encoded.slice(split))];
    expect(events).toEqual([{ event: null, data: 'héllo ✓' }]);
  });
});
