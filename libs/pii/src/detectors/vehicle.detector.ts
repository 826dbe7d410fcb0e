// Vehicles: VINs (17 characters, North American check digit; a VIN labelled as such is taken without it, as
// European VINs carry none) and licence plates (after a context word: plate formats vary by state and country).
import { isVinCheckDigitValid, VIN_SHAPE } from '../checksums/vin';
import { contextScore, hasContextNear, labelledValues } from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

const VIN_TOKEN = /\b[A-HJ-NPR-Za-hj-npr-z0-9]{17}\b/g;
const VIN_CONTEXT = /\b(?:vin|vehicle\s+identification|chassis)\b/i;

const PLATE_LABEL =
  /\b(?:licen[cs]e\s+plate|number\s+plate|registration\s+plate|plate|reg(?:istration)?\.?(?:\s*(?:number|no\.?|mark|#))?|tag\s+(?:number|no\.?|#))(?![\w])/gi;
// One to three groups of capitals and digits ("7ABC123", "AB12 CDE", "ABC-1234"), written in capitals.
const PLATE_VALUE = /[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,4}){0,2}(?![A-Za-z0-9-])/y;

function vins(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(VIN_TOKEN)) {
    const vin = m[0].toUpperCase();
    // Hex strings and plain numbers are not VINs: one letter and one digit at least.
    if (!VIN_SHAPE.test(vin) || !/\d/.test(vin) || !/[A-Z]/.test(vin)) continue;
    const end = m.index + 17;
    const context = hasContextNear(text, m.index, end, VIN_CONTEXT, 48, 16);
    const checksum = isVinCheckDigitValid(vin);
    // Lower-case VINs are rare; without the word VIN a lower-case token is an identifier of some other kind.
    if (!context && (!checksum || vin !== m[0])) continue;
    const score =
      checksum && context ? Score.checksumAndContext : checksum ? Score.checksum : Score.formatAndContext;
    out.push({ entity: 'vehicle_identification_number', start: m.index, end, score });
  }
  return out;
}

function plates(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const v of labelledValues(text, PLATE_LABEL, PLATE_VALUE)) {
    // A digit at least; an all-digit plate needs five ("reg 2 of the form" is not a plate).
    const digits = v.value.replace(/\D/g, '').length;
    if (digits === 0 || (!/[A-Z]/.test(v.value) && digits < 5)) continue;
    out.push({
      entity: 'license_plate',
      start: v.start,
      end: v.end,
      score: contextScore(Score.context, v.gap),
    });
  }
  return out;
}

export const vehicleDetector: PiiDetector = {
  entities: ['vehicle_identification_number', 'license_plate'],
  competes: true,
  detect(text) {
    if (!/\d/.test(text)) return [];
    return [...vins(text), ...plates(text)];
  },
};
