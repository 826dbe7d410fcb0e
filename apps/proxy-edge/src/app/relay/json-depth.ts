import { ProxyError } from '../request/proxy-error';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

// Where a JSON scan stands between chunks.
interface ScanState {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

// Follows the nesting depth of JSON bytes as they arrive, without parsing them (so without recursion):
// a body nested deeper than `maxDepth` is refused (400) before it is parsed (a megabyte of `[` parses into
// millions of arrays), and what reads the parsed body later (serializing tools, reading nested content)
// never meets a depth that could overflow its stack. Linear: string contents (most of a prompt, all of a
// base64 image) are skipped with native searches for the next quote and backslash.
export class JsonDepthGauge {
  private readonly state: ScanState = { depth: 0, inString: false, escaped: false };

  constructor(private readonly maxDepth: number) {}

  push(chunk: Buffer): void {
    if (scan(chunk, this.state, this.maxDepth) > this.maxDepth)
      throw new ProxyError('json_too_deep', `request body nests deeper than ${this.maxDepth} levels`);
  }
}

// Scans one chunk, updating `state`; returns the deepest level reached (stopping once past `maxDepth`).
function scan(chunk: Buffer, state: ScanState, maxDepth: number): number {
  let { depth, inString, escaped } = state;
  let deepest = depth;
  let quoteAt = -1;
  let backslashAt = -1;
  for (let i = 0; i < chunk.length && deepest <= maxDepth; i++) {
    if (!inString) {
      const byte = chunk[i];
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) deepest = Math.max(deepest, ++depth);
      else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth--;
    } else if (escaped) escaped = false;
    else {
      // Each position is searched at most once per byte kind: linear even for a string full of escapes.
      if (quoteAt < i) quoteAt = nextOf(chunk, QUOTE, i);
      if (backslashAt < i) backslashAt = nextOf(chunk, BACKSLASH, i);
      i = Math.min(quoteAt, backslashAt);
      if (i === chunk.length) break;
      if (i === backslashAt) escaped = true;
      else inString = false;
    }
  }
  Object.assign(state, { depth, inString, escaped });
  return deepest;
}

function nextOf(chunk: Buffer, byte: number, from: number): number {
  const at = chunk.indexOf(byte, from);
  return at === -1 ? chunk.length : at;
}
