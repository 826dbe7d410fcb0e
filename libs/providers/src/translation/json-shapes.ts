import { TranslationError } from './translation-error';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A field the caller sent with the wrong shape: answered as a 400 naming the field.
export function invalid(param: string, message: string): TranslationError {
  return new TranslationError('invalid_request', message, param);
}

export function unsupported(param: string, message: string): TranslationError {
  return new TranslationError('unsupported_parameter', message, param);
}
