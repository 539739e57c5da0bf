import { ImprovementReportSchema } from '../contract/report.ts';
import type { ImprovementEvent, LoopEvent } from '../events/improvement-event.ts';
import { plural } from '../text/plural.ts';
import { diffSummary } from './diff-summary.ts';
import { END_GROUP, group } from './github-actions.ts';

/** How events reach the person or program running the CLI; `ci`: plain lines in GitHub Actions' foldable groups. */
export type RenderMode = 'tty' | 'lines' | 'ci' | 'json';

export interface Output {
  write(text: string): unknown;
}

export interface Renderer {
  onEvent(event: ImprovementEvent): void;
  /** Clears the live status line so later output starts on a fresh line. */
  close(): void;
}

const BAR_WIDTH = 24;

function progressBar(done: number, total: number | undefined): string {
  if (!total) return `${done} files`;
  const filled = Math.round((Math.min(done, total) / total) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} files`;
}

/** What a kept change achieved: tests fixed, or for other findings the effect the loop measured. */
const keptEffect = (event: Extract<LoopEvent, { type: 'patch-kept' }>): string =>
  event.effect ?? `fixes ${plural(event.fixed.length, 'test')}`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The permanent line a loop event deserves, or undefined for events that only move the status line. */
export function describe(event: LoopEvent): string | undefined {
  switch (event.type) {
    case 'iteration-start':
      return undefined;
    case 'iteration-end':
      // A cycle that tried nothing says why; the others are told by their patch events.
      return event.reason !== undefined ? `#${event.iteration} ${event.reason}` : undefined;
    case 'test-progress':
      return `  ${event.file}: ${event.passed} passed, ${event.failed} failed (${event.done}${event.total ? `/${event.total}` : ''})`;
    case 'test-run': {
      const label = { baseline: 'baseline', retest: `re-test #${event.iteration}`, confirm: 'confirming run on a fresh copy' }[event.phase];
      const { suite } = event;
      const line = `${label}: ${suite.passed} passed, ${suite.failed} failed of ${suite.total} (${seconds(suite.durationMs)})${suite.error ? ` - ${suite.error}` : ''}`;
      return event.phase === 'baseline' && suite.node ? `${line}\n  tests run on Node ${suite.node}` : line;
    }
    case 'findings': {
      if (event.findings.length === 0) return `findings: none`;
      const counts = ['high', 'medium', 'low']
        .map((priority) => [priority, event.findings.filter((f) => f.priority === priority).length] as const)
        .filter(([, n]) => n > 0)
        .map(([priority, n]) => `${n} ${priority}`);
      return `findings: ${counts.join(', ')}`;
    }
    case 'suggestion':
      // The first sentence says what the change is; the rest (evidence) is in the report.
      return `#${event.iteration} trying ${event.source} change to ${event.files.join(', ')}: ${event.rationale.split(/\.\s/)[0]}`;
    case 'approval-requested':
      return undefined;
    case 'patch-applied':
      return undefined;
    case 'patch-kept':
      return `  kept: ${keptEffect(event)}`;
    case 'patch-reverted':
      return `  reverted: ${event.reason}`;
    case 'patch-rejected':
      return `  rejected (${event.stage}): ${event.reason}`;
    case 'budget':
      return undefined;
    case 'summary': {
      const { baseline, final } = event;
      return [
        `done: ${event.status} (stop: ${event.stopReason}) after ${plural(event.iterations, 'iteration')}`,
        `  tests: ${baseline.failed} failing -> ${final.failed} failing, ${final.passed}/${final.total} passing`,
        `  ${event.accepted} kept, ${event.rejected} rejected; artifacts in ${event.artifactsDir}`,
      ].join('\n');
    }
    case 'published':
      if (event.skipped) return `pull request: none (${event.skipped})`;
      if (event.pullRequest) return `pull request ${event.pullRequest.updated ? 'updated' : 'opened'}: ${event.pullRequest.url}`;
      return undefined; // A failure is said once, at the end, with how to push the branch.
  }
}

/** Findings listed at the end of a run; the report file has them all. */
const SHOWN_FINDINGS = 10;

/** What is left to improve after a finished run, most urgent first, or nothing for other events. */
export function remainingFindings(event: ImprovementEvent): string | undefined {
  if (event.type !== 'run-finish') return undefined;
  const report = ImprovementReportSchema.safeParse(event.result);
  if (!report.success || report.data.findings.length === 0) return undefined;
  const { findings } = report.data;
  const lines = findings.slice(0, SHOWN_FINDINGS).map((f) => {
    const location = f.file ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}` : '';
    // Analyzers often end their message with the location; it is shown once, in front.
    const message = f.message.split('\n')[0]!.replace(` (${location})`, '');
    return `  [${f.priority}] ${f.category} ${location ? `${location}: ` : ''}${message}`;
  });
  if (findings.length > SHOWN_FINDINGS) lines.push(`  ... and ${findings.length - SHOWN_FINDINGS} more in the report`);
  return [`left to improve (${findings.length}):`, ...lines].join('\n');
}

function isLoopEvent(event: ImprovementEvent): event is LoopEvent {
  return !['run-start', 'run-finish', 'run-paused', 'run-canceled', 'unknown'].includes(event.type) && !event.type.startsWith('step-');
}

/** The foldable group (GitHub Actions) an event starts, if it starts one. */
function sectionOf(event: ImprovementEvent): string | undefined {
  if (event.type === 'run-start') return 'Baseline: test run and analysis';
  if (event.type === 'iteration-start') return `Iteration ${event.iteration}`;
  if ((event.type === 'test-progress' || event.type === 'test-run') && event.phase === 'confirm') return 'Confirming run on a fresh copy';
  return undefined;
}

/** Plain output: one line per event that says something, no cursor movement; in CI, grouped by phase. */
function lineRenderer(out: Output, { groups }: { groups: boolean }): Renderer {
  let section: string | undefined;
  const endSection = () => {
    if (section !== undefined) out.write(`${END_GROUP}\n`);
    section = undefined;
  };
  return {
    onEvent(event) {
      if (groups) {
        const next = sectionOf(event);
        if (next !== undefined && next !== section) {
          endSection();
          section = next;
          out.write(`${group(next)}\n`);
        } else if (event.type === 'summary' || event.type === 'run-finish') endSection();
      }
      const remaining = remainingFindings(event);
      if (remaining !== undefined) out.write(`${remaining}\n`);
      else if (event.type === 'patch-applied') out.write(`  applied: ${diffSummary(event.diff)}\n`);
      else if (isLoopEvent(event)) {
        const line = describe(event);
        if (line !== undefined) out.write(`${line}\n`);
      }
    },
    close: endSection,
  };
}

/**
 * For a person at a terminal: permanent lines for what matters (test runs, kept and reverted
 * changes), and one status line rewritten in place with the iteration, step and a test progress bar.
 */
function ttyRenderer(out: Output): Renderer {
  let status = '';
  let iteration = 0;
  let step = 'starting';
  let lastApplied = '';
  const draw = (text: string) => {
    status = text;
    out.write(`\r\x1b[2K${text}`);
  };
  const print = (text: string) => {
    out.write(`\r\x1b[2K${text}\n`);
    if (status) out.write(status);
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'step-start':
          step = event.path.at(-1) ?? event.stepId;
          draw(`iteration ${iteration} · ${step}`);
          return;
        case 'iteration-start':
          iteration = event.iteration;
          return;
        case 'test-progress':
          draw(`iteration ${iteration} · ${step} · ${progressBar(event.done, event.total)} · ${event.file}`);
          return;
        case 'patch-applied':
          lastApplied = diffSummary(event.diff);
          return;
        case 'patch-kept':
          print(`  ✔ kept ${lastApplied} (${keptEffect(event)})`);
          return;
        case 'patch-reverted':
          print(`  ✘ reverted ${lastApplied}: ${event.reason}`);
          return;
        case 'run-finish': {
          const remaining = remainingFindings(event);
          if (remaining !== undefined) print(remaining);
          return;
        }
        default:
          if (isLoopEvent(event)) {
            const line = describe(event);
            if (line !== undefined) print(line);
          }
      }
    },
    close() {
      if (status) out.write('\r\x1b[2K');
      status = '';
    },
  };
}

function jsonRenderer(out: Output): Renderer {
  return {
    onEvent(event) {
      out.write(`${JSON.stringify(event)}\n`);
    },
    close() {},
  };
}

export function createRenderer(mode: RenderMode, out: Output): Renderer {
  if (mode === 'json') return jsonRenderer(out);
  return mode === 'tty' ? ttyRenderer(out) : lineRenderer(out, { groups: mode === 'ci' });
}
