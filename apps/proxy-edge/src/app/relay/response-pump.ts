import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { BodyRecorder, StreamGuard } from '../request/request-context';
import type { UsageTee } from './usage-tee';

// What reads and rewrites the bytes on their way to the client; each part is optional.
export interface PumpParts {
  // Ends a stream at the key's limits; only what passes it reaches the client (and is billed).
  guard: StreamGuard | null;
  tee: UsageTee;
  // Drops the usage chunk the gateway asked for on the client's behalf.
  strip: { push(chunk: Buffer): Buffer; flush(): Buffer } | null;
  log: BodyRecorder | null;
}

// How the relay ended: the whole body sent, cut at the limits, the client gone, or the upstream broken off.
export type PumpEnd = 'complete' | 'cut' | 'client_gone' | 'interrupted';

// Copies the upstream body to the client with backpressure: reads more only once the client has drained.
export async function pump(
  body: AsyncIterable<Buffer>,
  res: ServerResponse,
  parts: PumpParts,
  clientGone: AbortSignal,
): Promise<PumpEnd> {
  const { guard, tee, strip, log } = parts;
  // Synchronous per chunk (no promise unless the client needs draining): this runs for every frame of every
  // stream.
  const passOn = (chunk: Buffer, last: boolean): Buffer => {
    tee.push(chunk);
    const out = strip
      ? last
        ? Buffer.concat([strip.push(chunk), strip.flush()])
        : strip.push(chunk)
      : chunk;
    log?.push(out);
    return out;
  };
  try {
    for await (const received of body) {
      const out = passOn(guard ? await guard.push(received) : received, false);
      if (out.length > 0 && !res.write(out)) await once(res, 'drain', { signal: clientGone });
      // Leaving the loop aborts the upstream call: the provider stops generating what no one will pay for.
      if (guard?.cut) break;
    }
    const tail = passOn(guard ? guard.flush() : Buffer.alloc(0), true);
    if (tail.length > 0) res.write(tail);
  } catch {
    return clientGone.aborted ? 'client_gone' : 'interrupted';
  }
  return guard?.cut ? 'cut' : 'complete';
}
