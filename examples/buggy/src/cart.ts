import { type Cents, roundCents } from './money.ts';

export interface LineItem {
  sku: string;
  name: string;
  unitPrice: Cents;
  quantity: number;
}

export interface Cart {
  items: LineItem[];
}

export interface Coupon {
  code: string;
  percentOff: number;
  expiresAt?: Date;
}

export interface Totals {
  subtotal: Cents;
  discount: Cents;
  shipping: Cents;
  tax: Cents;
  total: Cents;
}

export const FREE_SHIPPING_FROM: Cents = 5000;
export const FLAT_SHIPPING: Cents = 499;

export function emptyCart(): Cart {
  return { items: [] };
}

export function addItem(cart: Cart, item: LineItem): Cart {
  if (item.quantity <= 0) throw new RangeError(`quantity must be positive, got ${item.quantity}`);
  const existing = cart.items.find((i) => i.sku === item.sku);
  if (!existing) return { items: [...cart.items, { ...item }] };
  return {
    items: cart.items.map((i) => (i.sku === item.sku ? { ...i, quantity: i.quantity + item.quantity } : i)),
  };
}

export function removeItem(cart: Cart, sku: string): Cart {
  return { items: cart.items.filter((i) => i.sku !== sku) };
}

export function subtotal(cart: Cart): Cents {
  return cart.items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0);
}

export function isCouponValid(coupon: Coupon, now: Date): boolean {
  if (coupon.percentOff <= 0 || coupon.percentOff > 100) return false;
  return coupon.expiresAt === undefined || coupon.expiresAt.getTime() > now.getTime();
}

export function shippingFor(amount: Cents): Cents {
  if (amount === 0) return 0;
  return amount >= FREE_SHIPPING_FROM ? 0 : FLAT_SHIPPING;
}

/** Discount first, then shipping on the discounted amount, then tax on goods only. */
export function totals(cart: Cart, options: { taxRate: number; coupon?: Coupon; now?: Date }): Totals {
  const gross = subtotal(cart);
  const coupon = options.coupon && isCouponValid(options.coupon, options.now ?? new Date()) ? options.coupon : undefined;
  const discount = coupon ? roundCents((gross * coupon.percentOff) / 100) : 0;
  const goods = gross - discount;
  const shipping = shippingFor(goods);
  const tax = roundCents(gross * options.taxRate);
  return { subtotal: gross, discount, shipping, tax, total: goods + shipping + tax };
}
