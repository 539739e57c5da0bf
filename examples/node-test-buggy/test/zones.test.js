import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { price, sortingCentre, zoneBetween } from '../src/zones.js';

describe('sorting centre', () => {
  it('is named by the first three digits', () => {
    assert.equal(sortingCentre('10458'), '104');
  });

  it('rejects what is not a ZIP code', () => {
    assert.throws(() => sortingCentre('1045'), /not a ZIP code: "1045"/);
  });
});

describe('zones', () => {
  it('is 1 within a sorting centre', () => {
    assert.equal(zoneBetween('10001', '10003'), 1);
  });

  it('is 2 within a region', () => {
    assert.equal(zoneBetween('10001', '10458'), 2);
    assert.equal(zoneBetween('10001', '14850'), 2);
  });

  it('is 3 across the country', () => {
    assert.equal(zoneBetween('10001', '94103'), 3);
  });
});

describe('price', () => {
  it("adds a price for each kilo to the zone's base", () => {
    assert.equal(price(2, 2.5), 920);
    assert.equal(price(3, 20), 3695);
  });

  it('refuses an unknown zone', () => {
    assert.throws(() => price(4, 1), RangeError);
  });
});
