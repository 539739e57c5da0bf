export type OrderState = 'cart' | 'placed' | 'paid' | 'shipped' | 'delivered' | 'cancelled';
export type OrderEvent = 'place' | 'pay' | 'ship' | 'deliver' | 'cancel';

const TRANSITIONS: Record<OrderEvent, { from: readonly OrderState[]; to: OrderState }> = {
  place: { from: ['cart'], to: 'placed' },
  pay: { from: ['placed'], to: 'paid' },
  ship: { from: ['paid'], to: 'shipped' },
  deliver: { from: ['shipped'], to: 'delivered' },
  cancel: { from: ['cart', 'placed', 'paid'], to: 'cancelled' },
};

export function canApply(state: OrderState, event: OrderEvent): boolean {
  return TRANSITIONS[event].from.includes(state);
}

export function nextState(state: OrderState, event: OrderEvent): OrderState {
  if (!canApply(state, event)) throw new Error(`cannot ${event} an order that is ${state}`);
  return TRANSITIONS[event].to;
}

export class Order {
  state: OrderState = 'cart';
  readonly log: string[] = [];

  apply(event: OrderEvent): void {
    const to = nextState(this.state, event);
    this.log.push(`${this.state} -> ${to}`);
    this.state = to;
  }

  isFinal(): boolean {
    return this.state === 'delivered';
  }

  refundDue(): boolean {
    return this.state === 'cancelled' && this.log.includes('placed -> paid');
  }

  available(): OrderEvent[] {
    return (Object.keys(TRANSITIONS) as OrderEvent[]).filter((event) => canApply(this.state, event));
  }
}

export function replay(events: readonly OrderEvent[]): Order {
  const order = new Order();
  for (const event of events) order.apply(event);
  return order;
}
