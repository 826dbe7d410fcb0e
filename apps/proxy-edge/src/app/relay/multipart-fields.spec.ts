import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { MultipartFieldSniffer } from './multipart-fields';

describe(MultipartFieldSniffer.name, () => {
  it('reads the text fields of a multipart upload and passes every byte through', async () => {
    const body =
      '--b\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n' +
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n' +
      'ID3\x00binary\r\n' +
      '--b\r\nContent-Disposition: form-data; name="response_format"\r\n\r\nverbose_json\r\n--b--\r\n';
    const sniffer = new MultipartFieldSniffer();
    // Split inside a field, as TCP reads do.
    const out = await text(
      Readable.from([Buffer.from(body.slice(0, 40), 'latin1'), Buffer.from(body.slice(40), 'latin1')]).pipe(
        sniffer,
      ),
    );
    expect(out).toBe(body);
    expect(sniffer.fields).toMatchObject({ model: 'whisper-1', response_format: 'verbose_json' });
  });
});
