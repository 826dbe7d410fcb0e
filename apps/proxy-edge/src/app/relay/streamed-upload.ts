import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { BodyRecorder, Upload } from '../request/request-context';
import { MultipartFieldSniffer } from './multipart-fields';
import { BodyLimit } from './request-body';

// A request body that streams through to the upstream (uploads, binary): never buffered, cut at the size
// limit, logged and (for metered uploads) read for its text fields as it passes.
export class StreamedUpload implements Upload {
  private readonly limit: BodyLimit;
  private readonly sniffer: MultipartFieldSniffer | null;

  constructor(
    private readonly req: IncomingMessage,
    maxBytes: number,
    log: BodyRecorder | null,
    readFields: boolean,
  ) {
    this.limit = new BodyLimit(maxBytes, log ? (chunk) => log.push(chunk) : undefined);
    this.sniffer = readFields ? new MultipartFieldSniffer() : null;
  }

  get exceeded(): boolean {
    return this.limit.exceeded;
  }

  get fields(): Record<string, string> | null {
    return this.sniffer?.fields ?? null;
  }

  // Piped only when the upstream call takes it, so the limit's error has a listener at once.
  pipe(): Readable {
    const limited = this.req.pipe(this.limit);
    const sniffer = this.sniffer;
    if (!sniffer) return limited;
    // The limit's 413 must reach the upstream call through the sniffer.
    this.limit.once('error', (error) => sniffer.destroy(error));
    return limited.pipe(sniffer);
  }
}
