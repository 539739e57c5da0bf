import type { Edit } from '../contract/edit.ts';
import type { ImproveOptions } from '../contract/options.ts';
import { planEdits } from '../patch/edits.ts';
import { createSandbox } from '../sandbox/create.ts';
import { projectSecrets } from '../sandbox/project-secrets.ts';
import { createRedactor } from '../sandbox/redact.ts';
import { redactingSandbox } from '../sandbox/redacting-sandbox.ts';
import type { Sandbox, SandboxKind } from '../sandbox/types.ts';

export interface SandboxSpec {
  projectDir: string;
  kind: SandboxKind;
}

interface Entry {
  sandbox: Promise<Sandbox>;
  /** The edits the sandbox holds on top of the project, as a comparable key. */
  contents: string;
}

/**
 * Sandboxes of the runs alive in this process, by run id. Sandboxes cannot be serialized into a
 * workflow snapshot, so every step asks for its run's sandbox together with the edits the
 * sandbox must hold at that point (from the persisted loop state). After a process restart, a
 * resume, or any mismatch, the sandbox is created again from the project and those edits are
 * re-applied.
 */
const live = new Map<string, Entry>();

export async function acquireSandbox(runId: string, spec: SandboxSpec, edits: readonly Edit[]): Promise<Sandbox> {
  const contents = JSON.stringify(edits);
  const existing = live.get(runId);
  if (existing?.contents === contents) return existing.sandbox;
  if (existing) await releaseSandbox(runId);
  const sandbox = createWith(spec, edits);
  live.set(runId, { sandbox, contents });
  sandbox.catch(() => {
    if (live.get(runId)?.sandbox === sandbox) live.delete(runId);
  });
  return sandbox;
}

export function sandboxSpec(options: Pick<ImproveOptions, 'projectDir' | 'sandbox'>): SandboxSpec {
  return { projectDir: options.projectDir, kind: options.sandbox };
}

/** Records that the run's sandbox now holds `edits` (after applying or reverting a change). */
export function noteSandboxContents(runId: string, edits: readonly Edit[]): void {
  const entry = live.get(runId);
  if (entry) entry.contents = JSON.stringify(edits);
}

/** Destroys the run's sandbox, if this process has one. */
export async function releaseSandbox(runId: string): Promise<void> {
  const entry = live.get(runId);
  if (!entry) return;
  live.delete(runId);
  const sandbox = await entry.sandbox.catch(() => undefined);
  await sandbox?.destroy();
}

/** Output of the project's code reaches the run only redacted, from any provider (see redacting-sandbox.ts). */
async function createWith(spec: SandboxSpec, edits: readonly Edit[]): Promise<Sandbox> {
  const redactor = createRedactor(await projectSecrets(spec.projectDir, process.env));
  const sandbox = redactingSandbox(await createSandbox({ kind: spec.kind, projectDir: spec.projectDir }), redactor);
  try {
    const changes = await planEdits(edits, (file) => sandbox.readFile(file));
    for (const change of changes) await sandbox.writeFile(change.file, change.after);
    return sandbox;
  } catch (error) {
    await sandbox.destroy();
    throw error;
  }
}
