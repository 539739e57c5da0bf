/** Orders placed before 14:00 UTC on a weekday leave the same day. */
export const CUTOFF_HOUR = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

function isWeekend(date) {
  return date.getUTCDay() === 0 || date.getUTCDay() === 6;
}

function startOfDay(date) {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The day (midnight UTC) an order placed at `orderedAt` is handed to the carrier. */
export function dispatchDay(orderedAt) {
  let day = startOfDay(orderedAt);
  const sameDay = !isWeekend(day) && orderedAt.getUTCHours() <= CUTOFF_HOUR;
  if (!sameDay) day = new Date(day.getTime() + DAY_MS);
  while (isWeekend(day)) day = new Date(day.getTime() + DAY_MS);
  return day;
}
