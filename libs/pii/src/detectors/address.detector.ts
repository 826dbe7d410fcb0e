// Postal addresses: an anchor (house number + street + suffix, a PO box, "City, ST 12345", a postcode, a
// flat/house number, a European street form), then the segments that follow it (unit, city, state, postcode,
// country), kept only up to the last segment that is clearly part of an address.
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';
import {
  CA_POSTCODE,
  COUNTRY_NAMES,
  IE_EIRCODE,
  LOWER_CASE_STREET_SUFFIXES,
  MULTI_WORD_COUNTRIES,
  MULTI_WORD_REGIONS,
  REGION_NAMES,
  STREET_SUFFIXES,
  UK_POSTCODE,
  US_STATE_CODES,
} from './address-vocabulary';
import { classifyWord } from './name-lexicon';

const STATE_CODES = [...US_STATE_CODES].join('|');
const HOUSE_NUMBER = String.raw`(?:\d{1,6}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?(?:\s1\/2)?)`;
const DIRECTION = String.raw`(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?`;
const STREET_WORD = String.raw`(?:[A-Z][\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th))`;
const UNIT_BEFORE = String.raw`(?:(?:(?:Flat|Apt|Apartment|Unit|Suite|Ste|Level|Floor)\.?\s*#?[A-Za-z0-9-]{1,5}|\d{1,2}(?:st|nd|rd|th)\s+Floor),?\s+)?`;

// Lower-case "5 more miles road": measures and counts are not street names.
const LOWER_NOT_STREET =
  'minutes?|mins?|hours?|hrs?|miles?|km|kilometers?|blocks?|times?|more|lane|way|people|cars?|trucks?|days?|weeks?|years?|the|a|an|of|and|or|on|in|at|to|from';

// street: the anchor names a street, so one trailing town the vocabularies do not know may follow it.
// postal: the anchor is a postcode line, so the street may be written before it.
// The town written before a postcode ("Ashford TN25 4LP", "Springfield, IL 62704").
const TOWN_BEFORE = /(?:^|[^\p{L}'’.-])(\p{Lu}[\p{L}.'’-]+(?:[ -]\p{Lu}[\p{L}.'’-]+){0,2}),?\s+$/u;

function townStart(text: string, codeStart: number): number | undefined {
  const sliceStart = Math.max(0, codeStart - 48);
  const m = TOWN_BEFORE.exec(text.slice(sliceStart, codeStart));
  return m ? sliceStart + m.index + m[0].indexOf(m[1]) : undefined;
}

const ANCHORS: readonly {
  re: RegExp;
  score: number;
  street?: boolean;
  postal?: 'town-required' | 'town-optional';
}[] = [
  {
    re: new RegExp(
      String.raw`(?<![\w/.,-])${UNIT_BEFORE}${HOUSE_NUMBER},?\s+(?:${DIRECTION}\s+)?(?:${STREET_WORD}\s+){1,4}(?:${STREET_SUFFIXES})\b\.?(?:\s+${DIRECTION}(?!\w))?`,
      'gu',
    ),
    score: Score.format,
    street: true,
  },
  {
    re: new RegExp(
      String.raw`(?<![\w/.,-])\d{1,5}\s+(?:(?!(?:${LOWER_NOT_STREET})\b)[a-z]{3,}\s+){1,2}(?:${LOWER_CASE_STREET_SUFFIXES})\b`,
      'g',
    ),
    score: Score.heuristic,
  },
  {
    re: /\b(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|Postfach|Bo[iî]te\s+postale|Apartado|Casilla)\s*#?\s*\d{1,7}\b/gi,
    score: Score.formatAndContext,
  },
  // Postcode lines are found from the code, then the town before it is read backwards: a pattern that starts
  // at every capitalised word costs more than all the other anchors together.
  {
    re: new RegExp(
      String.raw`(?<=[\p{L}.],?\s)(?:${STATE_CODES})\s+(?:\d{5}(?:-\d{4})?|${CA_POSTCODE})(?![\w-])`,
      'gu',
    ),
    score: Score.format,
    postal: 'town-required',
  },
  {
    re: new RegExp(String.raw`\b${UK_POSTCODE.replaceAll(' ?', ' ')}\b`, 'g'),
    score: Score.heuristicStrong,
    postal: 'town-optional',
  },
  {
    re: new RegExp(String.raw`\b${CA_POSTCODE.replaceAll(' ?', ' ')}\b`, 'g'),
    score: Score.heuristicStrong,
    postal: 'town-optional',
  },
  // Flat / house / plot numbers open Indian and British addresses.
  {
    re: /\b(?:Flat|House|H\.?\s?No\.?|Plot|Door|Villa)\s*(?:No\.?\s*)?[\dA-Z][\dA-Z/-]{0,6}(?=,)/g,
    score: Score.heuristic,
  },
  // Continental forms: "Hauptstraße 5", "12 rue de Rivoli", "Calle Mayor 10", "Rua Augusta 274".
  {
    re: /\b[A-ZÄÖÜ][\p{L}-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ufer|laan|gracht|straat|plein|vej|gatan|gata|-Straße|-Strasse|-Platz|-Allee|-Weg|-Ring|-Damm)\s+\d{1,4}[a-z]?\b/gu,
    score: Score.format,
    street: true,
  },
  {
    re: /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai|[Cc]ours)\s+(?:(?:de|du|des|la|le|l'|d')\s*)*[A-ZÉ][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,3}/gu,
    score: Score.format,
    street: true,
  },
  // Belgian and Swiss French: the street type, its name, then the number ("Rue Saint-Denis 15").
  {
    re: /\b(?:Rue|Avenue|Boulevard|Chaussée|Place|Quai|Chemin|Allée)\s+(?:(?:de|du|des|la|le|l'|d')\s*)*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}\s+\d{1,4}\b/gu,
    score: Score.format,
    street: true,
  },
  // Polish "ul. Marszałkowska 84".
  {
    re: /\b(?:ul|al|pl|os)\.\s?\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+)?\s+\d{1,4}[a-z]?(?:\/\d{1,4})?\b/gu,
    score: Score.format,
    street: true,
  },
  {
    re: /\b(?:Calle|Avenida|Av\.|Rua|Carrer|Via|Viale|Piazza|Corso|Paseo|Plaza)\s+(?:(?:de|del|da|do|dos|das|la|delle|dei)\s+)*[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,3},?\s+\d{1,5}\b/gu,
    score: Score.format,
    street: true,
  },
];

const SEPARATOR = /(?:[ \t]*,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|[ \t]*[-–][ \t]*|[ \t]+)/y;
const UNIT =
  /(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|Rm|Room|Bldg|Building|Block|Tower|Wing|#)\.?\s*#?[A-Za-z0-9-]{1,6}\b/iy;
const SHORT_POSTAL = /\d{4}(?![\w-])/y;
// ZIP and ZIP+4, six-digit PIN, UK, Canadian and Irish codes, Polish 00-000 and Portuguese 0000-000.
const POSTAL = new RegExp(
  String.raw`(?:\d{5}(?:-\d{4})?|[1-9]\d{2}\s?\d{3}|\d{2}-\d{3}|\d{4}-\d{3}|${UK_POSTCODE}|${CA_POSTCODE}|${IE_EIRCODE})(?![\w-])`,
  'y',
);
const STATE = new RegExp(String.raw`(?:${STATE_CODES})(?![\w-])`, 'y');
// Words of a town or locality; a postcode or a state code after them is its own segment.
const WORD = String.raw`(?:[A-Z][\p{L}'’-]*|\d{1,4}[A-Za-z]?)(?![\w])`;
const WORDS = new RegExp(
  String.raw`${WORD}(?:\s(?!(?:${UK_POSTCODE}|${CA_POSTCODE}|${STATE_CODES})(?![\w-]))(?:${WORD}|of|the|upon|on|de|la|del|sur|am)(?![\w]))*`,
  'uy',
);
const CLAUSE_END = /^\s*(?:[,.;!?)\n]|$)/;
const LOCALITY_WORD = new RegExp(
  String.raw`\b(?:${STREET_SUFFIXES}|Colony|Sector|Layout|Apartments|Residency|Towers|Complex|Phase|Village|District|Cross|Main|Extension|Township|Quarter|Block|Hills|Enclave|Residency|Society|Chambers|House|Building|Mansions)\b`,
);
const NOT_ADDRESS_WORD =
  /^(?:Thanks|Thank|Please|Call|Email|Phone|Tel|Mobile|Regards|Best|Cheers|Hi|Hello|Dear|And|But|Or|The|My|Our|Your|I|We|It|This|That)\b/;

function confirmsAddress(words: string): boolean {
  const lower = words.toLowerCase().replace(/\.$/, '');
  if (
    REGION_NAMES.has(lower) ||
    MULTI_WORD_REGIONS.has(lower) ||
    COUNTRY_NAMES.has(lower) ||
    MULTI_WORD_COUNTRIES.has(lower)
  ) {
    return true;
  }
  if (LOCALITY_WORD.test(words)) return true;
  return words.split(/\s+/).some((w) => classifyWord(w).place);
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

// Extends an anchor over the segments that follow; unconfirmed word segments (an unknown town) are kept only
// when a confirmed segment (state, postcode, known place, country) comes after them.
function extend(text: string, end: number, street: boolean): number {
  let position = end;
  let confirmed = end;
  let unconfirmedRun = 0;
  let previous: 'state' | 'postal' | 'other' = 'other';
  for (let segments = 0; segments < 8; segments++) {
    const separator = sticky(SEPARATOR, text, position);
    if (!separator) break;
    const at = position + separator[0].length;
    // Australian postcodes have four digits and follow the state ("Melbourne VIC 3000").
    const unit = sticky(UNIT, text, at);
    const postal: RegExpExecArray | null = unit
      ? null
      : (sticky(POSTAL, text, at) ?? (previous === 'state' ? sticky(SHORT_POSTAL, text, at) : null));
    const state: RegExpExecArray | null = unit || postal ? null : sticky(STATE, text, at);
    const coded = unit ?? postal ?? state;
    if (coded) {
      position = confirmed = at + coded[0].length;
      unconfirmedRun = 0;
      previous = state ? 'state' : postal ? 'postal' : 'other';
      continue;
    }
    const words = sticky(WORDS, text, at);
    if (!words || NOT_ADDRESS_WORD.test(words[0])) break;
    position = at + words[0].length;
    // A town right after a postcode ("10115 Berlin"), or right after the street before the clause ends
    // ("88 Harbour Road, Wan Chai"), belongs to the address even when no list knows it.
    const townAfterPostcode = previous === 'postal' && /^\p{Lu}/u.test(words[0]);
    const townAfterStreet =
      street && confirmed === end && unconfirmedRun === 0 && CLAUSE_END.test(text.slice(position));
    previous = 'other';
    if (confirmsAddress(words[0]) || townAfterPostcode || townAfterStreet) {
      confirmed = position;
      unconfirmedRun = 0;
    } else if (++unconfirmedRun > 2) {
      break;
    }
  }
  return confirmed;
}

// Parts written before a postcode anchor: "31 Kingsway, Apt 4, Vancouver, BC V5T 3H9". They are taken back to
// the last one that opens an address (a house number, a unit or a named street), never to plain words alone;
// a house name before a named street counts when a clause starts right before it ("to The Old Rectory, Church
// Lane, Ashford TN25 4LP").
const SEGMENT_BEFORE =
  /(?:^|[\s(:;])((?:\d{1,5}(?:st|nd|rd|th|[A-Za-z])?(?:[-/]\d{1,4}[A-Za-z]?)*\s+)?[A-Z][\p{L}'’.-]*(?:\s[A-Z][\p{L}'’.-]*){0,3}|(?:Apt|Apartment|Suite|Ste|Unit|Flat|Level|Floor|Fl)\.?\s*#?[A-Za-z0-9-]{1,6}),\s*$/u;
// Greetings and pronouns never open an address; "The" may ("The Old Rectory").
const NOT_HOUSE_WORD =
  /^(?:Thanks|Thank|Please|Call|Email|Phone|Tel|Mobile|Regards|Best|Cheers|Hi|Hello|Dear|And|But|Or|My|Our|Your|I|We|It|This|That)\b/;
const OPENS_ADDRESS = /^(?:\d|(?:Apt|Apartment|Suite|Ste|Unit|Flat|Level|Floor|Fl)\b)/;
const STREET_WORD_IN = new RegExp(String.raw`\b(?:${STREET_SUFFIXES})$`);
const CLAUSE_START_BEFORE = /(?:^|[:\n(]|\b(?:to|at|is|from)\s)\s*$/;

function extendBackwards(text: string, start: number): number {
  let position = start;
  let committed = start;
  for (let segments = 0; segments < 4; segments++) {
    const sliceStart = Math.max(0, position - 64);
    const m = SEGMENT_BEFORE.exec(text.slice(sliceStart, position));
    if (!m || NOT_HOUSE_WORD.test(m[1])) break;
    const segmentStart = sliceStart + m.index + m[0].indexOf(m[1]);
    // A house name stands in for a house number: only before a named street without one.
    const streetAfter = text.slice(position, position + 64).split(',')[0];
    const houseName = committed === position && STREET_WORD_IN.test(streetAfter) && !/^\d/.test(streetAfter);
    position = segmentStart;
    if (OPENS_ADDRESS.test(m[1]) || STREET_WORD_IN.test(m[1])) committed = position;
    else if (houseName && CLAUSE_START_BEFORE.test(text.slice(Math.max(0, position - 24), position)))
      committed = position;
  }
  return committed;
}

export const addressDetector: PiiDetector = {
  entities: ['address'],
  competes: false,
  detect(text) {
    const out: PiiCandidate[] = [];
    // Every anchor holds a digit (house number, box, postcode).
    if (!/\d/.test(text)) return out;
    for (const anchor of ANCHORS) {
      for (const m of text.matchAll(anchor.re)) {
        let start = m.index;
        if (anchor.postal) {
          const town = townStart(text, m.index);
          if (town === undefined && anchor.postal === 'town-required') continue;
          start = extendBackwards(text, town ?? m.index);
        }
        const end = extend(text, m.index + m[0].length, anchor.street === true);
        out.push({ entity: 'address', start, end, score: anchor.score });
      }
    }
    return out;
  },
};
