function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `month` is 1-based: 1 = January. Day 0 of the next month is the last day of this one. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`invalid month: ${month}`);
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function parseIsoDate(iso: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`invalid date: ${iso}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Adds calendar months, clamping the day to the end of a shorter month (Jan 31 + 1 -> Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = parseIsoDate(iso);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${newYear}-${pad(newMonth)}-${pad(newDay)}`;
}

export function lastDayOfMonth(iso: string): string {
  const [year, month] = parseIsoDate(iso);
  return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
}

export function daysInYear(year: number): number {
  let total = 0;
  for (let month = 1; month <= 12; month++) total += daysInMonth(year, month);
  return total;
}
