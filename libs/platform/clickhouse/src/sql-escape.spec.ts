import { describe, expect, it } from 'vitest';
import {
  identifier,
  inList,
  sql,
  sqlIdentifier,
  sqlLiteral,
  sqlString,
  UnsafeSqlValueError,
} from './sql-escape';

describe('sqlString', () => {
  it.each([
    ['plain', "'plain'"],
    ["o'brien", "'o\\'brien'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\'; DROP TABLE x; --", "'\\\\\\'; DROP TABLE x; --'"],
    ['line\nbreak\ttab\r', "'line\\nbreak\\ttab\\r'"],
    ['nul\0byte', "'nul\\0byte'"],
    ['ünïcødé ✓', "'ünïcødé ✓'"],
  ])('escapes %j', (input, expected) => {
    expect(sqlString(input)).toBe(expected);
  });
});

describe('sqlIdentifier', () => {
  it('quotes plain identifiers', () => {
    expect(sqlIdentifier('request_events')).toBe('`request_events`');
  });
  it.each(['a b', 'x`y', '1abc', '', 'db.table', 'a;drop'])('rejects %j', (name) => {
    expect(() => sqlIdentifier(name)).toThrow(UnsafeSqlValueError);
  });
});

describe('sqlLiteral', () => {
  it('renders numbers, booleans, null, dates and arrays', () => {
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(10n ** 20n)).toBe('100000000000000000000');
    expect(sqlLiteral(true)).toBe('1');
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(new Date('2026-11-24T00:00:00Z'))).toBe('toDateTime(1795478400)');
    expect(sqlLiteral(['a', "b'"])).toBe("['a', 'b\\'']");
  });
  it('refuses non-finite numbers and invalid dates', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(UnsafeSqlValueError);
    expect(() => sqlLiteral(Infinity)).toThrow(UnsafeSqlValueError);
    expect(() => sqlLiteral(new Date('nope'))).toThrow(UnsafeSqlValueError);
  });
});

describe('sql', () => {
  it('escapes every interpolated value and keeps fragments verbatim', () => {
    const keyId = "k'1";
    const query = sql`SELECT count() FROM ${identifier('request_events')} WHERE key_id = ${keyId} AND status IN ${[200, 429]}`;
    expect(query.text).toBe(
      "SELECT count() FROM `request_events` WHERE key_id = 'k\\'1' AND status IN [200, 429]",
    );
  });
});

describe('inList', () => {
  it('renders a parenthesised list of escaped literals and refuses an empty one', () => {
    expect(inList(["a'b", 2]).text).toBe("('a\\'b', 2)");
    expect(() => inList([])).toThrow(UnsafeSqlValueError);
  });
});
