/**
 * The part every runner's coverage setup module shares (see `TestRunnerAdapter.coverage`): a JS
 * function `improveCoverageRecorder(inspector, fs, outputFile)` to paste into that module. It takes
 * V8's precise block coverage through the inspector of the process (or thread) running the tests,
 * resets it before each test and, after it, appends one COVERAGE_FILE line with the lines of the
 * project's own modules the test executed.
 *
 * Lines are those of the code V8 ran (read back through the debugger): the source itself for plain
 * JavaScript and for TypeScript under Node's type stripping, which keeps every offset. Code a runner
 * transformed first (jest) would need its source map. Written in old-fashioned JavaScript with
 * callbacks, so any Node and any runner version can load it from CommonJS or ESM.
 *
 * Returns `{ begin(done), end(testFile, namePath, passed, done) }`; `done(error?)` is called once.
 * A recorder that could not start calls `done()` and records nothing: a test run never fails
 * because coverage could not be taken.
 */
export const COVERAGE_RECORDER_SOURCE = `
function improveCoverageRecorder(inspector, fs, outputFile) {
  var root = process.cwd().replace(/\\/+$/, '') + '/';
  var session = new inspector.Session();
  var sources = {};
  var started = null;

  function post(method, params, callback) {
    session.post(method, params || {}, callback);
  }

  function start(callback) {
    if (started) return started.push(callback);
    started = [callback];
    var finish = function (error) {
      var waiting = started;
      started = error ? 'failed' : 'ready';
      for (var i = 0; i < waiting.length; i++) waiting[i]();
    };
    try {
      session.connect();
    } catch (error) {
      return finish(error);
    }
    post('Profiler.enable', {}, function (error) {
      if (error) return finish(error);
      // The debugger is on only to read the code V8 actually ran.
      post('Debugger.enable', {}, function (error2) {
        if (error2) return finish(error2);
        post('Profiler.startPreciseCoverage', { callCount: true, detailed: true }, finish);
      });
    });
  }

  function whenStarted(callback) {
    if (started === 'ready' || started === 'failed') return callback();
    start(callback);
  }

  function ownModule(url) {
    var path = url.indexOf('file://') === 0 ? decodeURIComponent(url.slice(7)) : url;
    return path.indexOf(root) === 0 && path.indexOf('/node_modules/') === -1 && path.indexOf('/.improve/') === -1;
  }

  // 0-based lines whose first non-blank character lies in an executed range. Ranges nest (a
  // function, then blocks inside it): the innermost range holding a position gives its count.
  function executedLines(source, functions) {
    var ranges = [];
    for (var f = 0; f < functions.length; f++) ranges = ranges.concat(functions[f].ranges);
    ranges.sort(function (a, b) {
      return a.startOffset - b.startOffset || b.endOffset - a.endOffset;
    });
    var lines = [];
    var lineStart = 0;
    for (var line = 0; lineStart <= source.length; line++) {
      var newline = source.indexOf('\\n', lineStart);
      var lineEnd = newline === -1 ? source.length : newline;
      var position = lineStart;
      while (position < lineEnd && (source[position] === ' ' || source[position] === '\\t')) position++;
      if (position < lineEnd) {
        var count = 0;
        for (var r = 0; r < ranges.length && ranges[r].startOffset <= position; r++) {
          if (ranges[r].endOffset > position) count = ranges[r].count;
        }
        if (count > 0) lines.push(line);
      }
      lineStart = lineEnd + 1;
    }
    return lines;
  }

  function scriptSource(scriptId, callback) {
    if (sources[scriptId] !== undefined) return callback(sources[scriptId]);
    post('Debugger.getScriptSource', { scriptId: scriptId }, function (error, result) {
      sources[scriptId] = error ? '' : result.scriptSource;
      callback(sources[scriptId]);
    });
  }

  return {
    begin: function (done) {
      whenStarted(function () {
        if (started !== 'ready') return done();
        // Taking precise coverage resets the counters: what end() takes is this test's alone.
        post('Profiler.takePreciseCoverage', {}, function () {
          done();
        });
      });
    },
    end: function (testFile, namePath, passed, done) {
      if (started !== 'ready') return done();
      post('Profiler.takePreciseCoverage', {}, function (error, taken) {
        if (error) return done();
        var scripts = taken.result.filter(function (script) {
          return ownModule(script.url);
        });
        var covered = {};
        var next = function (i) {
          if (i === scripts.length) {
            var entry = { file: testFile, namePath: namePath, passed: passed, lines: covered };
            try {
              fs.appendFileSync(outputFile, JSON.stringify(entry) + '\\n');
            } catch (ignored) {
              // Coverage is a help for localization, never a reason for a test run to fail.
            }
            return done();
          }
          scriptSource(scripts[i].scriptId, function (source) {
            var lines = executedLines(source, scripts[i].functions);
            if (lines.length > 0) covered[scripts[i].url] = lines;
            next(i + 1);
          });
        };
        next(0);
      });
    },
  };
}
`;
