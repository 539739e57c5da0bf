/** Base class of every error a sandbox throws; `code` is stable for callers to switch on. */
export class SandboxError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
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
