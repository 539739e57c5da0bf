export interface InvoiceLine {
  description: string;
  unitCents: number;
  qty: number;
  taxable: boolean;
}

export interface Invoice {
  lines: InvoiceLine[];
  shippingCents: number;
  /** e.g. 0.2 for 20% */
  taxRate: number;
}

export interface Totals {
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
}

export function lineTotal(line: InvoiceLine): number {
  return line.unitCents * line.qty;
}

export function taxCents(invoice: Invoice): number {
  const taxable = invoice.lines.filter((line) => line.taxable).reduce((sum, line) => sum + lineTotal(line), 0);
  return Math.round((taxable + invoice.shippingCents) * invoice.taxRate);
}

export function totals(invoice: Invoice): Totals {
  const subtotal = invoice.lines.reduce((sum, line) => sum + lineTotal(line), 0);
  const tax = taxCents(invoice);
  return { subtotal, shipping: invoice.shippingCents, tax, total: subtotal + invoice.shippingCents + tax };
}

function money(cents: number): string {
  return (cents / 100).toFixed(2).padStart(10);
}

export function renderInvoice(invoice: Invoice): string {
  const t = totals(invoice);
  const rows = invoice.lines.map((line) => `${`${line.qty} x ${line.description}`.padEnd(24)}${money(lineTotal(line))}`);
  const summary = [['Subtotal', t.subtotal], ['Shipping', t.shipping], ['Tax', t.tax], ['Total', t.total]] as const;
  return [...rows, ...summary.map(([label, cents]) => `${label.padEnd(24)}${money(cents)}`)].join('\n');
}
