import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('address detector', () => {
  it.each([
    [
      'a US street line with city, state and ZIP',
      'ship to 1428 Elm Street, Springfield, IL 62704.',
      ['1428 Elm Street, Springfield, IL 62704'],
    ],
    [
      'a UK address with postcode',
      'at 221B Baker Street, London NW1 6XE today',
      ['221B Baker Street, London NW1 6XE'],
    ],
    ['a PO box', 'P.O. Box 4821, Boulder, CO 80306', ['P.O. Box 4821, Boulder, CO 80306']],
    ['a unit', '77 Maple Ave, Apt 3B, Austin, TX 78701', ['77 Maple Ave, Apt 3B, Austin, TX 78701']],
    ['a German street', 'Hauptstraße 5, 10115 Berlin', ['Hauptstraße 5, 10115 Berlin']],
    [
      'an Indian flat',
      'Flat 302, Sunshine Apartments, MG Road, Bengaluru 560001',
      ['Flat 302, Sunshine Apartments, MG Road, Bengaluru 560001'],
    ],
    [
      'a street before a Canadian postcode line',
      '31 Kingsway, Apt 4, Vancouver, BC V5T 3H9',
      ['31 Kingsway, Apt 4, Vancouver, BC V5T 3H9'],
    ],
    ['a distance', 'it is 5 more miles down the road', []],
    ['a count of lanes', 'a 2 lane road', []],
    ['a version and a word', 'release 2 Drive sync', []],
    ['a city alone', 'our team in Seattle', []],
    [
      'a company with words before its city line',
      'Contact Acme Corp, Springfield, IL 62704',
      ['Springfield, IL 62704'],
    ],
  ])('%s', (_case, text, expected) => {
    expect(valuesFound(text, 'address')).toEqual(expected);
  });
});
