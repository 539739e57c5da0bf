import path from 'node:path';
import type { ImprovementReport } from '../contract/report.ts';
import { plural } from '../text/plural.ts';

/**
 * The last words of a finished run for a person: what would help with the findings no suggester
 * could act on, which files were written into the project (or that none were), and where the report
 * is. The event stream has said everything else.
 */
export function closingLines(report: ImprovementReport, projectDir: string, reportFile?: string): string[] {
  const lines: string[] = [];
  if (report.unaddressed) lines.push(report.unaddressed.reason);
  if (report.writeMode === 'dry-run') {
    if (report.accepted.length > 0) {
      lines.push(`dry run, nothing written: run again with --write, or git apply ${path.join(report.artifactsDir, 'improvements.patch')}`);
    }
  } else if (report.written.length > 0) {
    lines.push(`wrote ${plural(report.written.length, 'file')} in ${projectDir}: ${report.written.join(', ')}`);
  } else if (!report.writeError) {
    lines.push('nothing written: no change was kept');
  }
  lines.push(`report: ${reportFile ? `${path.resolve(reportFile)} and ` : ''}${path.join(report.artifactsDir, 'report.json')}`);
  return lines;
}
