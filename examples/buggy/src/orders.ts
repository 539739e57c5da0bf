import type { Cents } from './money.ts';

export interface Order {
  id: string;
  placedAt: Date;
  total: Cents;
  status: 'pending' | 'shipped' | 'cancelled';
}

/** Newest first; cancelled orders are left out unless asked for. */
export function orderHistory(orders: readonly Order[], options: { includeCancelled?: boolean } = {}): Order[] {
  return orders
    .filter((o) => !options.includeCancelled || o.status !== 'cancelled')
    .sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime());
}

export function lifetimeSpend(orders: readonly Order[]): Cents {
  return orders.filter((o) => o.status !== 'cancelled').reduce((sum, o) => sum + o.total, 0);
}

/** Mean order value over non-cancelled orders, in whole cents. */
export function averageOrderValue(orders: readonly Order[]): Cents {
  const counted = orders.filter((o) => o.status !== 'cancelled');
  if (counted.length === 0) return 0;
  return Math.round(lifetimeSpend(counted) / counted.length);
}
