function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** ISO-8601 UTC timestamp. */
export function formatTimestamp(epochMs: number): string {
  const d = new Date(epochMs);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${time}.${pad(d.getUTCMilliseconds(), 2)}Z`;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/;

export function parseTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text);
  if (!m) throw new Error(`invalid timestamp: ${text}`);
  const [year, month, day, hours, minutes, seconds, ms] = m.slice(1).map(Number) as number[];
  return Date.UTC(year!, month! - 1, day!, hours, minutes, seconds, ms);
}

export type Level = 'debug' | 'info' | 'warn' | 'error';

export function logLine(level: Level, message: string, epochMs: number): string {
  return `${formatTimestamp(epochMs)} ${level.toUpperCase().padEnd(5)} ${message}`;
}

/** Sorts log lines by their leading timestamp (lexical order works for this format). */
export function sortLogLines(lines: readonly string[]): string[] {
  return [...lines].sort((a, b) => (a.slice(0, 24) < b.slice(0, 24) ? -1 : a.slice(0, 24) > b.slice(0, 24) ? 1 : 0));
}
