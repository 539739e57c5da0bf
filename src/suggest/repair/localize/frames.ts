import { isTestPath } from '../../../contract/test-files.ts';
import { allTests, type TestReport } from '../../../testing/report.ts';
import { type LineScores, raiseScore } from './line-scores.ts';

/** Each frame further out from where the error was thrown is this much less suspicious. */
const FRAME_DECAY = 0.7;

/**
 * Lines in the stacks of failing tests' errors: the innermost frame outside the tests scores 1, each outer
 * one 0.7 times the one inside it. Flaky tests are not evidence.
 */
export function frameScores(report: TestReport): LineScores {
  const scores: LineScores = new Map();
  for (const test of allTests(report)) {
    if (test.status !== 'failed' || test.flaky || !test.failure) continue;
    let score = 1;
    for (const frame of test.failure.frames) {
      if (isTestPath(frame.file)) continue;
      raiseScore(scores, frame.file, frame.line, score);
      score *= FRAME_DECAY;
    }
  }
  return scores;
}
