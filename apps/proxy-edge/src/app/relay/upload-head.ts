import type { IncomingMessage } from 'node:http';
import { ClientClosedRequest } from '../request/proxy-error';
import type { BufferLease } from './request-buffers';

export interface UploadHead {
  // The first bytes of the body (all of it when `ended`).
  bytes: Buffer;
  // The body ended within the head; otherwise the head was put back at the front of the request stream, so
  // the upload that follows forwards every byte.
  ended: boolean;
}

// Reads the first `maxBytes` of a request body (counted against the process's buffer budget), leaving the
// request paused with them put back in front of the rest.
export function readUploadHead(
  req: IncomingMessage,
  maxBytes: number,
  lease: BufferLease,
): Promise<UploadHead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.pause();
      req.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
    };
    const onData = (chunk: Buffer) => {
      try {
        lease.take(chunk.length);
      } catch (error) {
        stop();
        reject(error as Error);
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
      if (size < maxBytes) return;
      stop();
      const bytes = Buffer.concat(chunks, size);
      req.unshift(bytes);
      resolve({ bytes, ended: false });
    };
    const onEnd = () => {
      stop();
      resolve({ bytes: Buffer.concat(chunks, size), ended: true });
    };
    const onClose = () => {
      stop();
      reject(new ClientClosedRequest());
    };
    req.on('data', onData).once('end', onEnd).once('close', onClose).once('error', onClose);
  });
}
