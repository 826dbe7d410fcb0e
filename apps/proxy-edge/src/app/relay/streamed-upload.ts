import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { BodyRecorder, Upload } from '../request/request-context';
import { BodyLimit } from './request-body';
import type { UploadHead } from './upload-head';

// A request body that streams through to the upstream (uploads, binary): never buffered beyond its head,
// cut at the size limit, logged as it passes. A multipart upload's text fields were read from its head
// before the request was authorized.
export class StreamedUpload implements Upload {
  private readonly limit: BodyLimit;

  constructor(
    private readonly req: IncomingMessage,
    maxBytes: number,
    log: BodyRecorder | null,
    private readonly head: UploadHead | null,
    readonly fields: Record<string, string> | null,
  ) {
    this.limit = new BodyLimit(maxBytes, log ? (chunk) => log.push(chunk) : undefined);
  }

  get exceeded(): boolean {
    return this.limit.exceeded;
  }

  // Piped only when the upstream call takes it, so the limit's error has a listener at once.
  pipe(): Readable {
    const source = this.head?.ended ? Readable.from([this.head.bytes]) : this.req;
    return source.pipe(this.limit);
  }
}
