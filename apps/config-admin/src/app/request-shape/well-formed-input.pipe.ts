import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { invalidFields } from '../validation';

// Deeper than any request the API documents; a deeper one is refused before anything recurses into it.
const MAX_DEPTH = 32;

// Every string of a body, query string or path parameter, keys included, must be well-formed: PostgreSQL
// refuses NUL characters (a 500 otherwise) and would store an unpaired surrogate as U+FFFD, silently
// changing the value. Refused with a 400 naming the fields, before any validation or query runs.
@Injectable()
export class WellFormedInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const root = metadata.data ?? '';
    const problems = malformedStrings(value, root);
    if (problems.length > 0) throw invalidFields('invalid characters', problems);
    return value;
  }
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: the
// pattern must see the halves).
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const malformed = (text: string) => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);

// `field: reason` for each malformed string (or too deep a value), walking without recursion.
export function malformedStrings(value: unknown, root: string): string[] {
  const problems: string[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  const name = (path: string) => path || 'body';
  while (pending.length > 0 && problems.length < 20) {
    const { value: item, path, depth } = pending.pop() as (typeof pending)[number];
    if (typeof item === 'string') {
      if (malformed(item)) problems.push(`${name(path)}: contains a NUL character or an unpaired surrogate`);
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      problems.push(`${name(path)}: nested more than ${MAX_DEPTH} levels deep`);
      continue;
    }
    for (const [key, child] of Object.entries(item)) {
      const bad = malformed(key);
      if (bad) problems.push(`${name(path)}: a key contains a NUL character or an unpaired surrogate`);
      const shown = bad ? '?' : key;
      pending.push({ value: child, path: path ? `${path}.${shown}` : shown, depth: depth + 1 });
    }
  }
  return problems;
}
