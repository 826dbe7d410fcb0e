import { describe, expect, it } from 'vitest';
import { StreamRecorder } from './stream-recorder';

describe(StreamRecorder.name, () => {
  it('keeps strings and buffers, decoding a character split between chunks', () => {
    const recorder = new StreamRecorder(1024);
    const check = Buffer.from('✓', 'utf8');
    recorder.append('data: ');
    recorder.append(check.subarray(0, 1));
    recorder.append(check.subarray(1));
    recorder.append(Buffer.from('\n\n'));
    expect(recorder.overflowed).toBe(false);
    expect(recorder.text()).toBe('data: ✓\n\n');
  });

  it('copies the chunk, so a reused buffer does not change the record', () => {
    const recorder = new StreamRecorder(1024);
    const buffer = Buffer.from('abc');
    recorder.append(buffer);
    buffer.write('xyz');
    expect(recorder.text()).toBe('abc');
  });

  it('keeps exactly the cap and overflows one byte past it, dropping what it held', () => {
    const recorder = new StreamRecorder(6);
    recorder.append('abc');
    recorder.append('def');
    expect(recorder.overflowed).toBe(false);
    expect(recorder.text()).toBe('abcdef');
    recorder.append('g');
    expect(recorder.overflowed).toBe(true);
    expect(recorder.text()).toBe('');
    recorder.append('h');
    expect(recorder.overflowed).toBe(true);
  });
});
