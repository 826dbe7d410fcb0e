// The map between a JSON string's raw bytes and its decoded UTF-16 text: where each decoded code unit comes
// from (an escape such as \n, \" or \u00e9, or a UTF-8 character), so a span of the decoded text
// can be replaced in the raw bytes without touching any other byte.
import { BACKSLASH, LOWER_U } from './json-bytes';

// Bytes of the escape or UTF-8 character starting at `i`.
function sourceSize(raw: Uint8Array, i: number): number {
  const byte = raw[i];
  if (byte === BACKSLASH) return raw[i + 1] === LOWER_U ? 6 : 2;
  if (byte < 0x80) return 1;
  if (byte < 0xe0) return 2;
  if (byte < 0xf0) return 3;
  return 4;
}

// For each UTF-16 code unit of the decoded string, the raw bytes [start, end) it was decoded from. The two
// units of a 4-byte UTF-8 character share its bytes.
export interface UnitSources {
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  // How many units the raw bytes decode to (the decoded length, unless the bytes are not that string's).
  readonly units: number;
}

export function unitSources(raw: Uint8Array, start: number, end: number, length: number): UnitSources {
  const starts = new Uint32Array(length);
  const ends = new Uint32Array(length);
  let unit = 0;
  for (let i = start; i < end;) {
    const size = sourceSize(raw, i);
    // Escapes are 2 or 6 bytes: only a 4-byte UTF-8 character decodes to two units.
    const units = size === 4 ? 2 : 1;
    for (let k = 0; k < units; k++, unit++) {
      if (unit < length) {
        starts[unit] = i;
        ends[unit] = i + size;
      }
    }
    i += size;
  }
  return { starts, ends, units: unit };
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

// A span never splits a character: a boundary between the two halves of a surrogate pair moves outwards, so
// the pair is replaced whole (a half would leave a lone surrogate, and a raw 4-byte character cannot be cut).
export function widenToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  const splitsPair = (at: number) =>
    at > 0 &&
    at < text.length &&
    isHighSurrogate(text.charCodeAt(at - 1)) &&
    isLowSurrogate(text.charCodeAt(at));
  return { start: splitsPair(start) ? start - 1 : start, end: splitsPair(end) ? end + 1 : end };
}

// The raw bytes of the decoded span [start, end), widened to whole characters and whole escapes.
export function rawRangeOf(
  text: string,
  sources: UnitSources,
  start: number,
  end: number,
): { start: number; end: number } {
  const widened = widenToCodePoints(text, start, end);
  return { start: sources.starts[widened.start], end: sources.ends[widened.end - 1] };
}
