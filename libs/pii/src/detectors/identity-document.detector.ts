// Identity documents written next to their label: passport numbers and driver's licence numbers. Formats vary
// by issuing country and state, so the label carries the evidence and the value only has to look like one
// (letters and digits, a digit at least, the usual lengths).
import {
  contextScore,
  hasContextNear,
  LABEL_FILLER as FILLER,
  valuesAfterContext,
} from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

const PASSPORT = new RegExp(
  String.raw`(?<![A-Za-z])passport(?![a-z])(?:\s+(?:card|book))?` +
    FILLER +
    String.raw`(?<value>(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{6,9}|[A-Za-z]{1,2}\d{6,8})(?![A-Za-z0-9-])`,
  'gid',
);
const LICENCE_VALUE = String.raw`(?<value>(?=[A-Za-z0-9-]{0,20}\d)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])| (?=\d)){4,20}[A-Za-z0-9])(?![A-Za-z0-9])`;
const DRIVER_LICENCE = new RegExp(
  String.raw`\b(?:driver'?s?'?[\s_]+(?:licen[cs]e|lic(?=\.))|driving[\s_]+licen[cs]e|drivers?\s+(?:id|permit)|licen[cs]e\s+(?:number|no\.?|#))(?![a-z])\.?` +
    FILLER +
    LICENCE_VALUE,
  'gid',
);
// "licence" alone is a driver's licence only after a driving word ("driver Tunde Bakare, licence ...").
const LICENCE_ALONE = new RegExp(String.raw`\blicen[cs]e\b` + FILLER + LICENCE_VALUE, 'gid');
const DRIVING_CONTEXT = /\b(?:driv(?:er|ers|ing)|dvla|dmv|motorist|rental\s+car)\b/i;
// "DL" is a label only in capitals ("dl" is a download or a decilitre).
const DL_LABEL = new RegExp(String.raw`\b(?:DL|D\.L\.)` + FILLER + LICENCE_VALUE, 'gd');

const NOT_VALUES = /^(?:number|expired|renewal|office|photo|scan|copy|holder|details|info|required)$/i;

function documentValues(text: string, pattern: RegExp, entity: PiiCandidate['entity']): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const v of valuesAfterContext(text, pattern)) {
    if (NOT_VALUES.test(v.value) || !/\d/.test(v.value)) continue;
    out.push({ entity, start: v.start, end: v.end, score: contextScore(Score.formatAndContext, v.gap) });
  }
  return out;
}

export const identityDocumentDetector: PiiDetector = {
  entities: ['passport_number', 'driver_id'],
  competes: true,
  detect(text) {
    if (!/\d/.test(text)) return [];
    return [
      ...documentValues(text, PASSPORT, 'passport_number'),
      ...documentValues(text, DRIVER_LICENCE, 'driver_id'),
      ...documentValues(text, DL_LABEL, 'driver_id'),
      ...documentValues(text, LICENCE_ALONE, 'driver_id').filter((c) =>
        hasContextNear(text, c.start, c.end, DRIVING_CONTEXT, 64, 40),
      ),
    ];
  },
};
