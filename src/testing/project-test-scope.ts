import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { selectProjectFiles } from '../sandbox/copy.ts';
import type { TestReport } from './report.ts';
import { findTestScope } from './test-scope.ts';

/** Code files larger than this are generated or bundled: no test helper hides in them. */
const MAX_CODE_BYTES = 1024 * 1024;
const READ = /\.[cm]?[jt]sx?$|(^|\/)(\.mocharc\.[\w]+|jest\.config\.json|mocha\.opts)$/;

/**
 * The files of the project at `projectDir` that belong to its tests (see `findTestScope`), sorted:
 * read from the project itself (what a sandbox copy holds), with the test files its runner ran in
 * `report`.
 */
export async function projectTestScope(projectDir: string, report: TestReport): Promise<string[]> {
  const files = await selectProjectFiles(projectDir);
  const texts = new Map<string, string>();
  await Promise.all(
    files
      .filter((file) => READ.test(file))
      .map(async (file) => {
        const absolute = path.join(projectDir, file);
        const info = await stat(absolute).catch(() => undefined);
        if (!info?.isFile() || info.size > MAX_CODE_BYTES) return;
        const text = await readFile(absolute, 'utf8').catch(() => undefined);
        if (text !== undefined) texts.set(file, text);
      }),
  );
  const runnerTestFiles = report.files.map((file) => file.file);
  return [...findTestScope({ files, texts, runnerTestFiles })].sort();
}
