import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('person name detector', () => {
  it.each([
    ['a given name and a surname', 'I spoke with Sarah Johnson yesterday', ['Sarah Johnson']],
    ['after an honorific', 'Dear Mr. Okafor, thanks', ['Okafor']],
    ['a name the lexicon lacks, after "my name is"', 'my name is Oluwaseun Adeyemi.', ['Oluwaseun Adeyemi']],
    ['a signature', 'Thanks,\nPriya', ['Priya']],
    ['lower case after "my name is"', 'my name is john smith and', ['john smith']],
    ['an apostrophe and a possessive', "Michael O'Brien's laptop", ["Michael O'Brien"]],
    ['a particle', 'ask Ludwig van Beethoven', ['Ludwig van Beethoven']],
    ['a place', 'we flew to Seattle and Paris', []],
    ['an organisation', 'Microsoft and Google announced it', []],
    ['a month and a weekday', 'See you on Monday in June', []],
    ['an acronym', 'the JCB card and the IBAN', []],
    ['an imperative verb', 'Mark the ticket as done', []],
    ['a product name', 'Visual Studio Code crashed', []],
  ])('%s', (_case, text, expected) => {
    expect(valuesFound(text, 'name')).toEqual(expected);
  });
});
