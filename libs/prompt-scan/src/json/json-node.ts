// A JSON document as a tree that remembers where each string lies in the raw bytes, so a prompt text can be
// read decoded and rewritten in place.

export interface JsonStringNode {
  readonly kind: 'string';
  readonly value: string;
  // Raw byte offsets of the string's content: `start` is the byte after the opening quote, `end` the byte of
  // the closing quote.
  readonly start: number;
  readonly end: number;
}

export interface JsonMember {
  readonly key: string;
  readonly value: JsonNode;
}

export interface JsonObjectNode {
  readonly kind: 'object';
  // In document order, duplicates kept: parsers disagree on which duplicate wins, so every one is scanned.
  readonly members: readonly JsonMember[];
}

export interface JsonArrayNode {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
}

// Numbers, true, false and null: never prompt text.
export interface JsonScalarNode {
  readonly kind: 'scalar';
}

export type JsonNode = JsonStringNode | JsonObjectNode | JsonArrayNode | JsonScalarNode;
