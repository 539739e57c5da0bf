import type { Sandbox, SandboxNode } from './types.ts';

const asked = new WeakMap<Sandbox, Promise<Required<SandboxNode> | undefined>>();

/**
 * The Node a sandbox's commands run on, with its version: as the sandbox says, or, from one that
 * cannot tell (E2B, a wrapped Mastra sandbox, a project's `node` of unknown origin), by running
 * `node --version` in it, once per sandbox. Undefined when even that fails.
 */
export function sandboxNode(sandbox: Sandbox): Promise<Required<SandboxNode> | undefined> {
  const { node } = sandbox;
  if (node?.version !== undefined) return Promise.resolve({ version: node.version, source: node.source });
  let answer = asked.get(sandbox);
  if (!answer) {
    answer = sandbox.executeCommand('node', ['--version'], { timeout: 30_000 }).then(
      (result) => {
        const version = result.stdout.trim();
        return result.exitCode === 0 && /^v\d+\.\d+\.\d+/.test(version)
          ? { version, source: node?.source ?? "the sandbox's node" }
          : undefined;
      },
      () => undefined,
    );
    asked.set(sandbox, answer);
  }
  return answer;
}
