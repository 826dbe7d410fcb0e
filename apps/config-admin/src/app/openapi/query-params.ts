// The query parameters an endpoint takes, as they travel (strings) and as the document describes them.
// Lists are comma-separated (or repeated); the endpoint trims each item and drops empty ones.
export interface QueryParam {
  name: string;
  schema: Record<string, unknown>;
  required?: boolean;
  description?: string;
}

// What String.prototype.trim removes: a list item made only of these (and commas) is empty.
const JS_WHITESPACE =
  '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
// Holds at least one item once split on commas and trimmed.
const NON_EMPTY_LIST = `[^,${JS_WHITESPACE}]`;

export const text = (name: string, required = false): QueryParam => ({
  name,
  required,
  schema: { type: 'string', minLength: 1 },
});

export const list = (name: string, required = false): QueryParam => ({
  name,
  required,
  schema: { type: 'string', ...(required ? { pattern: NON_EMPTY_LIST } : {}) },
  description: 'comma-separated (or repeated)',
});

// A list whose items are each one of `values` (empty items dropped, as the endpoint does).
export const listOf = (name: string, values: readonly string[]): QueryParam => {
  const item = `(?:${values.join('|')})`;
  const separator = `[${JS_WHITESPACE}]*,[,${JS_WHITESPACE}]*`;
  return {
    name,
    schema: {
      type: 'string',
      pattern: `^[,${JS_WHITESPACE}]*(?:${item}(?:${separator}${item})*)?[,${JS_WHITESPACE}]*$`,
    },
    description: `comma-separated (or repeated): ${values.join(', ')}`,
  };
};

export const integer = (name: string, bounds: { min?: number; max?: number }, required = false) => ({
  name,
  required,
  schema: { type: 'integer', minimum: bounds.min ?? 0, ...(bounds.max ? { maximum: bounds.max } : {}) },
});

export const oneOf = (name: string, values: string[]): QueryParam => ({
  name,
  schema: { type: 'string', enum: values },
});
