// Bounds of one scan call (PII_SCAN_MAX_TEXTS, PII_SCAN_MAX_BYTES).
export interface ScanLimits {
  readonly maxTexts: number;
  // UTF-8 bytes of all texts together.
  readonly maxBytes: number;
}

export const SCAN_LIMITS = Symbol('SCAN_LIMITS');

// A request body may escape its texts (quotes, newlines: 2 bytes for 1) and carries the policy; past this,
// it is refused before it is buffered.
export function maxBodyBytes(limits: ScanLimits): number {
  return 2 * limits.maxBytes + 256 * 1024;
}
