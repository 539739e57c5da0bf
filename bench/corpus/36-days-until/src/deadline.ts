const DAY_MS = 86_400_000;

/** Day number of an ISO date (YYYY-MM-DD) counted from 1970-01-01. */
export function toDayNumber(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`invalid date: ${iso}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function daysUntil(deadline: string, today: string): number {
  return daysBetween(deadline, today);
}

export function dueLabel(deadline: string, today: string): string {
  const days = daysUntil(deadline, today);
  if (days < 0) return `overdue by ${-days} day${days === -1 ? '' : 's'}`;
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  return `due in ${days} days`;
}

export interface Task {
  title: string;
  due: string;
}

/** Tasks due within `horizon` days (overdue ones included), soonest first. */
export function upcoming(tasks: readonly Task[], today: string, horizon: number): Task[] {
  return tasks
    .filter((task) => daysUntil(task.due, today) <= horizon)
    .sort((a, b) => daysBetween(b.due, a.due));
}
