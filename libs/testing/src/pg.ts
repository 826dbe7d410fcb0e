import { Client } from 'pg';

// Runs `work` on a fresh connection, always closing it.
export async function withPg<T>(url: string, work: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}
