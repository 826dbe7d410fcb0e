// Strings from clients (a JSON body's `\ud800`, a header's NUL) reach events, PostgreSQL and ClickHouse. A lone
// surrogate has no UTF-8 form (ClickHouse refuses `\ud800` in JSON and stores `\udc00` as invalid UTF-8) and
// PostgreSQL refuses NUL in text: both become U+FFFD, the replacement character, so nothing downstream breaks.
const ILL_FORMED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\0/;
const ILL_FORMED_ALL = new RegExp(ILL_FORMED.source, 'g');

export const REPLACEMENT_CHARACTER = '\uFFFD';

export function isWellFormedText(text: string): boolean {
  return !ILL_FORMED.test(text);
}

// The same string when it is already well-formed (the common case allocates nothing).
export function toWellFormedText(text: string): string {
  return isWellFormedText(text) ? text : text.replace(ILL_FORMED_ALL, REPLACEMENT_CHARACTER);
}

// Every string in a JSON-like value, object keys included; other values are kept. Returns the same object
// when nothing needed a change.
export function toWellFormedDeep<T>(value: T): T {
  return wellFormedValue(value) as T;
}

function wellFormedValue(value: unknown): unknown {
  if (typeof value === 'string') return toWellFormedText(value);
  if (Array.isArray(value)) {
    const items = value.map(wellFormedValue);
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const entry = [toWellFormedText(key), wellFormedValue(item)] as const;
      changed ||= entry[0] !== key || entry[1] !== item;
      return entry;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}
