import type { PiiEntity } from '../entities/pii-entity';

// A detected value: UTF-16 offsets into the scanned text, end exclusive. The value itself is never copied out.
export interface PiiSpan {
  readonly entity: PiiEntity;
  readonly start: number;
  readonly end: number;
}

// A detector's proposal before overlaps are resolved. score orders competing proposals for the same text:
// checksum plus context > checksum or context alone > format alone > lexicon heuristics.
export interface PiiCandidate extends PiiSpan {
  readonly score: number;
}

// The score scale the detectors share, so their proposals compare.
export const Score = {
  checksumAndContext: 0.97,
  checksum: 0.9,
  formatAndContext: 0.85,
  context: 0.8,
  format: 0.7,
  heuristicStrong: 0.65,
  heuristic: 0.55,
  weak: 0.4,
} as const;
