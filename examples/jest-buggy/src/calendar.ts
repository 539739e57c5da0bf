const DAY_MS = 24 * 60 * 60 * 1000;

/** A day as YYYY-MM-DD, read as midnight UTC. */
export function parseDay(day: string): number {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(time)) throw new RangeError(`not a day: "${day}"`);
  return time;
}

export function formatDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Every day from `first` to `last`, both included. */
export function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  const end = parseDay(last);
  for (let time = parseDay(first); time < end; time += DAY_MS) days.push(formatDay(time));
  return days;
}

export function isWeekend(day: string): boolean {
  const weekday = new Date(parseDay(day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function workingDays(first: string, last: string): string[] {
  return daysFrom(first, last).filter((day) => !isWeekend(day));
}
