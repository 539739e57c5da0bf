import { MAX_VALUE_CHARS, PROGRESS_MARKER } from '../progress-protocol.ts';
import { IMPROVE_RUN_DIR, RESULTS_FILE } from './runner.ts';

/** Where our reporter goes in the workspace; it finds RESULTS_FILE from its own folder. */
export const JEST_REPORTER_FILE = `${IMPROVE_RUN_DIR}/jest-reporter.cjs`;

/**
 * A jest reporter, written into the sandbox next to the project. It prints our progress lines (the
 * run's test files, one line per finished file with the expected/actual values of its failures, the
 * end with errors outside any file) and writes RESULTS_FILE itself: jest's own `--json` puts every
 * failed test's text in its file's `message` too, which we read as an error outside the tests; here
 * `message` is the file's own error only (it did not load, a hook outside tests threw).
 * Plain CommonJS in syntax old Nodes load, since a project's jest may be old.
 */
export const JEST_REPORTER_SOURCE = `// Written by recursive-improve for one test run; safe to delete.
'use strict';
const fs = require('fs');
const path = require('path');

const MARKER = ${JSON.stringify(PROGRESS_MARKER)};
const RESULTS = path.join(__dirname, '..', ${JSON.stringify(RESULTS_FILE)});

const emit = (event) => process.stdout.write(MARKER + JSON.stringify(event) + '\\n');
const clip = (text) => (text.length > ${MAX_VALUE_CHARS} ? text.slice(0, ${MAX_VALUE_CHARS}) + '…' : text);

// Jest's own printer of values; a dependency of jest's, found from where jest runs.
const printValue = (function () {
  try {
    const from = [__dirname].concat(require.main ? [require.main.filename] : []);
    return require(require.resolve('pretty-format', { paths: from })).format;
  } catch (error) {
    return undefined;
  }
})();

function show(value) {
  if (printValue) {
    try {
      return printValue(value, { printBasicPrototype: false });
    } catch (error) {
      // an older pretty-format, without that option: JSON below
    }
  }
  try {
    const json = JSON.stringify(value, null, 2);
    return json === undefined ? String(value) : json;
  } catch (error) {
    return String(value);
  }
}

// The expected/actual values of a failed test's first failed assertion, when it has them.
function failureOf(test) {
  const failure = { namePath: test.ancestorTitles.concat([test.title]) };
  const details = (test.failureDetails || []).filter((d) => d && typeof d.matcherResult === 'object' && d.matcherResult);
  const result = details.length > 0 ? details[0].matcherResult : {};
  if ('expected' in result) failure.expected = clip(show(result.expected));
  if ('actual' in result) failure.actual = clip(show(result.actual));
  return failure;
}

// Jest puts its advice on transforms before a file's syntax error; the error itself follows "Details:".
function errorText(error) {
  const text = String(error.stack || error.message || error);
  const details = text.indexOf('\\nDetails:\\n');
  return details === -1 ? text : text.slice(details + '\\nDetails:\\n'.length).trim();
}

function fileResult(result) {
  return {
    name: result.testFilePath,
    status: result.numFailingTests > 0 || result.testExecError ? 'failed' : 'passed',
    message: result.testExecError ? errorText(result.testExecError) : '',
    startTime: result.perfStats && result.perfStats.start,
    endTime: result.perfStats && result.perfStats.end,
    assertionResults: result.testResults.map((test) => ({
      ancestorTitles: test.ancestorTitles,
      title: test.title,
      fullName: test.fullName,
      status: test.status,
      duration: test.duration,
      failureMessages: test.failureMessages,
      invocations: test.invocations,
    })),
  };
}

class RecursiveImproveReporter {
  onRunStart(results) {
    emit({ type: 'start', files: results.numTotalTestSuites });
  }

  // onTestResult rather than onTestFileResult: every jest calls it once per test file.
  onTestResult(test, result) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const failures = [];
    result.testResults.forEach((t) => {
      if (t.status === 'passed') counts.passed++;
      else if (t.status === 'failed') {
        counts.failed++;
        failures.push(failureOf(t));
      } else counts.skipped++;
    });
    emit({ type: 'file', file: result.testFilePath, passed: counts.passed, failed: counts.failed, skipped: counts.skipped, failures: failures });
  }

  onRunComplete(contexts, results) {
    const failed =
      results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0 || Boolean(results.runExecError) || Boolean(results.snapshot && results.snapshot.failure);
    const reason = results.wasInterrupted ? 'interrupted' : failed ? 'failed' : 'passed';
    fs.writeFileSync(
      RESULTS,
      JSON.stringify({
        numTotalTests: results.numTotalTests,
        success: reason === 'passed',
        startTime: results.startTime,
        testResults: results.testResults.map(fileResult),
      }),
    );
    emit({ type: 'end', reason: reason, unhandled: results.runExecError ? [clip(errorText(results.runExecError))] : [] });
  }
}

module.exports = RecursiveImproveReporter;
`;
