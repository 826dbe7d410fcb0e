import { describe, expect, it } from 'vitest';
import { detect } from '../detection/detect';
import { loadCorpus } from './corpus.test-support';

// Texts of 1-2 KB made of corpus sentences (PII and look-alikes mixed, as in a real prompt), every entity asked.
function texts(): string[] {
  const sentences = [...loadCorpus('dev'), ...loadCorpus('heldout')].map((s) => s.text);
  const out: string[] = [];
  let current = '';
  let target = 1024;
  for (let i = 0; out.length < 60; i = (i + 7) % sentences.length) {
    current += (current ? ' ' : '') + sentences[i];
    if (current.length >= target) {
      out.push(current);
      current = '';
      target = target >= 2048 - 256 ? 1024 : target + 256;
    }
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

describe('detection speed', () => {
  it('takes under 1 ms per KB at the median, every entity enabled', () => {
    const inputs = texts();
    for (const t of inputs) detect(t, ['all']); // warm-up: lexicon load, JIT
    const perKb: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (const t of inputs) {
        const started = performance.now();
        detect(t, ['all']);
        perKb.push((performance.now() - started) / (t.length / 1024));
      }
    }
    perKb.sort((a, b) => a - b);
    const p50 = percentile(perKb, 0.5);
    const p99 = percentile(perKb, 0.99);
    const sizes = inputs.map((t) => t.length);
    console.log(
      `detection time per KB over ${perKb.length} runs on ${inputs.length} texts of ${Math.min(...sizes)}-${Math.max(...sizes)} chars: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`,
    );
    expect(p50).toBeLessThan(1);
  });
});
