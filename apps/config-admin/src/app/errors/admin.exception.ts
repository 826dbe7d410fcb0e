// Domain errors of the admin API; the filter maps each code to a status and the error shape.
export type AdminErrorCode =
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'json-unmarshal'
  | 'unauthorized'
  | 'method-not-allowed'
  | 'too-many-requests';

const STATUS: Record<AdminErrorCode, number> = {
  validation: 400,
  'json-unmarshal': 400,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  unauthorized: 401,
  'too-many-requests': 429,
};

export class AdminException extends Error {
  constructor(
    readonly code: AdminErrorCode,
    readonly title: string,
    readonly detail: string,
    // Response headers the error needs (Retry-After on a 429, Allow on a 405).
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  get status(): number {
    return STATUS[this.code];
  }
}
