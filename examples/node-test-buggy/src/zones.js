const ZIP = /^\d{5}$/;

/** The first three digits of a ZIP code name the sorting centre that serves it. */
export function sortingCentre(zip) {
  if (!ZIP.test(zip)) throw new RangeError(`not a ZIP code: "${zip}"`);
  return zip.slice(0, 2);
}

/** 1: same sorting centre, 2: same region (first digit), 3: across the country. */
export function zoneBetween(fromZip, toZip) {
  if (sortingCentre(fromZip) === sortingCentre(toZip)) return 1;
  return fromZip[0] === toZip[0] ? 2 : 3;
}

/** Cents: a base price by zone, and a price for every billable kilo. */
const RATES = {
  1: { base: 495, perKg: 60 },
  2: { base: 695, perKg: 90 },
  3: { base: 895, perKg: 140 },
};

export function price(zone, billableKg) {
  const rate = RATES[zone];
  if (rate === undefined) throw new RangeError(`no such zone: ${zone}`);
  return rate.base + Math.round(rate.perKg * billableKg);
}
