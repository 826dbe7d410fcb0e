// Edits one top-level field of a JSON object in place: every other byte of the original body is kept, so
// fields the gateway does not know (and their formatting) reach the provider untouched.

interface Span {
  keyStart: number;
  start: number;
  end: number;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

function skipSpace(text: string, i: number): number {
  while (isSpace(text[i])) i++;
  return i;
}

function skipString(text: string, i: number): number {
  // text[i] is the opening quote.
  for (i++; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  throw new SyntaxError('unterminated string');
}

function skipValue(text: string, i: number): number {
  if (text[i] === '"') return skipString(text, i);
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        i = skipString(text, i) - 1;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new SyntaxError('unterminated value');
  }
  while (i < text.length && !/[,}\]\s]/.test(text[i] ?? '')) i++;
  return i;
}

// Where each top-level key's value sits in the text.
function topLevelValues(text: string): { open: number; values: Map<string, Span> } {
  const values = new Map<string, Span>();
  const open = skipSpace(text, 0);
  if (text[open] !== '{') throw new SyntaxError('not a JSON object');
  let i = skipSpace(text, open + 1);
  if (text[i] === '}') return { open, values };
  for (;;) {
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') throw new SyntaxError('expected :');
    const start = skipSpace(text, i + 1);
    const end = skipValue(text, start);
    values.set(key, { keyStart, start, end });
    i = skipSpace(text, end);
    if (text[i] === '}') return { open, values };
    if (text[i] !== ',') throw new SyntaxError('expected , or }');
    i = skipSpace(text, i + 1);
  }
}

// Sets `key` to the JSON text `valueJson`: replaces the value's bytes if the key exists, else inserts the
// pair right after the opening brace.
export function setTopLevelField(body: Buffer, key: string, valueJson: string): Buffer {
  const text = body.toString('utf8');
  const { open, values } = topLevelValues(text);
  const span = values.get(key);
  if (span) return Buffer.from(text.slice(0, span.start) + valueJson + text.slice(span.end), 'utf8');
  const separator = values.size > 0 ? ',' : '';
  return Buffer.from(
    `${text.slice(0, open + 1)}${JSON.stringify(key)}:${valueJson}${separator}${text.slice(open + 1)}`,
    'utf8',
  );
}

// Removes `key` and its value (and the comma that separated it); a body without the key is returned as is.
export function removeTopLevelField(body: Buffer, key: string): Buffer {
  const text = body.toString('utf8');
  const span = topLevelValues(text).values.get(key);
  if (!span) return body;
  let from = span.keyStart;
  let to = skipSpace(text, span.end);
  if (text[to] === ',') to = skipSpace(text, to + 1);
  else {
    // The last pair: the comma before it goes.
    let back = from - 1;
    while (isSpace(text[back])) back--;
    if (text[back] === ',') from = back;
  }
  return Buffer.from(text.slice(0, from) + text.slice(to), 'utf8');
}
