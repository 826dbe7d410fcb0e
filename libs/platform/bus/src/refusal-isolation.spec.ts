import { describe, expect, it } from 'vitest';
import { PartlySentError } from './event-bus.port';
import { sendIsolatingRefused } from './refusal-isolation';

// A receiver that refuses any batch holding a poison item, and can be down.
class Receiver {
  readonly stored: number[] = [];
  sends = 0;
  down = false;

  constructor(private readonly poison: ReadonlySet<number>) {}

  send = async (items: readonly number[]): Promise<void> => {
    this.sends++;
    if (this.down) throw new Error('connect ECONNREFUSED');
    const bad = items.find((i) => this.poison.has(i));
    if (bad !== undefined) throw new RefusedError(`item ${bad} is bad`);
    this.stored.push(...items);
  };
}

class RefusedError extends Error {}
const refusalOf = (error: unknown) => {
  const cause = error instanceof PartlySentError ? error.cause : error;
  return cause instanceof RefusedError ? cause.message : null;
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe(sendIsolatingRefused.name, () => {
  it('sends a batch nothing in it spoils in one go', async () => {
    const receiver = new Receiver(new Set());
    expect(await sendIsolatingRefused(range(100), receiver.send, refusalOf)).toEqual([]);
    expect(receiver.stored).toEqual(range(100));
    expect(receiver.sends).toBe(1);
  });

  it('stores every good item once, in order, and returns each refused one with its reason', async () => {
    const receiver = new Receiver(new Set([0, 37, 38, 99]));
    const refused = await sendIsolatingRefused(range(100), receiver.send, refusalOf);
    expect(refused).toEqual([
      { item: 0, reason: 'item 0 is bad' },
      { item: 37, reason: 'item 37 is bad' },
      { item: 38, reason: 'item 38 is bad' },
      { item: 99, reason: 'item 99 is bad' },
    ]);
    expect(receiver.stored).toEqual(range(100).filter((i) => ![0, 37, 38, 99].includes(i)));
    // About 2·k·log2(n) sends for k refused items among n, not n.
    expect(receiver.sends).toBeLessThanOrEqual(2 * 4 * Math.ceil(Math.log2(100)) + 1);
  });

  it('refuses a lone poison item without retrying it', async () => {
    const receiver = new Receiver(new Set([7]));
    expect(await sendIsolatingRefused([7], receiver.send, refusalOf)).toEqual([
      { item: 7, reason: 'item 7 is bad' },
    ]);
    expect(receiver.sends).toBe(1);
  });

  it('throws when the receiver is down, refusing nothing', async () => {
    const receiver = new Receiver(new Set([3]));
    receiver.down = true;
    await expect(sendIsolatingRefused(range(10), receiver.send, refusalOf)).rejects.toThrow('ECONNREFUSED');
    expect(receiver.sends).toBe(1);
  });

  it('throws when the receiver goes down halfway, so the caller retries the whole batch', async () => {
    const receiver = new Receiver(new Set([1]));
    const send = async (items: readonly number[]) => {
      if (receiver.sends === 2) receiver.down = true;
      await receiver.send(items);
    };
    await expect(sendIsolatingRefused(range(8), send, refusalOf)).rejects.toThrow('ECONNREFUSED');
  });

  it('does not send again what the receiver took before it refused (a batch sent in several requests)', async () => {
    const receiver = new Receiver(new Set([5]));
    // Sends in requests of three: 0-2 go in, then the request holding 5 is refused.
    const inRequestsOfThree = async (items: readonly number[]) => {
      for (let at = 0; at < items.length; at += 3) {
        try {
          await receiver.send(items.slice(at, at + 3));
        } catch (error) {
          throw at > 0 ? new PartlySentError(at, error) : error;
        }
      }
    };
    const refused = await sendIsolatingRefused(range(9), inRequestsOfThree, refusalOf);
    expect(refused).toEqual([{ item: 5, reason: 'item 5 is bad' }]);
    expect(receiver.stored).toEqual([0, 1, 2, 3, 4, 6, 7, 8]);
  });
});
