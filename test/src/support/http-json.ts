// One HTTP call with a JSON body (or none), its answer parsed when it is JSON: the compatibility suite checks
// status codes, headers and shapes, so nothing here throws on a non-2xx.
export interface JsonAnswer {
  status: number;
  headers: Headers;
  // Shapes are checked field by field; `any` keeps those assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function callJson(
  url: string,
  method: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonAnswer> {
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : '';
  } catch {
    // Not JSON: kept as text.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

// Every documented field is present (extra fields of ours may follow).
export function fieldsOf(value: unknown): string[] {
  return value && typeof value === 'object' ? Object.keys(value) : [];
}
