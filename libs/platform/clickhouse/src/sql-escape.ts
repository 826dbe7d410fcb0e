// The one escaping helper for ClickHouse SQL. ClickHouse 18.16 has no server-side query parameters,
// so every user-supplied value becomes a literal through these functions and nowhere else.

export class UnsafeSqlValueError extends Error {}

const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
};

export function sqlString(value: string): string {
  return `'${value.replace(/[\\'\n\r\t\0\b\f]/g, (c) => STRING_ESCAPES[c] ?? c)}'`;
}

export function sqlIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UnsafeSqlValueError(`invalid identifier: ${name}`);
  return `\`${name}\``;
}

export function sqlNumber(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isFinite(value)) throw new UnsafeSqlValueError(`not a finite number: ${value}`);
  return String(value);
}

export type SqlValue = string | number | bigint | boolean | Date | null | readonly SqlValue[] | SqlFragment;

// Already-safe SQL (built by this module), inserted verbatim by the `sql` tag.
export class SqlFragment {
  constructor(readonly text: string) {}
}

export function sqlLiteral(value: SqlValue): string {
  if (value instanceof SqlFragment) return value.text;
  if (value === null) return 'NULL';
  if (typeof value === 'string') return sqlString(value);
  if (typeof value === 'number' || typeof value === 'bigint') return sqlNumber(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) {
    const seconds = Math.floor(value.getTime() / 1000);
    if (!Number.isFinite(seconds)) throw new UnsafeSqlValueError('invalid date');
    return `toDateTime(${seconds})`;
  }
  return `[${value.map(sqlLiteral).join(', ')}]`;
}

export function identifier(name: string): SqlFragment {
  return new SqlFragment(sqlIdentifier(name));
}

export function raw(text: string): SqlFragment {
  return new SqlFragment(text);
}

// sql`SELECT * FROM t WHERE key_id = ${keyId}`: every interpolation is escaped as a literal.
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlFragment {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += sqlLiteral(value) + (strings[i + 1] ?? '');
  });
  return new SqlFragment(text);
}

// `x IN ${inList(values)}`: a parenthesised list of escaped literals (18.16 does not take an array after IN).
export function inList(values: readonly SqlValue[]): SqlFragment {
  if (values.length === 0) throw new UnsafeSqlValueError('IN needs at least one value');
  return new SqlFragment(`(${values.map(sqlLiteral).join(', ')})`);
}
