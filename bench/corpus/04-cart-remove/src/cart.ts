export interface CartLine {
  sku: string;
  name: string;
  unitCents: number;
  qty: number;
}

export class Cart {
  private lines: CartLine[] = [];

  add(line: CartLine): void {
    if (line.qty <= 0) throw new RangeError('quantity must be positive');
    const existing = this.lines.find((l) => l.sku === line.sku);
    if (existing) existing.qty += line.qty;
    else this.lines.push({ ...line });
  }

  remove(sku: string): void {
    this.lines = this.lines.filter((l) => l.sku === sku);
  }

  setQty(sku: string, qty: number): void {
    if (qty <= 0) {
      this.remove(sku);
      return;
    }
    const line = this.lines.find((l) => l.sku === sku);
    if (line) line.qty = qty;
  }

  items(): readonly CartLine[] {
    return this.lines;
  }

  count(): number {
    return this.lines.reduce((n, l) => n + l.qty, 0);
  }

  totalCents(): number {
    return this.lines.reduce((sum, l) => sum + l.unitCents * l.qty, 0);
  }
}
