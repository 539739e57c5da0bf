import { createInterface } from 'node:readline';
import type { ApprovalRequest } from '../contract/approval.ts';

/**
 * Shows a change waiting for approval and asks whether to apply it. Resolves undefined when input
 * ends without an answer (the run then stays suspended and can be resumed later).
 */
export function askApproval(
  request: ApprovalRequest,
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
): Promise<boolean | undefined> {
  out.write(
    `\n#${request.iteration} ${request.source} suggests a change to ${request.files.join(', ')}: ${request.rationale}\n${request.diff}\n`,
  );
  return new Promise((resolve) => {
    const rl = createInterface({ input, output: out, terminal: false });
    let answered = false;
    out.write('Apply this change? [y/N] ');
    rl.on('line', (line) => {
      answered = true;
      rl.close();
      resolve(/^\s*y(es)?\s*$/i.test(line));
    });
    rl.on('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}
