import type { Finding } from '../contract/finding.ts';
import type { StoredFindings, StoredReport } from './stored.ts';

/**
 * What "green" means, once: the suite passes and no finding worth another cycle is left. The stop
 * rule `green` fires exactly then, and the report's status is `green` exactly when that rule
 * stopped the run, so the two cannot disagree.
 */
export function isGreen(loop: { current: Pick<StoredReport, 'passes'>; findings: Pick<StoredFindings, 'open'> }): boolean {
  return loop.current.passes && loop.findings.open === 0;
}

/** High and medium findings break behaviour or cost speed or robustness; low ones are advice for a person. */
export function worthAnotherCycle(finding: Finding): boolean {
  return finding.priority !== 'low';
}
