import { Transform, type TransformCallback } from 'node:stream';

// How much of a multipart body is searched for its small text fields (they come before the file in every
// official SDK's uploads; a field after a large file is not seen).
const SCAN_BYTES = 64 * 1024;
const FIELD =
  /content-disposition:\s*form-data;\s*name="([^"]+)"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r]{0,256})\r\n--/gi;

// Passes a multipart upload through untouched while reading its text fields (model, size, quality, n):
// what metering needs of an image edit or a transcription.
export class MultipartFieldSniffer extends Transform {
  private seen = '';
  readonly fields: Record<string, string> = {};

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.seen.length < SCAN_BYTES) {
      this.seen += chunk.subarray(0, SCAN_BYTES - this.seen.length).toString('latin1');
      for (const match of this.seen.matchAll(FIELD)) {
        const [, name, value] = match;
        if (name && value !== undefined && !(name in this.fields)) this.fields[name] = value;
      }
    }
    done(null, chunk);
  }
}
