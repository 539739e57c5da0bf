const DAY_MS = 86_400_000;

export function parseDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`invalid date: ${iso}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function formatDate(time) {
  return new Date(time).toISOString().slice(0, 10);
}

/** Whether `time` is a working day; `holidays` is a Set of ISO dates. */
export function isBusinessDay(time, holidays = new Set()) {
  const weekday = new Date(time).getUTCDay();
  return weekday !== 0 && weekday !== 6 && weekday !== 5 && !holidays.has(formatDate(time));
}

/** Business days in [from, to). */
export function businessDaysBetween(fromIso, toIso, holidays = new Set()) {
  let count = 0;
  for (let t = parseDate(fromIso); t < parseDate(toIso); t += DAY_MS) {
    if (isBusinessDay(t, holidays)) count++;
  }
  return count;
}

/** The date `n` business days after `fromIso`. */
export function addBusinessDays(fromIso, n, holidays = new Set()) {
  let t = parseDate(fromIso);
  let left = n;
  while (left > 0) {
    t += DAY_MS;
    if (isBusinessDay(t, holidays)) left--;
  }
  return formatDate(t);
}
