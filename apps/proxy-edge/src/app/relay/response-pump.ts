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
  const pass = async (chunk: Buffer, last = false) => {
    tee.push(chunk);
    const out = strip
      ? last
        ? Buffer.concat([strip.push(chunk), strip.flush()])
        : strip.push(chunk)
      : chunk;
    log?.push(out);
    if (out.length > 0 && !res.write(out)) await once(res, 'drain', { signal: clientGone });
  };
  try {
    for await (const received of body) {
      await pass(guard ? await guard.push(received) : received);
      // Leaving the loop aborts the upstream call: the provider stops generating what no one will pay for.
      if (guard?.cut) break;
    }
    await pass(guard ? guard.flush() : Buffer.alloc(0), true);
  } catch {
    return clientGone.aborted ? 'client_gone' : 'interrupted';
  }
  return guard?.cut ? 'cut' : 'complete';
}
