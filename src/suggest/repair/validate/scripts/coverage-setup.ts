// A vitest setup file the validator worker adds for its one coverage run: it records, per test,
// which lines of which project module the test executed, with V8's precise block coverage taken
// through the inspector of the test's own thread. Lines are those of vitest's transformed code;
// the worker maps them back to source lines with vitest's source maps. Self-contained like the
// worker: copied into the sandbox as plain JavaScript.
import inspector from 'node:inspector';
import { afterEach, beforeEach } from 'vitest';

interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  scriptId: string;
  url: string;
  functions: { ranges: CoverageRange[] }[];
}

const session = new inspector.Session();
session.connect();

function post<T>(method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

await post('Profiler.enable');
// The debugger is on only to read the code V8 actually ran (vitest's transformed module).
await post('Debugger.enable');
await post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

const root = `file://${process.cwd()}/`;
const sources = new Map<string, string>();

async function scriptSource(scriptId: string): Promise<string> {
  let source = sources.get(scriptId);
  if (source === undefined) {
    source = (await post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId })).scriptSource;
    sources.set(scriptId, source);
  }
  return source;
}

/**
 * 0-based lines whose first token lies in an executed range. Ranges nest (function, then blocks
 * inside it), so the innermost range holding a position decides its count; a position no reported
 * range holds was not executed since the counters were last reset.
 */
function executedLines(source: string, script: ScriptCoverage): number[] {
  const ranges = script.functions.flatMap((fn) => fn.ranges).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  const lines: number[] = [];
  let lineStart = 0;
  for (let line = 0; lineStart <= source.length; line++) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    let position = lineStart;
    while (position < lineEnd && (source[position] === ' ' || source[position] === '\t')) position++;
    if (position < lineEnd) {
      let count = 0;
      for (const range of ranges) {
        if (range.startOffset > position) break;
        if (range.endOffset > position) count = range.count;
      }
      if (count > 0) lines.push(line);
    }
    lineStart = lineEnd + 1;
  }
  return lines;
}

beforeEach(async () => {
  // Taking precise coverage resets the counters, so what afterEach takes is this test's alone.
  await post('Profiler.takePreciseCoverage');
});

afterEach(async (context) => {
  const { result } = await post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage');
  const covered: Record<string, number[]> = {};
  for (const script of result) {
    if (!script.url.startsWith(root) || script.url.includes('/node_modules/')) continue;
    const lines = executedLines(await scriptSource(script.scriptId), script);
    if (lines.length > 0) covered[script.url] = lines;
  }
  (context.task.meta as { coveredLines?: Record<string, number[]> }).coveredLines = covered;
});
