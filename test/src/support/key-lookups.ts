import { expectEventually, withPg } from '@tollgate/testing';

// How many times the keys table has been read by a key lookup: sequential scans of the table plus scans of
// its unique index on the key value (a lookup is one or the other, whatever plan PostgreSQL picks). Nothing
// else reads the table while a test floods the proxy with unknown keys.
async function readCount(databaseUrl: string): Promise<number> {
  return withPg(databaseUrl, async (pg) => {
    const { rows } = await pg.query<{ n: string }>(`
      SELECT (SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'keys')
           + (SELECT coalesce(sum(s.idx_scan), 0) FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
               WHERE s.relname = 'keys' AND i.indisunique AND pg_get_indexdef(i.indexrelid) LIKE '%(key)') AS n`);
    return Number(rows[0]?.n ?? 0);
  });
}

// Each server process reports its statistics about once a second: with `settled`, waits until the count
// has stopped moving.
export async function countKeyLookups(
  databaseUrl: string,
  opts: { settled?: boolean } = {},
): Promise<number> {
  if (!opts.settled) return readCount(databaseUrl);
  let last = -1;
  let stableSince = 0;
  return expectEventually(
    async () => {
      const now = await readCount(databaseUrl);
      if (now !== last) {
        last = now;
        stableSince = performance.now();
      }
      if (performance.now() - stableSince < 3_000) throw new Error(`key lookups still moving: ${now}`);
      return now;
    },
    { timeoutMs: 30_000, intervalMs: 250, what: 'PostgreSQL statistics settled' },
  );
}
