import { SCAN_ERROR_STATUS, type ScanErrorCode } from '@tollgate/prompt-scan';

// A scan call the service answers with an error (the contract's error codes and statuses). The message says
// what is wrong with the call, never what a text holds.
export class ScanException extends Error {
  constructor(
    readonly code: ScanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ScanException';
  }

  get status(): number {
    return SCAN_ERROR_STATUS[this.code];
  }
}
