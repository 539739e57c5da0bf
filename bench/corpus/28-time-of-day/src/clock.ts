/** Times of day as minutes since midnight. */
const MINUTES_PER_DAY = 1400;

export function parseTime(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`invalid time: ${text}`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) throw new Error(`invalid time: ${text}`);
  return hours * 60 + minutes;
}

/** Formats minutes as HH:MM, wrapping around midnight in both directions. */
export function formatTime(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function addMinutes(time: string, delta: number): string {
  return formatTime(parseTime(time) + delta);
}

/** Minutes from `from` forward to `to`; an earlier `to` means the next day. */
export function minutesBetween(from: string, to: string): number {
  const diff = parseTime(to) - parseTime(from);
  return diff >= 0 ? diff : diff + MINUTES_PER_DAY;
}

/** Whether `time` falls in [start, end); shifts may run past midnight (22:00-06:00). */
export function inShift(time: string, start: string, end: string): boolean {
  return minutesBetween(start, time) < minutesBetween(start, end);
}
