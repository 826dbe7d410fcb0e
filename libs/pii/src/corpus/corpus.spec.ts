import { describe, expect, it } from 'vitest';
import { detect } from '../detection/detect';
import { PII_ENTITY_TYPES, type PiiEntity } from '../entities/pii-entity';
import { loadCorpus, scoreCorpus, type CorpusScore } from './corpus.test-support';

// Types whose values carry a checksum or a strict format (with a context word where the format alone is too
// common) must be found ≥ 95%; names and addresses ≥ 85%; types found by their context words ≥ 90%.
const VALIDATED: readonly PiiEntity[] = [
  'credit_debit_number',
  'international_bank_account_number',
  'bank_routing',
  'swift_code',
  'ssn',
  'us_individual_tax_identification_number',
  'uk_national_insurance_number',
  'uk_national_health_service_number',
  'uk_unique_taxpayer_reference_number',
  'ca_social_insurance_number',
  'in_aadhaar',
  'in_permanent_account_number',
  'in_nrega',
  'vehicle_identification_number',
  'aws_access_key',
  'aws_secret_key',
  'ip_address',
  'mac_address',
  'url',
  'email',
  'phone',
];
const LEXICAL: readonly PiiEntity[] = ['name', 'address'];
const target = (e: PiiEntity) => (VALIDATED.includes(e) ? 0.95 : LEXICAL.includes(e) ? 0.85 : 0.9);

const ALL_BUT_DATES = PII_ENTITY_TYPES.filter((e) => e !== 'date_time');

function report(part: string, score: CorpusScore): string {
  const rows = [...score.perEntity.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([e, s]) => {
      const recall = s.labels === 0 ? '-' : (s.found / s.labels).toFixed(3);
      const precision = s.detected === 0 ? '-' : (s.correct / s.detected).toFixed(3);
      return `${e.padEnd(40)} ${String(s.labels).padStart(5)} ${recall.padStart(7)} ${precision.padStart(9)}`;
    });
  const labels = [...score.perEntity.values()].reduce((n, s) => n + s.labels, 0);
  const found = [...score.perEntity.values()].reduce((n, s) => n + s.found, 0);
  return [
    `== ${part}: ${labels} PII values, overall recall ${(found / labels).toFixed(3)}; negatives untouched ${score.negativesUntouched}/${score.negatives} = ${(score.negativesUntouched / score.negatives).toFixed(3)}`,
    `${'entity'.padEnd(40)} ${'count'.padStart(5)} ${'recall'.padStart(7)} ${'precision'.padStart(9)}`,
    ...rows,
    `misses (${score.misses.length}):`,
    ...score.misses.map((m) => `  ${m}`),
    `false positives (${score.falsePositives.length}):`,
    ...score.falsePositives.map((m) => `  ${m}`),
  ].join('\n');
}

describe.each(['dev', 'heldout'] as const)('PII corpus (%s part)', (part) => {
  const sentences = loadCorpus(part);
  const score = scoreCorpus(
    sentences,
    (text) => detect(text, ['all']),
    (text) => detect(text, ALL_BUT_DATES),
  );
  console.log(report(part, score));

  it('holds enough sentences, every entity type and the look-alikes', () => {
    expect(sentences.length).toBeGreaterThan(part === 'dev' ? 300 : 200);
    expect(score.negatives).toBeGreaterThanOrEqual(50);
    for (const e of PII_ENTITY_TYPES)
      expect(score.perEntity.get(e)?.labels ?? 0, e).toBeGreaterThanOrEqual(3);
  });

  it.each([...PII_ENTITY_TYPES])('finds %s values at its recall target', (entity) => {
    const s = score.perEntity.get(entity);
    expect(s && s.found / s.labels, entity).toBeGreaterThanOrEqual(target(entity));
  });

  it('leaves at least 95% of the look-alike sentences untouched', () => {
    expect(score.negativesUntouched / score.negatives).toBeGreaterThanOrEqual(0.95);
  });
});
