// The --report file: refused before the run when it could not be written or would replace
// something that is not a report, written atomically after it.
import { constants } from 'node:fs';
import { access, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ImprovementReport } from '../contract/report.ts';
import { UsageError } from './args.ts';

const writable = (path: string) =>
  access(path, constants.W_OK).then(
    () => true,
    () => false,
  );

/** An earlier report (of any version) is what --report may replace: never a project's own file. */
async function isReport(file: string): Promise<boolean> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof value === 'object' && value !== null && 'version' in value && 'runId' in value && typeof value.runId === 'string';
  } catch {
    return false;
  }
}

/** Everything that would make writing the report fail, or destroy a file, is known before the run, not after it. */
export async function checkReportTarget(file: string | undefined): Promise<void> {
  if (file === undefined) return;
  const target = resolve(file);
  const dir = dirname(target);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`--report: directory not found: ${dir}`);
  if (!(await writable(dir))) throw new UsageError(`--report: directory is not writable: ${dir}`);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`--report names a directory: ${target}`);
  if (existing && !(await isReport(target))) {
    throw new UsageError(`--report would replace ${target}, which is not a report (name a new file or an earlier report)`);
  }
}

/** Writes the report next to its final name first, so a crash never leaves half a file. */
export async function writeReport(file: string, report: ImprovementReport): Promise<void> {
  const target = resolve(file);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
