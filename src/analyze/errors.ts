/**
 * Stable error codes (after spaCy's numbered catalogue): interfaces print them, tests match on them.
 */
export const ErrorCode = {
  EMPTY_TEXT: 'E_EMPTY_TEXT',
  BINARY_INPUT: 'E_BINARY_INPUT',
  INVALID_UTF8: 'E_INVALID_UTF8',
  INVALID_UNICODE: 'E_INVALID_UNICODE',
  TOO_LARGE: 'E_TOO_LARGE',
  BAD_JSON: 'E_BAD_JSON',
  MISSING_TEXT: 'E_MISSING_TEXT',
  MODEL_INVALID: 'E_MODEL_INVALID',
  UNKNOWN_STAGE: 'E_UNKNOWN_STAGE',
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the user caused, with a stable code and a one-line message. */
export class VerdictError extends Error {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string) {
    super(message);
    this.name = 'VerdictError';
    this.code = code;
  }
}
