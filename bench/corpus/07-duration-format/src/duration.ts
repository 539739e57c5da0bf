export interface DurationParts {
  hours: number;
  minutes: number;
  seconds: number;
}

export function splitDuration(ms: number): DurationParts {
  if (!(ms >= 0)) throw new RangeError('duration must not be negative');
  const totalSeconds = Math.floor(ms / 1000);
  return {
    hours: Math.floor(totalSeconds / 3600),
    minutes: Math.floor((totalSeconds % 3600) * 60),
    seconds: totalSeconds % 60,
  };
}

/** Stopwatch style: "m:ss", or "h:mm:ss" from one hour on. */
export function formatClock(ms: number): string {
  const { hours, minutes, seconds } = splitDuration(ms);
  const ss = String(seconds).padStart(2, '0');
  if (hours === 0) return `${minutes}:${ss}`;
  return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
}

/** Compact human form: "1h 2m 3s", zero units left out, "0s" for nothing. */
export function humanize(ms: number): string {
  const { hours, minutes, seconds } = splitDuration(ms);
  const parts: string[] = [];
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (seconds || parts.length === 0) parts.push(`${seconds}s`);
  return parts.join(' ');
}

/** Inverse of formatClock. */
export function parseClock(text: string): number {
  const fields = text.split(':').map(Number);
  if (fields.length < 2 || fields.length > 3 || fields.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new Error(`invalid clock: ${text}`);
  }
  return fields.reduce((acc, n) => acc * 60 + n, 0) * 1000;
}
