import { createReadStream } from 'node:fs';

export interface SpoolLine {
  text: string;
  // The byte offset just past this line (and its newline) in the file.
  end: number;
}

// The lines of a file from byte `start`, read in chunks: memory holds a chunk and the current line, never
// the file. A last line without its newline (a write cut short) is yielded too.
export async function* readLines(path: string, start: number): AsyncGenerator<SpoolLine> {
  let pieces: Buffer[] = [];
  let offset = start;
  for await (const chunk of createReadStream(path, {
    start,
    highWaterMark: 64 * 1024,
  }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, from)) {
      const line = Buffer.concat([...pieces, chunk.subarray(from, newline)]);
      pieces = [];
      offset += line.length + 1;
      from = newline + 1;
      yield { text: line.toString('utf8'), end: offset };
    }
    if (from < chunk.length) pieces.push(chunk.subarray(from));
  }
  if (pieces.length > 0) {
    const line = Buffer.concat(pieces);
    yield { text: line.toString('utf8'), end: offset + line.length };
  }
}
