// A policy rule the library refuses; the admin API answers 400 with the detail (the rule is the admin's own text).
export type PiiRuleErrorCode = 'invalid-regex' | 'regex-too-large';

export class PiiRuleException extends Error {
  constructor(
    readonly code: PiiRuleErrorCode,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'PiiRuleException';
  }
}
