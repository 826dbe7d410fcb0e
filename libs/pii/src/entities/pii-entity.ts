// The entity names BricksLLM accepts in a policy's config.rules (the AWS Comprehend PII types, lower-cased).
// 'all' is a rule key, not a type a detector reports.
export const PII_ENTITY_TYPES = [
  'address',
  'age',
  'aws_access_key',
  'aws_secret_key',
  'bank_account_number',
  'bank_routing',
  'ca_health_number',
  'ca_social_insurance_number',
  'credit_debit_cvv',
  'credit_debit_expiry',
  'credit_debit_number',
  'date_time',
  'driver_id',
  'email',
  'in_aadhaar',
  'in_nrega',
  'in_permanent_account_number',
  'in_voter_number',
  'international_bank_account_number',
  'ip_address',
  'license_plate',
  'mac_address',
  'name',
  'passport_number',
  'password',
  'phone',
  'pin',
  'ssn',
  'swift_code',
  'uk_national_health_service_number',
  'uk_national_insurance_number',
  'uk_unique_taxpayer_reference_number',
  'url',
  'us_individual_tax_identification_number',
  'username',
  'vehicle_identification_number',
] as const;

export type PiiEntity = (typeof PII_ENTITY_TYPES)[number];

export const ALL_ENTITIES = 'all';
export type PiiEntityRule = PiiEntity | typeof ALL_ENTITIES;

// The 37 names of BricksLLM's API ('all' included), in its alphabetical order.
export const PII_ENTITY_RULES: readonly PiiEntityRule[] = (
  [...PII_ENTITY_TYPES, ALL_ENTITIES] as PiiEntityRule[]
).sort();

const ENTITY_SET: ReadonlySet<string> = new Set(PII_ENTITY_TYPES);

export function isPiiEntity(value: string): value is PiiEntity {
  return ENTITY_SET.has(value);
}

export function isPiiEntityRule(value: string): value is PiiEntityRule {
  return value === ALL_ENTITIES || ENTITY_SET.has(value);
}

// 'all' stands for every type; unknown names are ignored here (the admin API refuses them at the edge).
export function expandEntities(wanted: Iterable<string>): ReadonlySet<PiiEntity> {
  const out = new Set<PiiEntity>();
  for (const name of wanted) {
    if (name === ALL_ENTITIES) return new Set(PII_ENTITY_TYPES);
    if (isPiiEntity(name)) out.add(name);
  }
  return out;
}

// The text that replaces a redacted value: the type in brackets, so the model still knows what was there.
export function placeholderFor(entity: PiiEntity): string {
  return `[${entity.toUpperCase()}]`;
}
