import { sentBefore } from './event-bus.port';

export interface Refused<T> {
  item: T;
  reason: string;
}

// Why a store or broker refused what it was sent, when the refusal is about the data (sending the same items
// again will fail again); null when it is about the store itself (down, overloaded: retry later).
export type RefusalOf = (error: unknown) => string | null;

// Sends `items`, and when the receiver refuses them for their data, halves the batch until every refused item
// stands alone: the others are sent, in order, and the refused ones returned with the reason. An error that is
// not a refusal (the receiver is down) is thrown at once, whatever was sent before it: the caller retries the
// batch, so receivers must be idempotent. A PartlySentError says how many leading items were taken. k refused items among n cost about 2·k·log2(n) extra sends.
export async function sendIsolatingRefused<T>(
  items: readonly T[],
  send: (items: readonly T[]) => Promise<void>,
  refusalOf: RefusalOf,
): Promise<Refused<T>[]> {
  if (items.length === 0) return [];
  try {
    await send(items);
    return [];
  } catch (error) {
    const reason = refusalOf(error);
    if (reason === null) throw error;
    // What the receiver took before it refused is not sent again.
    const sent = sentBefore(error);
    if (sent > 0) return sendIsolatingRefused(items.slice(sent), send, refusalOf);
    const [only] = items;
    if (items.length === 1 && only !== undefined) return [{ item: only, reason }];
    const half = Math.ceil(items.length / 2);
    const left = await sendIsolatingRefused(items.slice(0, half), send, refusalOf);
    const right = await sendIsolatingRefused(items.slice(half), send, refusalOf);
    return [...left, ...right];
  }
}
