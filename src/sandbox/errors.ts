import { type ErrorCategory, ImproveError } from '../contract/errors.ts';

/**
 * Codes that name something the caller fixes (the options, the project, what the host or account
 * provides); every other code is a failure of ours or of the machine.
 */
const INPUT_CODES = new Set(['INVALID_OPTIONS', 'PROJECT_NOT_FOUND', 'UNAVAILABLE']);

const categoryOf = (code: string): ErrorCategory => (INPUT_CODES.has(code) ? 'input' : 'system');

/** Base class of every error a sandbox throws; `code` is stable for callers to switch on. */
export class SandboxError extends ImproveError {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(categoryOf(code), message, options);
    this.name = 'SandboxError';
    this.code = code;
  }
}

export class SandboxFileNotFoundError extends SandboxError {
  constructor(path: string) {
    super('FILE_NOT_FOUND', `no such file in the sandbox: ${path}`);
    this.name = 'SandboxFileNotFoundError';
  }
}

export class SandboxUnavailableError extends SandboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAVAILABLE', message, options);
    this.name = 'SandboxUnavailableError';
  }
}
