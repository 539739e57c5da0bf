import { type Entry, minutesByProject } from './timesheet';

/** Hourly rates in cents, by project. */
export type Rates = Readonly<Record<string, number>>;

export interface InvoiceLine {
  project: string;
  minutes: number;
  /** Cents. */
  amount: number;
}

export interface Invoice {
  lines: InvoiceLine[];
  net: number;
  vat: number;
  gross: number;
}

export function lineAmount(minutes: number, hourlyRate: number): number {
  const hours = minutes * 60;
  return Math.round(hours * hourlyRate);
}

/** One line per project, sorted by name; VAT on the net total. */
export function invoice(entries: readonly Entry[], rates: Rates, vatRate: number): Invoice {
  const lines = [...minutesByProject(entries)]
    .map(([project, minutes]) => {
      const rate = rates[project];
      if (rate === undefined) throw new Error(`no hourly rate for project "${project}"`);
      return { project, minutes, amount: lineAmount(minutes, rate) };
    })
    .sort((a, b) => a.project.localeCompare(b.project));
  const net = lines.reduce((sum, line) => sum + line.amount, 0);
  const vat = Math.round(net * vatRate);
  return { lines, net, vat, gross: net + vat };
}
