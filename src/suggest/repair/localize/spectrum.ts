import type { TestCoverage } from '../../../testing/test-coverage.ts';
import { getOrCreate } from '../get-or-create.ts';
import type { LineScores } from './line-scores.ts';

/**
 * Ochiai suspiciousness of every line a failing test executed:
 * failed(s) / sqrt(totalFailed * (failed(s) + passed(s))). Lines no failing test ran score 0 and are left out.
 */
export function ochiaiScores(coverage: readonly TestCoverage[]): LineScores {
  const totalFailed = coverage.filter((test) => !test.passed).length;
  const scores: LineScores = new Map();
  if (totalFailed === 0) return scores;
  const counts = new Map<string, Map<number, { failed: number; passed: number }>>();
  for (const test of coverage) {
    for (const [file, lines] of Object.entries(test.lines)) {
      const byLine = getOrCreate(counts, file, () => new Map());
      for (const line of new Set(lines)) {
        const count = byLine.get(line) ?? { failed: 0, passed: 0 };
        if (test.passed) count.passed++;
        else count.failed++;
        byLine.set(line, count);
      }
    }
  }
  for (const [file, byLine] of counts) {
    const fileScores = new Map<number, number>();
    for (const [line, { failed, passed }] of byLine) {
      if (failed > 0) fileScores.set(line, failed / Math.sqrt(totalFailed * (failed + passed)));
    }
    if (fileScores.size > 0) scores.set(file, fileScores);
  }
  return scores;
}
