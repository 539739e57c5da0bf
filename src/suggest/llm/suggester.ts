import type { LanguageModel } from 'ai';
import type { Finding } from '../../contract/finding.ts';
import { normalizeProjectPath } from '../../contract/test-files.ts';
import type { RejectedAttempt, SuggestContext, Suggester } from '../suggester.ts';
import type { Suggestion } from '../suggestion.ts';
import { type ModelAnswer, ModelAnswerSchema } from './answer.ts';
import { addCall, budgetStop, estimateTokens, type ModelBudget, type ModelUsage, NO_USAGE, tokensUsed } from './budget.ts';
import { checkAnswer, type UsableSuggestion } from './check-answer.ts';
import { failingTestsOf, localize } from './localize.ts';
import { chosenModel, type ModelChoice, ModelConfigError, type ModelEnvironment, modelLabel } from './model-name.ts';
import { buildPrompt, retryPrompt } from './prompt.ts';
import { loadModelRuntime } from './runtime.ts';
import { type CandidateResult, type CandidateValidator, runLimitFor, sandboxValidator } from './validate.ts';

// The SDK prints provider warnings (e.g. unsupported settings) to the console; the run reports its own.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

export interface ModelSuggesterOptions {
  /** An AI SDK model, an OpenAI model id, or `openai/<id>`; default IMPROVE_MODEL, else gpt-4.1-mini. */
  model?: ModelChoice;
  /** Where OPENAI_API_KEY, OPENAI_BASE_URL and IMPROVE_MODEL come from (default process.env). */
  env?: ModelEnvironment;
  /** Tokens (input plus output) the run may spend. */
  maxTokens?: number;
  /** Model calls the run may make. */
  maxCalls?: number;
  /** Output tokens one answer may take. */
  maxOutputTokens?: number;
  /** Alternative changes asked for per finding. */
  maxSuggestions?: number;
  /** Findings worked on per `suggest` call, most urgent first. */
  findingsPerCall?: number;
  /** Rejected attempts after which a finding is left alone (the caller's and this suggester's). */
  attemptsPerFinding?: number;
  /** Limit on one model request. */
  requestTimeoutMs?: number;
  /** Lines shown either side of a location in files too long to show whole. */
  contextLines?: number;
  /** How candidates are tested; default: the repair engine's validation in the sandbox. */
  validator?: (context: SuggestContext) => CandidateValidator;
}

export const MODEL_SUGGESTER_DEFAULTS = {
  maxTokens: 200_000,
  maxCalls: 20,
  maxOutputTokens: 4_096,
  maxSuggestions: 3,
  findingsPerCall: 1,
  attemptsPerFinding: 4,
  requestTimeoutMs: 90_000,
  contextLines: 30,
};

/** Usage so far against the run's limits. */
export interface ModelUsageReport extends ModelUsage, ModelBudget {
  model: string;
  exhausted: boolean;
}

export interface ModelSuggester extends Suggester {
  readonly name: 'llm';
  /** Input plus output tokens spent so far (the workflow's metered-suggester contract). */
  readonly tokensUsed: number;
  usage(): ModelUsageReport;
  /** What happened in the last `suggest` call that returned nothing useful: dropped answers, budget stops, errors. */
  notes(): readonly string[];
}

/** What this suggester says to the model, and hears back: text only. */
type TextMessage = { role: 'user' | 'assistant'; content: string };

/** One answer from the model, or why there is none. */
type Reply = { answer: ModelAnswer; text: string } | { problem: string; text: string; retryable: boolean };

/**
 * Suggests changes with a language model. Per finding: the code around it, the failing tests'
 * errors and the run's rejected attempts go into one prompt; the answer's edits are checked with
 * the patch engine's rules and an unusable answer is sent back once with what was wrong; usable
 * changes are validated in the sandbox and only validated ones are returned.
 */
export function createModelSuggester(options: ModelSuggesterOptions = {}): ModelSuggester {
  const settings = { ...MODEL_SUGGESTER_DEFAULTS, ...definedOnly(options) };
  const budget: ModelBudget = { maxCalls: settings.maxCalls, maxTokens: settings.maxTokens };
  let model: LanguageModel | undefined;
  let usage: ModelUsage = NO_USAGE;
  let notes: string[] = [];
  let made = 0;
  /** Changes this suggester saw fail, fed back like the caller's own rejections. */
  const ownRejections: RejectedAttempt[] = [];

  const label = (): string => {
    try {
      return modelLabel(model ?? chosenModel(options.model, options.env ?? process.env));
    } catch {
      return String(options.model ?? options.env?.IMPROVE_MODEL ?? 'unknown');
    }
  };

  async function ask(conversation: TextMessage[], instructions: string, context: SuggestContext): Promise<Reply> {
    const { signal } = context;
    // The request leaves the machine: the code and test output in it go out without secret values.
    const redact = (text: string) => context.sandbox.redact?.(text) ?? text;
    const system = redact(instructions);
    const messages = conversation.map((message) => ({ ...message, content: redact(message.content) }));
    const stop = budgetStop(usage, budget, estimateTokens(system + messages.map((m) => JSON.stringify(m.content)).join('')));
    if (stop) return { problem: stop, text: '', retryable: false };
    const remaining = budget.maxTokens - tokensUsed(usage);
    const { ai, resolveModel } = await loadModelRuntime();
    try {
      model ??= resolveModel(options.model, options.env);
      const result = await ai.generateText({
        model,
        system,
        messages,
        output: ai.Output.object({ schema: ModelAnswerSchema, name: 'suggestions' }),
        maxOutputTokens: Math.max(1, Math.min(settings.maxOutputTokens, remaining)),
        maxRetries: 1,
        timeout: settings.requestTimeoutMs,
        ...(signal ? { abortSignal: signal } : {}),
      });
      usage = addCall(usage, result.usage);
      return { answer: result.output, text: result.text };
    } catch (error) {
      if (ai.NoObjectGeneratedError.isInstance(error)) {
        usage = addCall(usage, error.usage);
        return {
          problem: `the answer is not the JSON the schema asks for (${oneLine(error.cause ?? error)})`,
          text: error.text ?? '',
          retryable: true,
        };
      }
      if (error instanceof ModelConfigError) return { problem: error.message, text: '', retryable: false };
      usage = addCall(usage, undefined);
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') && !signal?.aborted;
      return {
        problem: timedOut ? `the model did not answer within ${settings.requestTimeoutMs} ms` : `the model call failed: ${oneLine(error)}`,
        text: '',
        retryable: false,
      };
    }
  }

  /** Asks for changes for one finding: one call, plus one more with the problems when nothing was usable. */
  async function usableFor(finding: Finding, context: SuggestContext): Promise<UsableSuggestion[]> {
    const failing = failingTestsOf(finding, context.report);
    const code = await localize(context.sandbox, finding, failing, settings.contextLines);
    const { system, prompt } = buildPrompt({
      finding,
      code,
      failingTests: failing,
      rejected: [...context.rejected, ...ownRejections],
      ...(context.learned ? { rejectedBefore: context.learned.rejectedBefore } : {}),
      maxSuggestions: settings.maxSuggestions,
    });
    const messages: TextMessage[] = [{ role: 'user', content: prompt }];
    const read = (file: string) => context.sandbox.readFile(file);
    for (let attempt = 1; ; attempt++) {
      const reply = await ask(messages, system, context);
      let problems: string[];
      let retryable: boolean;
      if ('answer' in reply) {
        const check = await checkAnswer(reply.answer, read, settings.maxSuggestions, context.testFiles);
        if (check.usable.length > 0) {
          for (const problem of check.problems) notes.push(`${finding.id}: dropped ${problem}`);
          return check.usable;
        }
        problems = check.problems;
        retryable = true;
      } else {
        problems = [reply.problem];
        retryable = reply.retryable;
      }
      if (attempt >= 2 || !retryable) {
        notes.push(`${finding.id}: ${attempt >= 2 ? 'dropped after one correction' : 'no answer'}: ${problems.join('; ')}`);
        return [];
      }
      messages.push({ role: 'assistant', content: reply.text || '(no text)' }, { role: 'user', content: retryPrompt(problems) });
    }
  }

  /** Validated suggestions for one finding; what fails validation is remembered for the next prompts. */
  async function suggestFor(
    finding: Finding,
    context: SuggestContext,
    validator: CandidateValidator,
    deadline: number,
  ): Promise<Suggestion[]> {
    const usable = await usableFor(finding, context);
    if (usable.length === 0) return [];
    const candidates = usable.map((entry) => ({ entry, suggestion: toSuggestion(entry, finding, ++made) }));
    let results: CandidateResult[];
    try {
      results = await validator.validate(
        candidates.map(({ suggestion, entry }) => ({
          id: suggestion.id,
          files: Object.fromEntries(entry.changes.map((change) => [change.file, change.after])),
        })),
        finding,
        { deadline, ...(context.signal ? { signal: context.signal } : {}) },
      );
    } catch (error) {
      // Not the candidates' fault: they are not held against the model.
      notes.push(`${finding.id}: validation failed: ${oneLine(error)}`);
      return [];
    }
    const kept: Suggestion[] = [];
    for (const { suggestion } of candidates) {
      const result = results.find((r) => r.id === suggestion.id);
      if (result?.accepted) {
        kept.push({ ...suggestion, validated: { fixedTests: result.fixed, brokeTests: result.broke }, usage: { ...usage } });
      } else {
        const reason = result?.reason ?? 'not validated';
        ownRejections.push({ suggestion, reason });
        notes.push(`${finding.id}: ${suggestion.id} rejected: ${reason}`);
      }
    }
    return kept;
  }

  return {
    name: 'llm',
    get tokensUsed() {
      return tokensUsed(usage);
    },
    usage: () => ({ ...usage, ...budget, model: label(), exhausted: budgetStop(usage, budget) !== undefined }),
    notes: () => notes,
    async suggest(context) {
      await loadModelRuntime(); // a missing AI SDK ends the run with what to install, not as one finding's trouble
      notes = [];
      const started = Date.now();
      const stop = budgetStop(usage, budget);
      if (stop) {
        notes.push(stop);
        return [];
      }
      const attempts = (finding: Finding) =>
        [...context.rejected, ...ownRejections].filter((r) => r.suggestion.findingId === finding.id).length;
      const open = context.findings.filter((finding) => finding.location && attempts(finding) < settings.attemptsPerFinding);
      const targets = open.slice(0, settings.findingsPerCall);
      if (targets.length === 0) {
        notes.push(`no finding left to work on (each needs a location and fewer than ${settings.attemptsPerFinding} rejected attempts)`);
      }
      const validator = (options.validator ?? defaultValidator)(context);
      const suggestions: Suggestion[] = [];
      for (const finding of targets) {
        if (context.signal?.aborted) break;
        try {
          suggestions.push(...(await suggestFor(finding, context, validator, started + (context.budgetMs ?? 10 * 60_000))));
        } catch (error) {
          // One finding's trouble (an unreadable file, a sandbox error) must not end the run.
          notes.push(`${finding.id}: ${oneLine(error)}`);
        }
      }
      return suggestions;
    },
  };
}

function defaultValidator(context: SuggestContext): CandidateValidator {
  return sandboxValidator(context.sandbox, { perRunTimeoutMs: runLimitFor(context.report) });
}

function toSuggestion({ suggestion }: UsableSuggestion, finding: Finding, serial: number): Suggestion {
  return {
    id: `llm-${serial}`,
    findingId: finding.id,
    source: 'llm',
    category: suggestion.category,
    priority: suggestion.priority,
    rationale: suggestion.rationale,
    edits: suggestion.edits.map((edit) => ({ ...edit, file: normalizeProjectPath(edit.file) ?? edit.file })),
  };
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
