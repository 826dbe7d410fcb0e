import { createHash } from 'node:crypto';

// Keys are stored as sha256 hex, as BricksLLM stores them, so existing key hashes stay valid.
export function hashKey(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}
