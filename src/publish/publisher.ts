/** An open change request (a GitHub pull request, a GitLab merge request). */
export interface ChangeRequest {
  number: number;
  url: string;
  /** The branch it proposes. */
  head: string;
}

/** What a change request says: its title, its body and the label that marks it as ours. */
export interface ChangeRequestText {
  title: string;
  body: string;
  label: string;
}

/**
 * Where improvements are proposed: a code host's change requests. Git does the branch and the push;
 * a publisher only speaks the host's API, so another host (GitLab) is one more implementation.
 */
export interface Publisher {
  /** The host's name, for messages: `GitHub`. */
  readonly host: string;
  /** The branch a change request goes into, unless the caller names one: the repository's default. Checks the credentials. */
  defaultBranch(): Promise<string>;
  /** The open change request whose body carries `marker`, if any: a run with the same changes updates it. */
  findOpen(marker: string): Promise<ChangeRequest | undefined>;
  open(request: ChangeRequestText & { head: string; base: string }): Promise<ChangeRequest>;
  update(existing: ChangeRequest, request: ChangeRequestText & { base: string }): Promise<ChangeRequest>;
}

/** A host's answer that ends publishing; the message is one line. */
export class PublishError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublishError';
  }
}
