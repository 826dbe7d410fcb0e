import { appendFile, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawRecord } from './event-bus.port';
import { readLines } from './spool-lines';

export type SpooledRecord = RawRecord;

export interface DrainHandlers {
  // Delivers records in order; throws to stop the drain (what it did not accept stays spooled).
  send(records: SpooledRecord[]): Promise<void>;
  // A line that is not a record (a write cut short by a crash): set aside, never blocking the ones after it.
  unreadable(line: string): Promise<void>;
}

// An append-only file of records (one JSON line each) that survives restarts. Draining first renames the file
// aside, so records appended meanwhile go to a fresh file; it is then read as a stream, and a cursor file
// remembers how far delivery got, so a drain that stops resumes there (after a restart too) without reading
// or rewriting what was delivered. Records a drain could not deliver at all are kept in a file of their own.
export class FileSpool {
  private readonly activePath: string;
  private readonly drainingPath: string;
  private readonly cursorPath: string;
  readonly setAsidePath: string;
  // Bytes of the draining file already delivered.
  private cursor = 0;

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {
    this.activePath = join(dir, 'spool.jsonl');
    this.drainingPath = join(dir, 'spool.draining.jsonl');
    this.cursorPath = join(dir, 'spool.draining.cursor');
    this.setAsidePath = join(dir, 'dead-letters.jsonl');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.cursor = Number(await readFile(this.cursorPath, 'utf8').catch(() => '0')) || 0;
    await endWithNewline(this.activePath);
  }

  // Returns false when the spool is full: the record is refused (and the caller logs it), never silently lost.
  async append(records: readonly SpooledRecord[]): Promise<boolean> {
    const lines = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    if ((await this.size()) + Buffer.byteLength(lines) > this.maxBytes) return false;
    await appendFile(this.activePath, lines, 'utf8');
    return true;
  }

  // Bytes still to deliver.
  async size(): Promise<number> {
    return (await sizeOf(this.activePath)) + Math.max(0, (await sizeOf(this.drainingPath)) - this.cursor);
  }

  // Hands the spooled records to `send` in order, `batch` at a time; returns how many it delivered.
  async drain(handlers: DrainHandlers, batch = 500): Promise<number> {
    if ((await sizeOf(this.drainingPath)) === 0) {
      if ((await sizeOf(this.activePath)) === 0) return 0;
      await this.saveCursor(0);
      await rename(this.activePath, this.drainingPath);
    }
    let sent = 0;
    let pending: SpooledRecord[] = [];
    let pendingEnd = this.cursor;
    const flush = async () => {
      if (pending.length > 0) await handlers.send(pending);
      sent += pending.length;
      pending = [];
      await this.saveCursor(pendingEnd);
    };
    for await (const line of readLines(this.drainingPath, this.cursor)) {
      const record = parseRecord(line.text);
      if (record) pending.push(record);
      else if (line.text.trim() !== '') await handlers.unreadable(line.text);
      pendingEnd = line.end;
      if (pending.length >= batch) await flush();
    }
    await flush();
    await unlink(this.drainingPath);
    await this.saveCursor(0);
    return sent;
  }

  // Keeps a record no bus would take, with the reason, within the spool's bound; false when that is full.
  async setAside(record: SpooledRecord | { unreadable: string }, reason: string): Promise<boolean> {
    const line = JSON.stringify({ ...record, reason, at: new Date().toISOString() }) + '\n';
    if ((await sizeOf(this.setAsidePath)) + Buffer.byteLength(line) > this.maxBytes) return false;
    await appendFile(this.setAsidePath, line, 'utf8');
    return true;
  }

  private async saveCursor(offset: number): Promise<void> {
    if (offset === this.cursor && offset !== 0) return;
    await writeFile(`${this.cursorPath}.tmp`, String(offset), 'utf8');
    await rename(`${this.cursorPath}.tmp`, this.cursorPath);
    this.cursor = offset;
  }
}

function parseRecord(line: string): SpooledRecord | null {
  try {
    const value = JSON.parse(line) as Partial<SpooledRecord> | null;
    return value && typeof value.topic === 'string' ? (value as SpooledRecord) : null;
  } catch {
    return null;
  }
}

// A crash in the middle of an append leaves a line without its newline: close it, so the next record starts
// a line of its own (the broken one is set aside when drained) instead of being glued to it.
async function endWithNewline(path: string): Promise<void> {
  const size = await sizeOf(path);
  if (size === 0) return;
  const file = await open(path, 'r');
  try {
    const last = Buffer.alloc(1);
    await file.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) await appendFile(path, '\n', 'utf8');
  } finally {
    await file.close();
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
