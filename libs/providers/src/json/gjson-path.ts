// The subset of gjson paths BricksLLM's custom providers use: dotted keys, numeric indexes, and `#` to map
// over an array (`messages.#.content`, `choices.0.message.content`).
export function gjsonGet(value: unknown, path: string): unknown {
  return walk(value, path ? path.split('.') : []);
}

function walk(value: unknown, parts: string[]): unknown {
  if (parts.length === 0) return value;
  const [head, ...rest] = parts as [string, ...string[]];
  if (head === '#') return Array.isArray(value) ? value.map((item) => walk(item, rest)) : undefined;
  if (Array.isArray(value)) return /^\d+$/.test(head) ? walk(value[Number(head)], rest) : undefined;
  if (value && typeof value === 'object') return walk((value as Record<string, unknown>)[head], rest);
  return undefined;
}

// The strings found at a path, concatenated (arrays of strings are joined, as BricksLLM does).
export function gjsonText(value: unknown, path: string): string {
  const found = gjsonGet(value, path);
  const flat = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(flat) : [];
  return flat(found).join('');
}
