import { MAX_VALUE_CHARS, PROGRESS_MARKER } from '../progress-protocol.ts';
import { IMPROVE_RUN_DIR, RESULTS_FILE } from './runner.ts';

/** Where our reporter goes in the workspace; it finds RESULTS_FILE from its own folder. */
export const MOCHA_REPORTER_FILE = `${IMPROVE_RUN_DIR}/mocha-reporter.cjs`;

/**
 * A mocha reporter, written into the sandbox and named by absolute path (`--reporter`). Mocha's own
 * `json` reporter prints to stdout among the project's output and, in 1.x, has no file names nor
 * error texts; this one writes RESULTS_FILE itself and prints our progress lines, and shows mocha's
 * `spec` output for people reading the run.
 *
 * Every mocha from 1.x on must load it, on the Node that mocha runs on: plain ES5 CommonJS, and only
 * the runner events mocha has had since 1.x (`start`, `suite end`, `pass`, `fail`, `pending`, `end`).
 * It also reports what those events never show:
 * - a test file that fails to load (mocha stops before running anything, reporters see nothing):
 *   mocha's file loading is wrapped when this module is loaded, which mocha does before loading tests;
 * - the tests a failing hook kept from running (mocha skips them silently): `skipped`;
 * - an error thrown after a test passed (mocha fails that test a second time): an error of its file.
 */
export const MOCHA_REPORTER_SOURCE = String.raw`// Written by recursive-improve for one test run; safe to delete.
'use strict';
var fs = require('fs');
var path = require('path');

var MARKER = ${JSON.stringify(PROGRESS_MARKER)};
var MAX_VALUE_CHARS = ${MAX_VALUE_CHARS};
var RESULTS = path.join(__dirname, '..', ${JSON.stringify(RESULTS_FILE)});
// Where a test is found when neither it nor its suites know their file.
var UNKNOWN_FILE = path.join(process.cwd(), '(unknown test file)');
// Properties we leave on mocha's objects: the file a root-level suite or test was loaded from, a
// test's result record, and that a root suite's loading is followed.
var LOADED_FROM = '__recursiveImproveFile';
var RECORD = '__recursiveImproveRecord';
var FOLLOWED = '__recursiveImproveFollowed';

function emit(event) {
  process.stdout.write(MARKER + JSON.stringify(event) + '\n');
}

function clip(text) {
  return text.length > MAX_VALUE_CHARS ? text.slice(0, MAX_VALUE_CHARS) + '\u2026' : text;
}

// A module of the mocha that is running (a project may hold several), found in the module cache.
function runningMocha(file) {
  var ending = path.sep + path.join('mocha', file);
  var loaded = Object.keys(require.cache);
  for (var i = 0; i < loaded.length; i++) {
    if (loaded[i].slice(-ending.length) === ending) return require.cache[loaded[i]].exports;
  }
  return undefined;
}

// Mocha shortens the paths of stack frames under the working directory to relative ones; frames
// must name the files they point at.
var existing = {};
function absoluteFrames(stack) {
  return stack
    .split('\n')
    .map(function (line) {
      var frame = /^(\s*at .*\()([^()]+?)(:\d+:\d+\))$/.exec(line);
      // Absolute paths, URLs (file:, node:) and Windows drives stay (path.isAbsolute is newer than some Nodes).
      if (!frame || /^(\/|\\|[a-z]+:)/i.test(frame[2])) return line;
      var file = path.resolve(frame[2]);
      if (existing[file] === undefined) existing[file] = fs.existsSync(file);
      return existing[file] ? frame[1] + file + frame[3] : line;
    })
    .join('\n');
}

// The error's name, message and stack, as mocha prints it.
function errorText(error) {
  if (!error || typeof error !== 'object') return String(error);
  var message = error.message === undefined ? '' : String(error.message);
  var stack = typeof error.stack === 'string' ? absoluteFrames(error.stack) : '';
  var heading = (error.name || 'Error') + ': ' + message;
  if (stack === '') return heading;
  return stack.indexOf(message) === -1 ? heading + '\n' + stack : stack;
}

// Expected and actual values as mocha's diff shows them: strings as they are, others stringified.
function failureValues(error) {
  var values = {};
  if (!error || typeof error !== 'object' || error.showDiff === false) return values;
  if (!('expected' in error) && !('actual' in error)) return values;
  var utils = runningMocha(path.join('lib', 'utils.js'));
  var raw = typeof error.expected === 'string' && typeof error.actual === 'string';
  var show = function (value) {
    if (raw) return value;
    try {
      return utils && utils.stringify ? utils.stringify(value) : JSON.stringify(value, null, 2);
    } catch (ignored) {
      return String(value);
    }
  };
  if ('expected' in error) values.expected = clip(String(show(error.expected)));
  if ('actual' in error) values.actual = clip(String(show(error.actual)));
  return values;
}

// The titles of the suites around a test or hook. Walking up the parents works in every mocha;
// titlePath() (mocha 5 on) also works on the copies of tests that --parallel sends from its workers.
function ancestorTitles(runnable) {
  if (typeof runnable.titlePath === 'function') return runnable.titlePath().slice(0, -1);
  var titles = [];
  for (var node = runnable.parent; node && node.parent; node = node.parent) titles.unshift(node.title);
  return titles;
}

// The file of a test, hook or suite. Old mochas do not set it on every object (hooks, some
// suites): the nearest suite above that knows it, or the file it was loaded from.
function fileOf(item) {
  for (var node = item; node; node = node.parent) {
    if (node.file) return path.resolve(node.file);
    if (node[LOADED_FROM]) return node[LOADED_FROM];
  }
  return undefined;
}

// One run's results, kept as mocha reports them.
var startTime = Date.now();
var files = [];
var byFile = {};
var unhandled = [];
var unhandledReported = 0;

function fileEntry(name) {
  if (!byFile[name]) {
    byFile[name] = { name: name, records: [], errors: [], waiting: 0, openSuites: 0, emitted: false, values: [] };
    files.push(byFile[name]);
  }
  return byFile[name];
}

function resultsJson() {
  var total = 0;
  var failed = unhandled.length > 0;
  var testResults = files.map(function (entry) {
    var entryFailed = entry.errors.length > 0;
    var assertionResults = entry.records.map(function (record) {
      total++;
      if (record.status === 'failed') entryFailed = true;
      return {
        ancestorTitles: record.ancestorTitles,
        title: record.title,
        status: record.status || 'skipped',
        duration: record.duration,
        failureMessages: record.failureMessages,
        invocations: record.invocations,
      };
    });
    if (entryFailed) failed = true;
    return {
      name: entry.name,
      status: entryFailed ? 'failed' : 'passed',
      message: entry.errors.join('\n\n'),
      startTime: entry.startTime || startTime,
      endTime: entry.endTime || Date.now(),
      assertionResults: assertionResults,
    };
  });
  return { numTotalTests: total, success: !failed, startTime: startTime, testResults: testResults };
}

function writeResults() {
  fs.writeFileSync(RESULTS, JSON.stringify(resultsJson()));
}

function emitFile(entry) {
  if (entry.emitted) return;
  entry.emitted = true;
  entry.endTime = Date.now();
  var counts = { passed: 0, failed: 0, skipped: 0 };
  entry.records.forEach(function (record) {
    if (record.status === 'passed') counts.passed++;
    else if (record.status === 'failed') counts.failed++;
    else counts.skipped++;
  });
  emit({ type: 'file', file: entry.name, passed: counts.passed, failed: counts.failed, skipped: counts.skipped, failures: entry.values });
}

function emitEnd() {
  emit({ type: 'end', reason: resultsJson().success ? 'passed' : 'failed', unhandled: unhandled.slice(unhandledReported) });
  unhandledReported = unhandled.length;
}

// Test files load before the run: one that fails stops mocha before any reporter event, so the
// loading is followed here, from the moment mocha loads this module (before the tests).
var loading;
function followLoading(suite) {
  if (!suite || suite[FOLLOWED]) return;
  suite[FOLLOWED] = true;
  // What a file adds to the root suite: suites, tests, and hooks outside any describe (which know no
  // file in any mocha).
  var lists = ['suites', 'tests', '_beforeAll', '_beforeEach', '_afterEach', '_afterAll'];
  var before = {};
  suite.on('pre-require', function (context, file) {
    loading = path.resolve(file);
    lists.forEach(function (list) {
      before[list] = (suite[list] || []).length;
    });
  });
  suite.on('post-require', function () {
    lists.forEach(function (list) {
      (suite[list] || []).slice(before[list]).forEach(function (item) {
        item[LOADED_FROM] = loading;
      });
    });
    loading = undefined;
  });
}

function loadFailed(error) {
  if (loading === undefined) return;
  var entry = fileEntry(loading);
  entry.errors.push(errorText(error));
  emitFile(entry);
  writeResults();
  emitEnd();
}

function wrapLoading(prototype, name) {
  var original = prototype[name];
  if (typeof original !== 'function' || original.recursiveImprove) return;
  var wrapped = function () {
    followLoading(this.suite);
    var result;
    try {
      result = original.apply(this, arguments);
    } catch (error) {
      loadFailed(error);
      throw error;
    }
    // Mocha handles the rejection itself; this only notes it first.
    if (result && typeof result.then === 'function') result.then(null, loadFailed);
    return result;
  };
  wrapped.recursiveImprove = true;
  prototype[name] = wrapped;
}

var Mocha = runningMocha(path.join('lib', 'mocha.js'));
if (Mocha && Mocha.prototype) {
  wrapLoading(Mocha.prototype, 'loadFiles');
  wrapLoading(Mocha.prototype, 'loadFilesAsync');
}

function RecursiveImproveReporter(runner, options) {
  var Spec = runningMocha(path.join('lib', 'reporters', 'spec.js'));
  if (typeof Spec === 'function') {
    try {
      new Spec(runner, options);
    } catch (ignored) {
      // Only the output for people is lost.
    }
  }

  var planned = false;
  var rootStarted = false;
  var grep;

  function selected(test) {
    if (!grep) return true;
    return grep.test(test.fullTitle()) !== Boolean(runner._invert);
  }

  function newRecord(entry, ancestorTitles, title) {
    var record = { ancestorTitles: ancestorTitles, title: title, failureMessages: [], entry: entry };
    entry.records.push(record);
    return record;
  }

  // The tests mocha will run, known before it starts: a test a hook keeps from running then still
  // shows, as skipped. Returns how many tests of the suite will run.
  function plan(suite, topLevel) {
    var count = 0;
    suite.tests.forEach(function (test) {
      if (!selected(test)) return;
      var entry = fileEntry(fileOf(test) || UNKNOWN_FILE);
      test[RECORD] = newRecord(entry, ancestorTitles(test), test.title);
      entry.waiting++;
      entry.planned = true;
      count++;
    });
    suite.suites.forEach(function (child) {
      var inner = plan(child, false);
      if (topLevel && inner > 0) {
        child[RECORD] = fileEntry(fileOf(child) || UNKNOWN_FILE);
        child[RECORD].openSuites++;
      }
      count += inner;
    });
    return count;
  }

  // A test's record; a test mocha made for a retry is a copy of the planned one, without our mark.
  function recordOf(test) {
    if (test[RECORD]) return test[RECORD];
    var entry = fileEntry(fileOf(test) || UNKNOWN_FILE);
    var titles = ancestorTitles(test);
    var found = entry.records.filter(function (record) {
      return record.status === undefined && record.title === test.title && record.ancestorTitles.join('\n') === titles.join('\n');
    })[0];
    if (!found) {
      found = newRecord(entry, titles, test.title);
      entry.waiting++;
    }
    test[RECORD] = found;
    return found;
  }

  // A file is done once its tests ran and its top-level suites ended (their after hooks ran). Files
  // known only from their results (--parallel sends them after the fact) are done at the end.
  function done(entry) {
    if (entry.planned && entry.waiting === 0 && entry.openSuites === 0) emitFile(entry);
  }

  function settle(record, status, test) {
    record.status = status;
    record.duration = test && typeof test.duration === 'number' ? test.duration : 0;
    if (test && typeof test.currentRetry === 'function') record.invocations = test.currentRetry() + 1;
    record.entry.waiting--;
    done(record.entry);
  }

  // Tests of a suite that ended without running them: a hook failed, or the run was stopped.
  function skipUnrun(suite) {
    (suite.tests || []).forEach(function (test) {
      var record = test[RECORD];
      if (record && record.status === undefined) settle(record, 'skipped');
    });
    (suite.suites || []).forEach(skipUnrun);
  }

  function testFailed(test, error) {
    var record = recordOf(test);
    if (record.status === 'failed') {
      // A failed test failing again (done() called twice, an error after its failure) is still that test's failure.
      record.failureMessages.push(errorText(error));
      return;
    }
    if (record.status !== undefined) {
      // Mocha fails a test again when an error comes after it passed: the error is its file's.
      record.entry.errors.push('Error after the test "' + test.fullTitle() + '" had ended: ' + errorText(error));
      return;
    }
    record.failureMessages = [errorText(error)];
    var failure = failureValues(error);
    failure.namePath = record.ancestorTitles.concat([record.title]);
    record.entry.values.push(failure);
    settle(record, 'failed', test);
  }

  // A failing hook shows as a failed test named after the hook alone: mocha adds the test it ran
  // for (or the suite), which changes when the tests before it change.
  function hookFailed(hook, error) {
    var title = hook.originalTitle || String(hook.title).replace(/ (?:for|in) "[\s\S]*"$/, '');
    var current = hook.ctx && hook.ctx.currentTest;
    var file = fileOf(hook) || (current && fileOf(current));
    if (!file) {
      unhandled.push(clip(title + ': ' + errorText(error)));
      return;
    }
    var entry = fileEntry(file);
    var suiteTitles = ancestorTitles(hook);
    var record = { ancestorTitles: suiteTitles, title: title, status: 'failed', entry: entry };
    // Listed before the tests of its suite that have not run: those it keeps from running.
    var at = firstUnrun(entry, suiteTitles);
    entry.records.splice(at === -1 ? entry.records.length : at, 0, record);
    record.duration = typeof hook.duration === 'number' ? hook.duration : 0;
    record.failureMessages = [errorText(error)];
    var failure = failureValues(error);
    failure.namePath = record.ancestorTitles.concat([title]);
    entry.values.push(failure);
  }

  function firstUnrun(entry, suiteTitles) {
    var prefix = suiteTitles.join('\n');
    for (var i = 0; i < entry.records.length; i++) {
      var record = entry.records[i];
      var titles = record.ancestorTitles.join('\n');
      if (record.status === undefined && (titles === prefix || titles.indexOf(prefix + '\n') === 0 || prefix === '')) return i;
    }
    return -1;
  }

  runner.on('start', function () {
    if (planned) return;
    planned = true;
    // Mocha sets its grep after making the reporter. A copy, since a global RegExp has a state.
    if (runner._grep instanceof RegExp) grep = new RegExp(runner._grep.source, runner._grep.ignoreCase ? 'i' : '');
    plan(runner.suite, true);
    emit({ type: 'start', files: files.length });
  });

  runner.on('suite', function (suite) {
    if (!suite.parent) rootStarted = true;
  });

  runner.on('suite end', function (suite) {
    skipUnrun(suite);
    if (suite.parent && !suite.parent.parent && suite[RECORD]) {
      suite[RECORD].openSuites--;
      done(suite[RECORD]);
    }
  });

  runner.on('test', function (test) {
    var entry = recordOf(test).entry;
    if (entry.startTime === undefined) entry.startTime = Date.now();
  });

  runner.on('pass', function (test) {
    var record = recordOf(test);
    if (record.status === undefined) settle(record, 'passed', test);
  });

  runner.on('pending', function (test) {
    var record = recordOf(test);
    if (record.status === undefined) settle(record, 'pending', test);
  });

  runner.on('fail', function (runnable, error) {
    if (runnable.type === 'hook') hookFailed(runnable, error);
    else if (runnable.type === 'test') testFailed(runnable, error);
    // An error mocha could tie to no test or hook (thrown between them, outside any test).
    else unhandled.push(clip(errorText(error)));
  });

  // Mocha ends a run twice when an error outside any test comes before the tests start: results
  // are written at every end, and the tests left are called skipped only once the tests ran.
  runner.on('end', function () {
    if (rootStarted || !planned) {
      files.forEach(function (entry) {
        entry.records.forEach(function (record) {
          if (record.status === undefined) settle(record, 'skipped');
        });
        emitFile(entry);
      });
    }
    writeResults();
    emitEnd();
  });
}

module.exports = RecursiveImproveReporter;
`;
