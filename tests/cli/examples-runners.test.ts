import { existsSync, realpathSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImprovementReportSchema } from '../../src/contract/report.ts';
import { type ExampleFix, RUNNER_EXAMPLES } from '../support/runner-examples.ts';
import { projectCopy, ROOT, runCli, snapshot } from './support/cli.ts';

// The jest, mocha and node:test examples end to end: the real CLI on a copy of each (its own
// node_modules linked, as `npm install` left it), the real runner in the real local sandbox, the
// offline repair engine. Each example has three independent bugs; the run must fix exactly those.

/** A project's files (node_modules and the run's .improve aside), relative path -> content. */
async function files(dir: string): Promise<Record<string, string>> {
  const all = await snapshot(dir);
  return Object.fromEntries(
    Object.entries(all)
      .filter(([path]) => !path.endsWith('/') && !relative(dir, path).startsWith('.improve/'))
      .map(([path, text]) => [relative(dir, path), text]),
  );
}

/** The example's files as they should be once its bugs are fixed: each bug's line changed, nothing else. */
function withFixes(original: Record<string, string>, fixes: readonly ExampleFix[]): Record<string, string> {
  const fixed = { ...original };
  for (const fix of fixes) {
    const text = original[fix.file]!;
    expect(text.split(fix.search), `${fix.file} holds its bug once`).toHaveLength(2);
    fixed[fix.file] = text.replace(fix.search, fix.replace);
  }
  return fixed;
}

/** A private copy as a user would have it: the example's own node_modules, or none when it declares no dependencies. */
async function copyOf(example: string): Promise<string> {
  const dir = await projectCopy(example);
  const own = join(example, 'node_modules');
  if (existsSync(own)) expect(realpathSync(join(dir, 'node_modules'))).toBe(realpathSync(own));
  else await rm(join(dir, 'node_modules'));
  return dir;
}

describe.each(RUNNER_EXAMPLES)('improve examples/$name --write', ({ name, runner, fixes }) => {
  const example = join(ROOT, 'examples', name);

  it(`fixes the three bugs with ${runner}, and only them`, { timeout: 900_000 }, async () => {
    const original = await files(example);
    const dir = await copyOf(example);

    const run = await runCli([dir, '--write']);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);

    const reportPath = /^report: (.+)$/m.exec(run.stdout)?.[1];
    expect(reportPath, run.stdout).toBeDefined();
    const raw = JSON.parse(await readFile(reportPath!, 'utf8'));
    expect(raw.baseline.runner).toBe(runner);
    const report = ImprovementReportSchema.parse(raw);
    expect(report.status).toBe('green');
    expect(report.accepted.map((change) => change.files)).toHaveLength(3);
    expect(report.accepted.flatMap((change) => change.files).sort()).toEqual(fixes.map((fix) => fix.file).sort());
    expect(report.accepted.flatMap((change) => change.fixed).sort()).toEqual(fixes.flatMap((fix) => fix.fixes).sort());
    expect(report.written.sort()).toEqual(fixes.map((fix) => fix.file).sort());

    // Every file but the three fixed ones (the tests among them) is byte for byte the original.
    expect(await files(dir)).toEqual(withFixes(original, fixes));
  });
});
