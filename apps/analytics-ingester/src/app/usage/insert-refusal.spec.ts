import { describe, expect, it } from 'vitest';
import { clickHouseRefusalOf } from './insert-refusal';

// Errors as @clickhouse/client throws them: 18.16's messages unparsed, a current server's with `code`.
const fromServer18 = (code: number, text: string) =>
  new Error(`Code: ${code}, e.displayText() = DB::Exception: ${text}, e.what() = DB::Exception\n`);
const fromCurrentServer = (code: string, text: string) => Object.assign(new Error(text), { code, type: 'X' });
const network = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8123`), { code });

describe(clickHouseRefusalOf.name, () => {
  it.each([
    [
      'a lone surrogate (18.16)',
      fromServer18(25, 'Cannot parse escape sequence: missing second part of surrogate pair'),
    ],
    ['a value too long for its column (18.16)', fromServer18(131, 'Too large value for FixedString(8)')],
    ['a number that does not parse (18.16)', fromServer18(72, "Unsigned type must not contain '-' symbol")],
    ['a value out of its type (current server)', fromCurrentServer('321', 'Value is out of range')],
    ['an unknown enum element (current server)', fromCurrentServer('691', "Unknown element 'PURGE'")],
  ])('is a refusal of the rows for %s', (_what, error) => {
    expect(clickHouseRefusalOf(error)).toMatch(/^ClickHouse refused the row \([A-Z_]+\): /);
  });

  it.each([
    ['ClickHouse unreachable', network('ECONNREFUSED')],
    ['a connection reset', network('ECONNRESET')],
    ['a client timeout', new Error('Timeout error.')],
    ['a missing table', fromServer18(60, "Table tollgate.request_events doesn't exist.")],
    ['memory', fromServer18(241, 'Memory limit (for query) exceeded')],
    ['too many parts', fromCurrentServer('252', 'Too many parts (300)')],
    ['a wrong password', fromCurrentServer('516', 'Authentication failed')],
    ['something that is not an error', 'boom'],
  ])('is not a refusal (retry the batch) for %s', (_what, error) => {
    expect(clickHouseRefusalOf(error)).toBeNull();
  });
});
