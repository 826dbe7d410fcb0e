import { z } from 'zod';

// Upper bounds that keep every accepted value storable and queryable (a value past them was a 500).

// ClickHouse DateTime ends in 2106 (unsigned 32-bit seconds).
export const MAX_UNIX_SECONDS = 4_294_967_295;
// PostgreSQL integer columns (an in-flight cap) and sane counts, offsets and limits.
export const MAX_COUNT = 2_147_483_647;
export const MAX_OFFSET = 2_147_483_647;
// Money is stored as integer micro-dollars: a billion dollars keeps it a safe integer.
export const MAX_USD = 1_000_000_000;
// Text PostgreSQL indexes (tags, user ids, names that must be unique): a btree or GIN entry holds at most
// about 2,700 bytes, and 512 characters of UTF-8 fit in 2,048.
export const MAX_INDEXED_TEXT = 512;

export const indexedText = () => z.string().min(1).max(MAX_INDEXED_TEXT);
export const tagsSchema = () => z.array(z.string().min(1, 'empty tag').max(MAX_INDEXED_TEXT));

// A whole number in a query string: digits only (Number() would take '', ' 1' and '0x10').
export const queryInteger = (bounds: { min?: number; max: number }) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(bounds.min ?? 0)
        .max(bounds.max),
    );
