// Label values that cannot grow without bound. Every series is a label combination kept in memory for the
// life of the process (and in Prometheus for its retention): a value taken from user input (a path, a model
// name, a key string) would let any client create series until both run out of memory. So a label's values
// come from a fixed or configured set, and everything else is folded into OTHER.
export const OTHER = 'other';
export const NONE = 'none';

// Longest value kept from a configured set: a catalog or route entry is short; anything longer is folded.
const MAX_LABEL_CHARS = 128;

// A label whose values are those of a known set (providers, limit codes, PII actions); others fold to OTHER.
export class AllowedLabel {
  private readonly allowed: ReadonlySet<string>;

  constructor(values: Iterable<string>) {
    this.allowed = new Set(values);
  }

  of(value: string | null | undefined): string {
    return value !== null && value !== undefined && this.allowed.has(value) ? value : OTHER;
  }
}

// A label whose values come from configuration (key ids of keys that exist, catalog entries, route
// templates): already bounded by what an administrator created, and capped here too, so a very large
// configuration still cannot make more than `max` series per label. The first `max` values seen keep their
// own series for the life of the process; later ones fold to OTHER (a restart re-elects them).
export class CappedLabel {
  private readonly seen = new Set<string>();

  constructor(readonly max: number) {}

  of(value: string | null | undefined): string {
    if (value === null || value === undefined || value === '') return NONE;
    if (value.length > MAX_LABEL_CHARS) return OTHER;
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(value);
    return value;
  }
}

// HTTP statuses the gateway and the providers it fronts answer with, kept as codes; any other folds to its
// class ("2xx" ... "5xx"), and a number outside 100-599 to OTHER.
const STATUS_CODES = new Set([
  200, 201, 202, 204, 400, 401, 403, 404, 408, 409, 413, 415, 422, 429, 499, 500, 502, 503, 504, 529,
]);

export function statusLabel(status: number): string {
  if (STATUS_CODES.has(status)) return String(status);
  if (Number.isInteger(status) && status >= 100 && status <= 599) return `${Math.floor(status / 100)}xx`;
  return OTHER;
}
