// Identity documents written next to their label: passport numbers and driver's licence numbers. Formats vary
// by issuing country and state, so the label carries the evidence and the value only has to look like one
// (letters and digits, a digit at least, the usual lengths).
import { contextScore, valuesAfterContext } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

// Filler allowed between the label and the value: "number", "no.", "#", "(US)", "is", ":".
const FILLER = String.raw`(?:\s*(?:number|num|no\.?|#|id|card))?(?:\s*\([A-Za-z .]{2,12}\))?(?:\s*(?:is|was|:|=|-|#|reads))*\s*["']?`;

const PASSPORT = new RegExp(
  String.raw`\bpassport\b(?:\s+(?:card|book))?` + FILLER + String.raw`(?<value>(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{6,9}|[A-Za-z]{1,2}\d{6,8})(?![A-Za-z0-9-])`,
  'gid',
);
const LICENCE_VALUE = String.raw`(?<value>(?=[A-Za-z0-9-]{0,20}\d)[A-Za-z0-9](?:[A-Za-z0-9]|[- ](?=[A-Za-z0-9]{3})){4,20}[A-Za-z0-9])(?![A-Za-z0-9])`;
const DRIVER_LICENCE = new RegExp(
  String.raw`\b(?:driver'?s?'?\s+licen[cs]e|driving\s+licen[cs]e|drivers?\s+(?:id|permit)|licen[cs]e\s+(?:number|no\.?|#))\b\.?` +
    FILLER +
    LICENCE_VALUE,
  'gid',
);
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
    ];
  },
};
