import { appendFile, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SpooledRecord {
  topic: string;
  key: string | null;
  // The serialized envelope, or null for a tombstone.
  value: string | null;
}

// An append-only file of records (one JSON line each) that survives restarts. Draining first renames the file
// aside, so records appended meanwhile go to a fresh file and none is lost or sent twice by the rewrite.
export class FileSpool {
  private readonly activePath: string;
  private readonly drainingPath: string;

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {
    this.activePath = join(dir, 'spool.jsonl');
    this.drainingPath = join(dir, 'spool.draining.jsonl');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  // Returns false when the spool is full: the record is refused (and the caller logs it), never silently lost.
  async append(records: readonly SpooledRecord[]): Promise<boolean> {
    const lines = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    if ((await this.size()) + Buffer.byteLength(lines) > this.maxBytes) return false;
    await appendFile(this.activePath, lines, 'utf8');
    return true;
  }

  async size(): Promise<number> {
    return (await sizeOf(this.activePath)) + (await sizeOf(this.drainingPath));
  }

  // Hands the spooled records to `send` in order, `batch` at a time; what `send` did not accept stays spooled.
  async drain(send: (records: SpooledRecord[]) => Promise<void>, batch = 500): Promise<number> {
    if ((await sizeOf(this.drainingPath)) === 0) {
      if ((await sizeOf(this.activePath)) === 0) return 0;
      await rename(this.activePath, this.drainingPath);
    }
    const records = (await readFile(this.drainingPath, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as SpooledRecord);
    let sent = 0;
    try {
      while (sent < records.length) {
        const next = records.slice(sent, sent + batch);
        await send(next);
        sent += next.length;
      }
      await unlink(this.drainingPath);
    } finally {
      if (sent > 0 && sent < records.length) {
        const rest =
          records
            .slice(sent)
            .map((r) => JSON.stringify(r))
            .join('\n') + '\n';
        await writeFile(`${this.drainingPath}.tmp`, rest, 'utf8');
        await rename(`${this.drainingPath}.tmp`, this.drainingPath);
      }
    }
    return sent;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
