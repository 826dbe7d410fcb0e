import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';
import type { PiiEntity } from '../entities/pii-entity';

// US, UK, Canadian and Indian identifiers: valid, checksum or range failure, look-alike.
const CASES: readonly [PiiEntity, string, string, string[]][] = [
  ['ssn', 'formatted', 'SSN 123-45-6789', ['123-45-6789']],
  ['ssn', 'spaced, no context', 'id 399 54 8792 ok', ['399 54 8792']],
  ['ssn', 'bare digits after "social security"', 'social security number 158134376', ['158134376']],
  ['ssn', 'area 000', 'SSN 000-12-3456', []],
  ['ssn', 'area 666', 'SSN 666-12-3456', []],
  ['ssn', 'serial 0000', 'SSN 123-45-0000', []],
  ['ssn', 'bare digits without context', 'order 158134376', []],
  ['ssn', 'the 1938 wallet-card number', 'SSN 078-05-1120', []],
  ['us_individual_tax_identification_number', 'formatted', 'ITIN 912-70-1234', ['912-70-1234']],
  ['us_individual_tax_identification_number', 'group 93 is never issued', 'ITIN 912-93-1234', []],
  ['us_individual_tax_identification_number', 'group 66 is never issued', 'my ITIN is 912-66-1234', []],
  ['ssn', 'area 9xx is not an SSN', 'SSN 912-70-1234', []],
  ['uk_national_insurance_number', 'with suffix', 'NINO AB123456C', ['AB123456C']],
  ['uk_national_insurance_number', 'spaced', 'my NI number is AB 12 34 56 C', ['AB 12 34 56 C']],
  ['uk_national_insurance_number', 'prefix GB is not allocated', 'NINO GB123456C', []],
  ['uk_national_insurance_number', 'first letter D is never used', 'NINO DA123456C', []],
  ['uk_national_insurance_number', 'no suffix and no context', 'code AB123456 here', []],
  ['uk_national_health_service_number', 'after NHS', 'NHS number 943 476 5919', ['943 476 5919']],
  ['uk_national_health_service_number', 'failing mod 11', 'NHS number 943 476 5918', []],
  ['uk_national_health_service_number', 'ten digits without context or spacing', 'id 9434765919', []],
  ['uk_unique_taxpayer_reference_number', 'after UTR', 'UTR 9768345887', ['9768345887']],
  ['uk_unique_taxpayer_reference_number', 'failing the check digit', 'UTR 9768345886', []],
  ['uk_unique_taxpayer_reference_number', 'without context', 'call 9768345887', []],
  ['ca_social_insurance_number', 'formatted', 'SIN 487-773-004', ['487-773-004']],
  ['ca_social_insurance_number', 'failing Luhn', 'SIN 487-773-005', []],
  ['ca_social_insurance_number', 'first digit 8 is never issued', 'SIN 812-345-676', []],
  ['ca_social_insurance_number', 'bare digits without context', 'ticket 487773004', []],
  ['ca_health_number', 'after OHIP', 'OHIP 1234-567-890 AB', ['1234-567-890 AB']],
  ['ca_health_number', 'RAMQ', 'RAMQ: TREM 8506 1234', ['TREM 8506 1234']],
  ['ca_health_number', 'ten digits without context', 'ref 1234567890', []],
  ['in_aadhaar', 'grouped', 'Aadhaar 2345 6789 0124', ['2345 6789 0124']],
  ['in_aadhaar', 'failing Verhoeff', 'Aadhaar 2345 6789 0125', []],
  ['in_aadhaar', 'starting with 1', 'Aadhaar 1345 6789 0124', []],
  ['in_aadhaar', 'twelve bare digits without context', 'order 234567890124', []],
  ['in_permanent_account_number', 'a person', 'PAN ABCPE1234F', ['ABCPE1234F']],
  ['in_permanent_account_number', 'holder type X does not exist', 'PAN ABCXE1234F', []],
  ['in_permanent_account_number', 'lower case', 'abcpe1234f', []],
  ['in_voter_number', 'after EPIC', 'EPIC number ABC1234567', ['ABC1234567']],
  ['in_voter_number', 'the shape without context', 'SKU ABC1234567', []],
  ['in_nrega', 'a job card', 'job card MH-14-016-005-001/123', ['MH-14-016-005-001/123']],
  ['in_nrega', 'a state code that does not exist', 'XQ-14-016-005-001/123', []],
];

describe('national identity detectors', () => {
  it.each(CASES)('%s: %s', (entity, _case, text, expected) => {
    expect(valuesFound(text, entity)).toEqual(expected);
  });
});
