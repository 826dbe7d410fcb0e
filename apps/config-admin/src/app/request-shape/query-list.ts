// A list query parameter as given: comma-separated, repeated (`a=1&a=2`, which arrives as an array), or
// both. Items are trimmed and empty ones dropped; a value that is not text is the query guard's to refuse.
export function queryList(value: unknown): string[] {
  const given = Array.isArray(value) ? value : [value];
  return given
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}
