// What every reliability case ends with: whether the tool held, and why in one line.

export interface Verdict {
  name: string;
  held: boolean;
  /** One line: what was seen, so a failure says what to fix. */
  why: string;
  ms: number;
}

export interface Outcome {
  held: boolean;
  why: string;
}

export const held = (why: string): Outcome => ({ held: true, why });
export const failed = (why: string): Outcome => ({ held: false, why });

/** The first failure among checks (each a reason string when it fails), else held with `why`. */
export function firstFailure(checks: (string | undefined | false)[], why: string): Outcome {
  const failure = checks.find((check): check is string => typeof check === 'string');
  return failure === undefined ? held(why) : failed(failure);
}

/** Runs one case, timing it; a bench error is a failure too, said as such, so nothing is silently skipped. */
export async function judge(name: string, run: () => Promise<Outcome>): Promise<Verdict> {
  const start = performance.now();
  let outcome: Outcome;
  try {
    outcome = await run();
  } catch (error) {
    outcome = failed(`bench error: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
  return { name, ...outcome, why: oneLine(outcome.why), ms: Math.round(performance.now() - start) };
}

export function oneLine(text: string, max = 240): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
