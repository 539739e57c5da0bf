/**
 * Starts an improvement run on a running Mastra server (`npm run dev`) and prints its events as
 * they arrive, one JSON object per line.
 *
 *   node examples/stream-client.ts [serverUrl] <projectDir> [optionsJson]
 *
 * In this repository, run it as `node --conditions=recursive-improve:source examples/stream-client.ts`
 * so that `recursive-improve` means the sources here rather than a build.
 *
 * The server URL defaults to $MASTRA_URL, else http://localhost:4111. `optionsJson` adds workflow
 * options, e.g. '{"sandbox":"local","maxIterations":3}'. The project path is as the server sees it.
 * Exit code: 0 when the run finished, 2 when it waits for approval, 1 otherwise.
 */
import path from 'node:path';
import { MastraClient } from '@mastra/client-js';
import { toImprovementEvents } from 'recursive-improve';

function parseArgs(argv: string[]): { baseUrl: string; inputData: Record<string, unknown> } {
  const args = [...argv];
  const baseUrl = /^https?:\/\//.test(args[0] ?? '') ? (args.shift() as string) : (process.env.MASTRA_URL ?? 'http://localhost:4111');
  const [projectDir, optionsJson] = args;
  if (!projectDir) throw new Error('usage: stream-client.ts [serverUrl] <projectDir> [optionsJson]');
  let options: unknown = {};
  if (optionsJson !== undefined) {
    try {
      options = JSON.parse(optionsJson);
    } catch {
      throw new Error(`options are not JSON: ${optionsJson}`);
    }
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new Error('options must be a JSON object');
  return { baseUrl, inputData: { ...options, projectDir: path.resolve(projectDir) } };
}

async function main(): Promise<number> {
  const { baseUrl, inputData } = parseArgs(process.argv.slice(2));
  const client = new MastraClient({ baseUrl, retries: 0 });
  const run = await client
    .getWorkflow('improve')
    .createRun()
    .catch((error: unknown) => {
      throw new Error(
        `cannot reach a Mastra server at ${baseUrl} (is \`npm run dev\` running?): ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  const stream = await run.stream({ inputData });
  let status = 'unknown';
  for await (const event of toImprovementEvents(stream)) {
    process.stdout.write(`${JSON.stringify(event)}\n`);
    if (event.type === 'run-finish') status = event.status;
  }
  if (status === 'suspended')
    process.stderr.write(`run ${run.runId} waits for approval; resume it in Mastra Studio or with run.resumeStream\n`);
  return status === 'success' ? 0 : status === 'suspended' ? 2 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`stream-client: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
