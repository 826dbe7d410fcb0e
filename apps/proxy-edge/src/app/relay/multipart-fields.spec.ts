import { describe, expect, it } from 'vitest';
import { isMultipart, multipartFields } from './multipart-fields';

describe(multipartFields.name, () => {
  it('reads the text fields of a multipart upload head, before and after the file', () => {
    const body =
      '--b\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n' +
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n' +
      'ID3\x00binary\r\n' +
      '--b\r\nContent-Disposition: form-data; name="response_format"\r\n\r\nverbose_json\r\n--b--\r\n';
    expect(multipartFields(Buffer.from(body, 'latin1'))).toMatchObject({
      model: 'whisper-1',
      response_format: 'verbose_json',
    });
  });

  it('keeps the first value of a field and ignores one the head cuts off', () => {
    const head =
      '--b\r\nContent-Disposition: form-data; name="model"\r\n\r\ngpt-image-1\r\n' +
      '--b\r\nContent-Disposition: form-data; name="model"\r\n\r\ndall-e-2\r\n' +
      '--b\r\nContent-Disposition: form-data; name="size"\r\n\r\n1024x';
    expect(multipartFields(Buffer.from(head))).toEqual({ model: 'gpt-image-1' });
  });

  it('knows a multipart content type', () => {
    expect(isMultipart('multipart/form-data; boundary=x')).toBe(true);
    expect(isMultipart('Multipart/Form-Data;boundary=x')).toBe(true);
    expect(isMultipart('application/octet-stream')).toBe(false);
  });
});
