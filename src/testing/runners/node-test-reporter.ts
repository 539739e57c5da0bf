import { MAX_VALUE_CHARS, PROGRESS_MARKER } from '../progress-protocol.ts';
import { IMPROVE_RUN_DIR, RESULTS_FILE } from './runner.ts';

/** Where our reporter goes in the workspace; it finds RESULTS_FILE from its own URL. */
export const NODE_TEST_REPORTER_FILE = `${IMPROVE_RUN_DIR}/node-test-reporter.mjs`;

/**
 * A node:test reporter (an async generator over the run's events), written into the sandbox next to
 * the project. It prints our progress lines as test files finish and, at the end, writes the
 * Jest-format results into RESULTS_FILE.
 *
 * What it relies on, checked on Node 20 and 24 (see tests/testing/runners/node-test-run.test.ts):
 * - Each test file runs in a child process; the parent reports its tests as the child sends them
 *   (`test:start` before a test's subtests, `test:pass`/`test:fail` after them), one file after
 *   another. `nesting` counts from the file's top level, so a stack of the started tests' names gives
 *   every test's ancestors (describe blocks and `t.test` parents alike).
 * - The file itself is a test too, at nesting 0, named by its path (absolute on Node 20, relative to
 *   the working directory on 24). Node reports it only when it failed for a reason of its own (it did
 *   not load, it exited with an error, a root hook failed) or had no tests, always after its tests.
 *   Its `test:complete`, where Node has that event, comes once the child has exited: a file whose
 *   report is done then shows at once, not when the next file's report starts.
 * - `file` is where a test was defined; Node 24 adds `entryFile`, the test file that ran it. Node 20's
 *   diagnostics from a child carry no file: they belong to the file being reported. Files run in
 *   one process (`--test-isolation=none`) have no test of their own to fail: Node's diagnostic of an
 *   error outside tests is then the run's.
 * - A failure's `details.error` wraps what the test threw as its `cause` (an AssertionError keeps its
 *   expected/actual values across the process boundary); a file that does not load reports only
 *   "test failed", its error is in the child's stderr (`test:stderr`).
 * - When a describe block's `before` hook fails, Node cancels its tests ("test did not finish before
 *   its parent") and fails the block with the hook's error: the tests take that error, as jest's do.
 * - An error raised outside any test (after its test ended, at the top of a file) fails the file, and
 *   Node says what happened in a diagnostic ("... generated asynchronous activity after the test
 *   ended ...").
 *
 * Plain JavaScript without template literals (the source is a template itself).
 */
export const NODE_TEST_REPORTER_SOURCE = String.raw`// Written by recursive-improve for one test run; safe to delete.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';

const MARKER = ${JSON.stringify(PROGRESS_MARKER)};
const RESULTS = fileURLToPath(new URL(${JSON.stringify(`../${RESULTS_FILE}`)}, import.meta.url));
const MAX_VALUE_CHARS = ${MAX_VALUE_CHARS};

/** Node's diagnostic for an error raised outside any test. */
const OUTSIDE_TESTS = /generated asynchronous activity after the test ended/;

/**
 * How Node prints an uncaught error: where it was thrown, the source there (for TypeScript, a few
 * lines around it) with a caret under the spot, a blank line, the stack, and Node's version last.
 */
const UNCAUGHT = /(?:^|\n)((?:file:\/\/)?\/[^\n]*?):(\d+)\n((?:[^\n]+\n)*?)\n([\s\S]*?)\s*(?:\nNode\.js v[^\n]*)?\s*$/;
const CARET = /^( *)\^/m;

const FRAME = /^\s+at .*:\d+:\d+\)?$/m;

const marker = (event) => MARKER + JSON.stringify(event) + '\n';
const clip = (text) => (text.length > MAX_VALUE_CHARS ? text.slice(0, MAX_VALUE_CHARS) + '…' : text);
const show = (value) => clip(inspect(value, { depth: 8 }));
const flagged = (value) => value !== undefined && value !== false;

function pathOf(file) {
  if (typeof file !== 'string' || file === '') return undefined;
  return file.startsWith('file:') ? fileURLToPath(file) : resolve(file);
}

// The test file an event belongs to.
const fileOf = (data) => pathOf(data.entryFile || data.file);

// The test of a whole file: nesting 0, named by the file's own path.
function isFileTest(data) {
  return data.nesting === 0 && pathOf(data.name) !== undefined && pathOf(data.name) === pathOf(data.file);
}

/** What the test threw: node:test wraps it in an ERR_TEST_FAILURE as its cause. */
const thrownBy = (error) => (error && error.code === 'ERR_TEST_FAILURE' ? error.cause : error);

function failureText(error, data) {
  const thrown = thrownBy(error);
  let text;
  if (thrown && typeof thrown === 'object' && typeof thrown.stack === 'string') text = thrown.stack;
  else if (thrown && typeof thrown === 'object' && typeof thrown.message === 'string') text = (thrown.name || 'Error') + ': ' + thrown.message;
  else if (typeof thrown === 'string') text = thrown;
  else if (thrown !== undefined) text = inspect(thrown);
  else text = (error && error.message) || 'failed';
  // A time-out or a cancellation has no stack: the test's own place is where to look.
  if (!FRAME.test(text) && data.file && data.line) text += '\n    at ' + pathOf(data.file) + ':' + data.line + ':' + (data.column || 1);
  return text;
}

/** The expected/actual values of an assertion's error (node:assert, chai, or expect's matcherResult). */
function valuesOf(error) {
  const thrown = thrownBy(error);
  if (!thrown || typeof thrown !== 'object') return {};
  const source = thrown.matcherResult && typeof thrown.matcherResult === 'object' ? thrown.matcherResult : thrown;
  if (source.expected === undefined && source.actual === undefined) return {};
  const values = {};
  if ('expected' in source) values.expected = show(source.expected);
  if ('actual' in source) values.actual = show(source.actual);
  return values;
}

/** An uncaught error's stack from a child's stderr, with the place Node showed as its first frame. */
function uncaughtError(stderr) {
  const match = UNCAUGHT.exec(stderr);
  if (!match) return undefined;
  const location = match[1];
  const line = match[2];
  const caret = CARET.exec(match[3]);
  const stack = match[4];
  if (stack.includes(location + ':' + line + ':')) return stack;
  // The caret's column; a span of lines is marked by '>' before each, from the line's start.
  const column = caret ? caret[1].length + 1 : 1;
  const lines = stack.split('\n');
  const first = lines.findIndex((l) => FRAME.test(l));
  lines.splice(first === -1 ? lines.length : first, 0, '    at ' + location + ':' + line + ':' + column);
  return lines.join('\n');
}

/** Why a file failed when none of its tests says: its error, the diagnostics, its stderr. */
function fileMessage(file) {
  const error = file.ownFailure;
  if (!error) return '';
  const thrown = thrownBy(error);
  if (thrown && typeof thrown === 'object') return failureText(error, {});
  const outside = file.notes.filter((note) => OUTSIDE_TESTS.test(note));
  if (outside.length > 0) return outside.join('\n');
  const crash = uncaughtError(file.stderr);
  if (crash) return crash;
  const how = error.exitCode ? 'exited with code ' + error.exitCode : error.signal ? 'was killed by ' + error.signal : 'failed';
  const output = file.stderr.replace(/\n*Node\.js v[^\n]*\s*$/, '').trim();
  return ['Error: the test file ' + how + ' outside its tests', output].concat(file.notes).filter(Boolean).join('\n');
}

export default async function* recursiveImproveReporter(source) {
  const runStart = Date.now();
  const files = new Map();
  const unhandled = [];
  let queued = 0;
  let started = false;
  // The file whose events Node is reporting; reports of two files never interleave.
  let current;
  // After the run's own plan come its totals, as diagnostics.
  let summary = false;
  let out = [];

  function fileState(path) {
    let file = files.get(path);
    if (!file) {
      file = { path, tests: [], failures: [], stack: [], notes: [], stderr: '', results: 0, startTime: Date.now(), endTime: undefined };
      files.set(path, file);
    }
    return file;
  }

  function flush(file) {
    if (file.flushed) return;
    file.flushed = true;
    file.endTime = file.endTime || Date.now();
    if (!started && queued > 0) out.push(marker({ type: 'start', files: queued }));
    started = true;
    const count = (status) => file.tests.filter((t) => status.includes(t.status)).length;
    out.push(
      marker({ type: 'file', file: file.path, passed: count(['passed']), failed: count(['failed']), skipped: count(['skipped', 'todo']), failures: file.failures }),
    );
  }

  // An event of the file being reported: the one reported before it is done.
  function reporting(file) {
    if (current && current !== file) flush(current);
    current = file;
  }

  function onFileDone(file, data) {
    file.endTime = Date.now();
    const error = data.details && data.details.error;
    const ownFailure = error && error.failureType !== 'subtestsFailed';
    // Node reports the file itself next when it failed on its own or had no tests; else it is done.
    if (current === file && !ownFailure && file.results > 0) flush(file);
  }

  function onFileResult(file, type, data) {
    const error = data.details && data.details.error;
    if (type === 'test:fail' && !(error && error.failureType === 'subtestsFailed')) file.ownFailure = error || { message: 'failed' };
    flush(file);
  }

  function onTestStart(file, data) {
    file.stack.length = data.nesting;
    const parent = file.stack[data.nesting - 1];
    if (parent) parent.children++;
    file.stack.push({ name: data.name, children: 0 });
  }

  function onTestResult(file, type, data) {
    file.results++;
    const mine = file.stack[data.nesting];
    const entry = mine && mine.name === data.name ? mine : { name: data.name, children: 0 };
    const parent = file.stack[data.nesting - 1];
    const details = data.details || {};
    const error = details.error;
    const failureType = type === 'test:fail' && error ? error.failureType : undefined;
    const cancelledByParent = failureType === 'cancelledByParent' && parent !== undefined;
    if (entry.children > 0 || details.type === 'suite') {
      // A describe block or a test with subtests: its tests tell how it went, unless it failed on its
      // own (its body, a hook). If Node cancelled its tests for that, they take its error.
      const cancelled = entry.cancelled || [];
      if (cancelledByParent) parent.cancelled = (parent.cancelled || []).concat(cancelled);
      if (type !== 'test:fail' || failureType === 'subtestsFailed' || failureType === 'cancelledByParent') return;
      for (const record of cancelled) {
        record.test.failureMessages = [failureText(error, data)];
        Object.assign(record.failure, valuesOf(error));
      }
      if (cancelled.length > 0) return;
    }
    const ancestorTitles = file.stack.slice(0, data.nesting).map((e) => e.name);
    const status = flagged(data.todo) ? 'todo' : flagged(data.skip) ? 'skipped' : type === 'test:fail' ? 'failed' : 'passed';
    const test = {
      ancestorTitles,
      title: data.name,
      fullName: ancestorTitles.concat([data.name]).join(' '),
      status,
      duration: details.duration_ms,
      failureMessages: status === 'failed' ? [failureText(error, data)] : [],
    };
    file.tests.push(test);
    if (status !== 'failed') return;
    const failure = Object.assign({ namePath: ancestorTitles.concat([data.name]) }, valuesOf(error));
    file.failures.push(failure);
    // Waits for the error that made Node cancel it.
    if (cancelledByParent) parent.cancelled = (parent.cancelled || []).concat([{ test, failure }]);
  }

  for await (const event of source) {
    const type = event.type;
    const data = event.data || {};
    const path = fileOf(data);
    const file = path ? fileState(path) : undefined;
    const whole = file !== undefined && isFileTest(data);
    if (type === 'test:enqueue' || type === 'test:dequeue') {
      if (whole && !file.isolated) {
        file.isolated = true;
        queued++;
      }
      if (whole && type === 'test:dequeue') file.startTime = Date.now();
    } else if (type === 'test:complete') {
      if (whole) onFileDone(file, data);
    } else if (type === 'test:plan' && data.nesting === 0 && !file) {
      summary = true;
    } else if (type === 'test:diagnostic') {
      // Without a file: a child's (Node 20), or the run's own when the files share one process.
      const owner = file || (current && current.isolated && !summary ? current : undefined);
      if (file) reporting(file);
      if (owner && data.nesting === 0) owner.notes.push(String(data.message));
      else if (!owner && OUTSIDE_TESTS.test(String(data.message))) unhandled.push(clip(String(data.message)));
    } else if (file && type !== 'test:watch:drained' && type !== 'test:coverage' && type !== 'test:summary') {
      reporting(file);
      if (type === 'test:stderr') file.stderr += data.message;
      else if (type === 'test:start' && !whole) onTestStart(file, data);
      else if ((type === 'test:pass' || type === 'test:fail') && whole) onFileResult(file, type, data);
      else if (type === 'test:pass' || type === 'test:fail') onTestResult(file, type, data);
    }
    if (out.length > 0) {
      yield out.join('');
      out = [];
    }
  }

  for (const file of files.values()) flush(file);
  const results = Array.from(files.values(), (file) => {
    const message = fileMessage(file);
    const failed = message !== '' || file.tests.some((t) => t.status === 'failed');
    return { name: file.path, status: failed ? 'failed' : 'passed', message, startTime: file.startTime, endTime: file.endTime, assertionResults: file.tests };
  });
  const success = unhandled.length === 0 && results.every((r) => r.status === 'passed');
  writeFileSync(
    RESULTS,
    JSON.stringify({
      numTotalTests: results.reduce((sum, r) => sum + r.assertionResults.length, 0),
      success,
      startTime: runStart,
      testResults: results,
    }),
  );
  out.push(marker({ type: 'end', reason: success ? 'passed' : 'failed', unhandled }));
  yield out.join('');
}
`;
