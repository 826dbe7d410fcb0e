// A strict JSON parser (RFC 8259) over the raw bytes of a request body that keeps the byte position of every
// string. Strict on purpose: a body this parser accepts is one the provider parses the same way, so what the
// gateway scans is what the model reads.
import { isUtf8 } from 'node:buffer';
import { PromptTextException } from '../prompt-text.exception';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DOT,
  isDigit,
  isHexDigit,
  isWhitespace,
  LOWER_E,
  LOWER_U,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  QUOTE,
  UPPER_E,
  ZERO,
} from './json-bytes';
import type { JsonArrayNode, JsonMember, JsonNode, JsonObjectNode, JsonStringNode } from './json-node';

// Deeper documents are refused rather than risking the stack; no provider body nests anywhere near this.
export const MAX_JSON_DEPTH = 256;

const SIMPLE_ESCAPE_BYTES = new Set([...'"\\/bfnrt'].map((c) => c.charCodeAt(0)));
const LITERALS = ['true', 'false', 'null'].map((word) => Buffer.from(word));

export function parseLocatedJson(raw: Uint8Array): JsonNode {
  if (!isUtf8(raw)) throw new PromptTextException('invalid-utf8', 'body is not valid UTF-8');
  return new LocatedJsonParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)).parseDocument();
}

class LocatedJsonParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly raw: Buffer) {}

  parseDocument(): JsonNode {
    const node = this.parseValue();
    this.skipWhitespace();
    if (this.pos !== this.raw.length) this.fail('unexpected data after the JSON value');
    return node;
  }

  private parseValue(): JsonNode {
    this.skipWhitespace();
    const byte = this.raw[this.pos];
    if (byte === QUOTE) return this.parseString();
    if (byte === OPEN_BRACE) return this.nested(() => this.parseObject());
    if (byte === OPEN_BRACKET) return this.nested(() => this.parseArray());
    if (byte === MINUS || isDigit(byte)) return this.parseNumber();
    return this.parseLiteral();
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_JSON_DEPTH) {
      throw new PromptTextException('too-deep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    const node = parse();
    this.depth--;
    return node;
  }

  private parseObject(): JsonObjectNode {
    this.pos++;
    const members: JsonMember[] = [];
    this.skipWhitespace();
    if (this.raw[this.pos] === CLOSE_BRACE) {
      this.pos++;
      return { kind: 'object', members };
    }
    do {
      this.skipWhitespace();
      if (this.raw[this.pos] !== QUOTE) this.fail('expected a member name');
      const key = this.parseString().value;
      this.skipWhitespace();
      this.expect(COLON, "':'");
      members.push({ key, value: this.parseValue() });
      this.skipWhitespace();
    } while (this.consume(COMMA));
    this.expect(CLOSE_BRACE, "',' or '}'");
    return { kind: 'object', members };
  }

  private parseArray(): JsonArrayNode {
    this.pos++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.consume(CLOSE_BRACKET)) return { kind: 'array', items };
    do {
      items.push(this.parseValue());
      this.skipWhitespace();
    } while (this.consume(COMMA));
    this.expect(CLOSE_BRACKET, "',' or ']'");
    return { kind: 'array', items };
  }

  private parseString(): JsonStringNode {
    const start = ++this.pos;
    let escaped = false;
    for (;;) {
      const byte = this.raw[this.pos];
      if (byte === undefined) this.fail('unterminated string');
      if (byte === QUOTE) break;
      if (byte < 0x20) this.fail('control character in a string');
      if (byte === BACKSLASH) {
        escaped = true;
        this.pos += this.escapeSize();
      } else {
        this.pos++;
      }
    }
    const end = this.pos++;
    // Escapes are valid by now: JSON.parse of the quoted slice decodes them natively (five times faster than
    // decoding them one by one here).
    const value = escaped
      ? (JSON.parse(this.raw.toString('utf8', start - 1, end + 1)) as string)
      : this.raw.toString('utf8', start, end);
    return { kind: 'string', value, start, end };
  }

  private escapeSize(): number {
    const kind = this.raw[this.pos + 1];
    if (kind !== undefined && SIMPLE_ESCAPE_BYTES.has(kind)) return 2;
    if (kind !== LOWER_U) this.fail('invalid escape');
    for (let i = 2; i < 6; i++) if (!isHexDigit(this.raw[this.pos + i])) this.fail('invalid \\u escape');
    return 6;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  private parseNumber(): JsonNode {
    this.consume(MINUS);
    if (!this.consume(ZERO) && this.skipDigits() === 0) this.fail('invalid number');
    if (this.consume(DOT) && this.skipDigits() === 0) this.fail('invalid fraction');
    if (this.consume(LOWER_E) || this.consume(UPPER_E)) {
      if (!this.consume(PLUS)) this.consume(MINUS);
      if (this.skipDigits() === 0) this.fail('invalid exponent');
    }
    return { kind: 'scalar' };
  }

  private parseLiteral(): JsonNode {
    const literal = LITERALS.find((word) => this.raw.subarray(this.pos, this.pos + word.length).equals(word));
    if (!literal) this.fail('unexpected token');
    this.pos += literal.length;
    return { kind: 'scalar' };
  }

  private skipDigits(): number {
    const from = this.pos;
    while (isDigit(this.raw[this.pos])) this.pos++;
    return this.pos - from;
  }

  private skipWhitespace(): void {
    while (isWhitespace(this.raw[this.pos])) this.pos++;
  }

  private consume(byte: number): boolean {
    if (this.raw[this.pos] !== byte) return false;
    this.pos++;
    return true;
  }

  private expect(byte: number, what: string): void {
    if (!this.consume(byte)) this.fail(`expected ${what}`);
  }

  // The position only: a body's content never goes into an error (it may be the very PII being guarded).
  private fail(message: string): never {
    throw new PromptTextException('invalid-json', `${message} at byte ${this.pos}`);
  }
}
