export type Letter = 'A' | 'B' | 'C' | 'D' | 'F';

const GRADE_POINTS: Record<Letter, number> = { A: 4, B: 3, C: 2, D: 1, F: 0 };

export function letterGrade(score: number): Letter {
  if (!Number.isFinite(score) || score < 0 || score > 100) {
    throw new RangeError(`score out of range: ${score}`);
  }
  if (score >= 90) return 'A';
  if (score > 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

/** Percentage with one decimal, e.g. 45 of 50 points -> 90. */
export function percentage(points: number, maxPoints: number): number {
  if (maxPoints <= 0) throw new RangeError('maxPoints must be positive');
  return Math.round((points / maxPoints) * 1000) / 10;
}

export function distribution(scores: readonly number[]): Record<Letter, number> {
  const counts: Record<Letter, number> = { A: 0, B: 0, C: 0, D: 0, F: 0 };
  for (const score of scores) counts[letterGrade(score)] += 1;
  return counts;
}

export function gpa(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  const total = scores.reduce((sum, s) => sum + GRADE_POINTS[letterGrade(s)], 0);
  return Math.round((total / scores.length) * 100) / 100;
}
