import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSpool, type SpooledRecord } from './file-spool';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
// Memory the process holds after a full collection: what a drain keeps alive, not its garbage.
const liveBytes = () => {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

const record = (n: number, pad = 0): SpooledRecord => ({
  topic: 'gateway.request.completed.v1',
  key: `k${n}`,
  value: JSON.stringify({ n, pad: 'x'.repeat(pad) }),
});
const numberOf = (r: SpooledRecord) => (JSON.parse(r.value ?? '{}') as { n: number }).n;

describe(FileSpool.name, () => {
  let dir: string;
  const MiB = 1024 * 1024;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tollgate-file-spool-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('drains a spool as a stream: what it holds does not grow with the file (64 MiB here)', async () => {
    const spool = new FileSpool(dir, 256 * MiB);
    await spool.init();
    const total = 64 * 1024;
    for (let at = 0; at < total; at += 4096)
      expect(await spool.append(Array.from({ length: 4096 }, (_, i) => record(at + i, 1000)))).toBe(true);
    expect(await spool.size()).toBeGreaterThan(64 * MiB);

    const before = liveBytes();
    let peak = 0;
    let delivered = 0;
    let last = -1;
    const sent = await spool.drain({
      send: async (records) => {
        for (const r of records) expect(numberOf(r)).toBe(++last);
        delivered += records.length;
        // Every 8th batch: a full collection each time would make this test slow.
        if (delivered % 4000 === 0) peak = Math.max(peak, liveBytes() - before);
      },
      unreadable: async () => undefined,
    });
    expect({ sent, delivered }).toEqual({ sent: total, delivered: total });
    // A batch of 500 records of 1 KiB and a 64 KiB chunk, not the 64 MiB file and its records.
    expect(peak).toBeLessThan(16 * MiB);
    expect(await spool.size()).toBe(0);
  }, 60_000);

  it('resumes where a stopped drain left off, after a restart too, without sending anything twice', async () => {
    const first = new FileSpool(dir, 10 * MiB);
    await first.init();
    await first.append(Array.from({ length: 1200 }, (_, i) => record(i)));
    const seen: number[] = [];
    let calls = 0;
    const failSecond = async (records: SpooledRecord[]) => {
      if (++calls === 2) throw new Error('bus went away');
      seen.push(...records.map(numberOf));
    };
    await expect(first.drain({ send: failSecond, unreadable: async () => undefined })).rejects.toThrow();
    expect(seen).toHaveLength(500);
    const sizeLeft = await first.size();
    expect(sizeLeft).toBeGreaterThan(0);

    const second = new FileSpool(dir, 10 * MiB);
    await second.init();
    expect(await second.size()).toBe(sizeLeft);
    await second.append([record(1200)]);
    const sent = await second.drain({
      send: async (records) => void seen.push(...records.map(numberOf)),
      unreadable: async () => undefined,
    });
    expect(sent).toBe(700);
    await second.drain({
      send: async (records) => void seen.push(...records.map(numberOf)),
      unreadable: async () => undefined,
    });
    expect(seen).toEqual(Array.from({ length: 1201 }, (_, i) => i));
    expect(await second.size()).toBe(0);
  });

  it('reads a record longer than many read chunks whole', async () => {
    const spool = new FileSpool(dir, 10 * MiB);
    await spool.init();
    const long = record(1, 700 * 1024);
    await spool.append([record(0), long, record(2)]);
    const seen: SpooledRecord[] = [];
    await spool.drain({
      send: async (records) => void seen.push(...records),
      unreadable: async () => undefined,
    });
    expect(seen).toEqual([record(0), long, record(2)]);
  });

  it('hands a damaged line to `unreadable` and delivers the records after it', async () => {
    const spool = new FileSpool(dir, MiB);
    await spool.init();
    await spool.append([record(1)]);
    await appendFile(join(dir, 'spool.jsonl'), '{"topic":"t","key":nu\n', 'utf8');
    await spool.append([record(2)]);
    const seen: number[] = [];
    const unreadable: string[] = [];
    await spool.drain({
      send: async (records) => void seen.push(...records.map(numberOf)),
      unreadable: async (line) => void unreadable.push(line),
    });
    expect(seen).toEqual([1, 2]);
    expect(unreadable).toEqual(['{"topic":"t","key":nu']);
  });

  it('starts a new line after one a crash cut short, so the next record is not glued to it', async () => {
    await writeFile(join(dir, 'spool.jsonl'), JSON.stringify(record(1)) + '\n{"topic":"gateway.req', 'utf8');
    const spool = new FileSpool(dir, MiB);
    await spool.init();
    await spool.append([record(2)]);
    const seen: number[] = [];
    const unreadable: string[] = [];
    await spool.drain({
      send: async (records) => void seen.push(...records.map(numberOf)),
      unreadable: async (line) => void unreadable.push(line),
    });
    expect(seen).toEqual([1, 2]);
    expect(unreadable).toEqual(['{"topic":"gateway.req']);
  });

  it('keeps set-aside records with their reason, within its bound', async () => {
    const spool = new FileSpool(dir, 400);
    await spool.init();
    expect(await spool.setAside(record(1), 'MESSAGE_TOO_LARGE')).toBe(true);
    const [line] = (await readFile(spool.setAsidePath, 'utf8')).trim().split('\n');
    expect(JSON.parse(line ?? '')).toMatchObject({ ...record(1), reason: 'MESSAGE_TOO_LARGE' });
    expect(await spool.setAside(record(2, 400), 'MESSAGE_TOO_LARGE')).toBe(false);
  });
});
