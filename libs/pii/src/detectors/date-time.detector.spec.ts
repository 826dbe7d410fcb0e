import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('date and time detector', () => {
  it.each([
    ['a written date', 'born on March 14, 1985.', ['March 14, 1985']],
    ['a numeric date', 'DOB 03/14/1985', ['03/14/1985']],
    ['a dotted date', 'am 12.04.1979.', ['12.04.1979']],
    ['an ISO timestamp', 'at 2024-05-01T08:30:00Z', ['2024-05-01T08:30:00Z']],
    [
      'a date with its time',
      'on Tuesday, 12 November 2024 at 3:45 pm',
      ['Tuesday, 12 November 2024 at 3:45 pm'],
    ],
    ['a version', 'v10.0.1 and 1.2.3', []],
    ['a timing', 'took 250ms at 12:30', []],
    ['a price', 'costs $1,234.56', []],
    ['a fraction', '3/4 of the users', []],
    ['a house number', 'H.No. 5-9-22', []],
  ])('%s', (_case, text, expected) => {
    expect(valuesFound(text, 'date_time')).toEqual(expected);
  });

  it.each([
    ['"years old"', "I'm 34 years old", ['34']],
    ['"-year-old"', 'a 67-year-old male', ['67']],
    ['"aged"', 'applicant aged 29, no claims', ['29']],
    ['"I am" at the end of a clause', 'I am 27 and live alone', ['27']],
    ['"I\'m" with a unit', "I'm 5 minutes away", []],
    ['a percentage', 'age 45% of the budget', []],
    ['no age word', 'room 34 is free', []],
  ])('age: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'age')).toEqual(expected);
  });
});
