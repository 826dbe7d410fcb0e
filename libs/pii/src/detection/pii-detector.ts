import type { PiiEntity } from '../entities/pii-entity';
import type { PiiCandidate } from './pii-span';

// One detector per family of values (payment cards, UK identity numbers, ...). A detector proposes spans for
// the entities it owns; detect() resolves overlaps between families.
export interface PiiDetector {
  readonly entities: readonly PiiEntity[];
  // True when the family's values can look like another family's (digits, codes): it then runs even when none
  // of its entities is asked, so that overlaps are settled the same way whatever the policy asks.
  readonly competes: boolean;
  detect(text: string): PiiCandidate[];
}
