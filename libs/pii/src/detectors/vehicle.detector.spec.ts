import { describe, expect, it } from 'vitest';
import { valuesFound } from '../detection/detected-values.test-support';

describe('vehicle detector', () => {
  it.each([
    ['a VIN with a valid check digit', 'car 1M8GDM9AXKP042788 sold', ['1M8GDM9AXKP042788']],
    ['a VIN failing the check digit', 'car 1M8GDM9A1KP042788 sold', []],
    ['a European VIN (no check digit) after "VIN"', 'VIN WVWZZZ1JZXW000001', ['WVWZZZ1JZXW000001']],
    ['a VIN with the letter O', 'VIN 1M8GDM9AXKP04278O', []],
    ['a 17-character hex id', 'id 0a1b2c3d4e5f60718', []],
  ])('VIN: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'vehicle_identification_number')).toEqual(expected);
  });

  it.each([
    ['after "licence plate"', 'licence plate AB12 CDE', ['AB12 CDE']],
    ['after "plate number is"', 'my plate number is 7ABC123.', ['7ABC123']],
    ['after "reg"', 'reg: KX19 LMN', ['KX19 LMN']],
    ['a plate word without a value', 'the plate is dirty', []],
    ['a lower-case word', 'registration form 2', []],
  ])('plate: %s', (_case, text, expected) => {
    expect(valuesFound(text, 'license_plate')).toEqual(expected);
  });
});
