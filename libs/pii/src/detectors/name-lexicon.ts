// What a word can be in a person's name, from compromise's lexicon (the model shipped in its npm package:
// ~3,000 given names, ~900 surnames, honorifics, places, organisations) plus our own lists of names it lacks.
// compromise's parser itself is not run: it takes ~13 ms per KB, fifteen times our budget for every detector.
import nlp from 'compromise/two';
import { EXTRA_GIVEN_NAMES, EXTRA_SURNAMES } from './name-lists';

export interface WordClass {
  // A given name that is rarely anything else ("Sarah", "Rahul").
  readonly givenName: boolean;
  // A given name that is also a common word or place ("Mark", "Grace", "Jordan").
  readonly ambiguousGivenName: boolean;
  // Among those, one that is as often a place ("Jordan", "Austin", "Victoria").
  readonly personOrPlace: boolean;
  readonly surname: boolean;
  readonly honorific: boolean;
  // Never part of a name: months, weekdays, places, organisations, pronouns, function words, greetings.
  readonly stop: boolean;
  // A place name: part of a name only after a given name ("Denzel Washington").
  readonly place: boolean;
  // A dictionary word of another kind (noun, verb, adjective).
  readonly common: boolean;
  // In no list at all: maybe a name the lists lack, maybe a product or a rare word.
  readonly unknown: boolean;
}

const STOP_TAGS = new Set([
  'Month',
  'WeekDay',
  'Organization',
  'SportsTeam',
  'Demonym',
  'Currency',
  'Pronoun',
  'Determiner',
  'Preposition',
  'Conjunction',
  'Modal',
  'Copula',
  'QuestionWord',
  'Expression',
  'Possessive',
  'Reflexive',
  'Negative',
  'Condition',
  'Cardinal',
  'Ordinal',
  'TextValue',
  'Unit',
  'Date',
  'Duration',
  'Holiday',
]);
const PLACE_TAGS = new Set(['City', 'Country', 'Region', 'Place', 'Address']);
const NAME_TAGS = new Set(['MaleName', 'FemaleName', 'FirstName', 'Person', 'LastName', 'Honorific']);

// Capitalised at the start of a message or a sentence far more often than as a name.
const EXTRA_STOP_WORDS = new Set(
  (
    'i the a an hi hello hey dear thanks thank regards best cheers sincerely please yes no ok okay team all ' +
    'everyone sir madam folks guys hiya greetings welcome note update fyi re fwd subject attn morning evening ' +
    'afternoon good great kind warm many congrats congratulations sorry also however meanwhile today tomorrow ' +
    'yesterday monday tuesday wednesday thursday friday saturday sunday customer client user admin support ' +
    'manager director engineer doctor nurse patient agent officer account order ticket invoice name address ' +
    'phone email mobile street road avenue lane drive court city state country zip postcode bank card'
  ).split(' '),
);
const EXTRA_HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'madam',
  'rev',
  'fr',
  'lord',
  'lady',
]);

// Endings of English nouns, adjectives and adverbs that names rarely have.
const COMMON_ENDING =
  /(?:tion|sion|ment|ness|ity|ism|ist|ship|hood|able|ible|ful|less|ous|ive|ical|ally|ing|ings|ized|ised|izes|ises|ance|ence|ancy|ency|acy)$/;

type LexiconValue = string | string[];

let lexicon: Readonly<Record<string, LexiconValue>> | undefined;
const given = new Set(EXTRA_GIVEN_NAMES.split(' '));
const surnames = new Set(EXTRA_SURNAMES.split(' '));

function loadLexicon(): Readonly<Record<string, LexiconValue>> {
  if (lexicon) return lexicon;
  const model = nlp.model() as { one?: { lexicon?: Record<string, LexiconValue> } };
  lexicon = model.one?.lexicon ?? {};
  return lexicon;
}

// Multi-word entries of the lexicon ("hong kong", "new york", "goldman sachs") that are places or organisations.
const PHRASE_TAGS = new Set([...PLACE_TAGS, 'Organization', 'SportsTeam']);

export function isPlaceOrOrganisationPhrase(words: string): boolean {
  const raw = loadLexicon()[words.toLowerCase()];
  if (raw === undefined) return false;
  return (Array.isArray(raw) ? raw : [raw]).some((t) => PHRASE_TAGS.has(t));
}

const cache = new Map<string, WordClass>();
const STOP_WORD_CLASS: WordClass = {
  givenName: false,
  ambiguousGivenName: false,
  personOrPlace: false,
  surname: false,
  honorific: false,
  stop: true,
  place: false,
  common: true,
  unknown: false,
};

export function classifyWord(word: string): WordClass {
  const key = word.toLowerCase().replace(/['’]s$/, '');
  const cached = cache.get(key);
  if (cached) return cached;
  // Contractions ("I'm", "We'll", "Don't") are never names.
  if (/['’](?:m|ve|ll|d|re|t)$/.test(key)) return STOP_WORD_CLASS;
  const raw = loadLexicon()[key];
  const tags = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const has = (t: string) => tags.includes(t);
  // Our own lists count as name tags: "Dupont" is a surname before it is a company.
  const nameTagged = tags.some((t) => NAME_TAGS.has(t)) || given.has(key) || surnames.has(key);
  const result: WordClass = {
    givenName: given.has(key) || has('MaleName') || has('FemaleName'),
    ambiguousGivenName: has('FirstName') || has('Person'),
    personOrPlace: has('Person'),
    surname: surnames.has(key) || has('LastName'),
    honorific: EXTRA_HONORIFICS.has(key) || has('Honorific'),
    stop: EXTRA_STOP_WORDS.has(key) || (!nameTagged && tags.some((t) => STOP_TAGS.has(t))),
    place: !nameTagged && tags.some((t) => PLACE_TAGS.has(t)),
    common: tags.length > 0 ? !nameTagged : COMMON_ENDING.test(key) && key.length > 5,
    unknown:
      tags.length === 0 &&
      !given.has(key) &&
      !surnames.has(key) &&
      !(COMMON_ENDING.test(key) && key.length > 5),
  };
  // Bounded: the cache only saves lexicon lookups for words seen again.
  if (cache.size > 50_000) cache.clear();
  cache.set(key, result);
  return result;
}
