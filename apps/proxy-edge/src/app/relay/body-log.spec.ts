import { describe, expect, it } from 'vitest';
import { BodyLog } from './body-log';

const logged = (contentType: string, chunks: (string | Buffer)[], limit = 1024) => {
  const log = new BodyLog(contentType, limit);
  for (const c of chunks) log.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return log.toLogged();
};

describe(BodyLog.name, () => {
  it('keeps JSON as JSON, text as text and binary as base64, with the content type', () => {
    expect(logged('application/json', ['{"a":', '1}'])).toEqual({
      contentType: 'application/json',
      encoding: 'json',
      body: '{"a":1}',
      truncated: false,
    });
    expect(logged('text/event-stream', ['data: {"x":1}\n\n'])).toMatchObject({
      encoding: 'text',
      body: 'data: {"x":1}\n\n',
    });
    const audio = Buffer.from([0xff, 0xfb, 0x90, 0x00, 0x01]);
    expect(logged('audio/mpeg', [audio])).toEqual({
      contentType: 'audio/mpeg',
      encoding: 'base64',
      body: audio.toString('base64'),
      truncated: false,
    });
  });

  it('cuts at the limit and says so; a cut JSON body is logged as text', () => {
    expect(logged('application/json', ['{"long":"', 'x'.repeat(50), '"}'], 20)).toEqual({
      contentType: 'application/json',
      encoding: 'text',
      body: '{"long":"xxxxxxxxxxx',
      truncated: true,
    });
  });

  it('logs invalid UTF-8 under a text type as base64 rather than corrupting it', () => {
    expect(logged('text/plain', [Buffer.from([0x68, 0xc3])])).toMatchObject({
      encoding: 'base64',
      body: 'aMM=',
    });
  });
});
