// Domain errors of the admin API; the filter maps each code to a status and the error shape.
export type AdminErrorCode = 'validation' | 'not-found' | 'conflict' | 'json-unmarshal' | 'unauthorized';

const STATUS: Record<AdminErrorCode, number> = {
  validation: 400,
  'json-unmarshal': 400,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
};

export class AdminException extends Error {
  constructor(
    readonly code: AdminErrorCode,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }

  get status(): number {
    return STATUS[this.code];
  }
}
