// Loads the labelled corpus (src/__fixtures__/*.corpus.txt) and scores detections against it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isPiiEntity, type PiiEntity } from '../entities/pii-entity';
import type { PiiSpan } from '../detection/pii-span';

export interface CorpusLabel {
  readonly entity: PiiEntity;
  readonly start: number;
  readonly end: number;
}

export interface CorpusSentence {
  readonly line: number;
  readonly text: string;
  readonly labels: readonly CorpusLabel[];
  readonly negative: boolean;
}

const LABEL = /\[\[([a-z_]+)\|((?:(?!\]\])[\s\S])+)\]\]/g;
// Written inside the corpus's key-shaped values (AWS key ids and secrets) so that no committed line looks
// like a credential to a secret scanner; removed before the labels are read.
const CUT = '{cut}';

export function parseCorpus(source: string): CorpusSentence[] {
  const out: CorpusSentence[] = [];
  source.split('\n').forEach((raw, index) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const negative = raw.startsWith('~ ');
    const marked = (negative ? raw.slice(2) : raw).replace(/\\n/g, '\n').replaceAll(CUT, '');
    const labels: CorpusLabel[] = [];
    let text = '';
    let cursor = 0;
    for (const m of marked.matchAll(LABEL)) {
      const [whole, entity, value] = m;
      if (!isPiiEntity(entity)) throw new Error(`line ${index + 1}: unknown entity ${entity}`);
      text += marked.slice(cursor, m.index);
      labels.push({ entity, start: text.length, end: text.length + value.length });
      text += value;
      cursor = m.index + whole.length;
    }
    text += marked.slice(cursor);
    if (text.includes('[[') || text.includes(']]')) throw new Error(`line ${index + 1}: unbalanced label`);
    if (negative && labels.length > 0) throw new Error(`line ${index + 1}: a negative sentence has labels`);
    if (!negative && labels.length === 0)
      throw new Error(`line ${index + 1}: a positive sentence has no label`);
    out.push({ line: index + 1, text, labels, negative });
  });
  return out;
}

export function loadCorpus(part: 'dev' | 'heldout'): CorpusSentence[] {
  return parseCorpus(
    readFileSync(resolve(import.meta.dirname, `../__fixtures__/${part}.corpus.txt`), 'utf8'),
  );
}

// A label is found when every non-space character of it lies inside a detected span of its type (several
// adjacent spans may cover one label: an address detected as street plus city line).
export function isCovered(label: CorpusLabel, text: string, spans: readonly PiiSpan[]): boolean {
  const typed = spans.filter((s) => s.entity === label.entity);
  for (let i = label.start; i < label.end; i++) {
    if (/\s|[,.]/.test(text[i])) continue;
    if (!typed.some((s) => s.start <= i && i < s.end)) return false;
  }
  return true;
}

export interface EntityScore {
  labels: number;
  found: number;
  detected: number;
  correct: number;
}

export interface CorpusScore {
  readonly perEntity: Map<PiiEntity, EntityScore>;
  readonly negatives: number;
  readonly negativesUntouched: number;
  readonly misses: string[];
  readonly falsePositives: string[];
}

// Positives are scanned for every type; negatives for every type but date_time (a date alone is PII only
// when date_time is asked, and the look-alike set has dates on purpose).
export function scoreCorpus(
  sentences: readonly CorpusSentence[],
  detectAll: (text: string) => PiiSpan[],
  detectNegative: (text: string) => PiiSpan[],
): CorpusScore {
  const perEntity = new Map<PiiEntity, EntityScore>();
  const entry = (e: PiiEntity) => {
    let s = perEntity.get(e);
    if (!s) perEntity.set(e, (s = { labels: 0, found: 0, detected: 0, correct: 0 }));
    return s;
  };
  let negatives = 0;
  let negativesUntouched = 0;
  const misses: string[] = [];
  const falsePositives: string[] = [];
  for (const sentence of sentences) {
    const spans = sentence.negative ? detectNegative(sentence.text) : detectAll(sentence.text);
    if (sentence.negative) {
      negatives++;
      if (spans.length === 0) negativesUntouched++;
    }
    for (const label of sentence.labels) {
      const score = entry(label.entity);
      score.labels++;
      if (isCovered(label, sentence.text, spans)) score.found++;
      else
        misses.push(
          `${label.entity} line ${sentence.line}: ${JSON.stringify(sentence.text.slice(label.start, label.end))}`,
        );
    }
    for (const span of spans) {
      const score = entry(span.entity);
      score.detected++;
      const hit = sentence.labels.some(
        (l) => l.entity === span.entity && span.start < l.end && l.start < span.end,
      );
      if (hit) score.correct++;
      else
        falsePositives.push(
          `${span.entity} line ${sentence.line}: ${JSON.stringify(sentence.text.slice(span.start, span.end))}`,
        );
    }
  }
  return { perEntity, negatives, negativesUntouched, misses, falsePositives };
}
