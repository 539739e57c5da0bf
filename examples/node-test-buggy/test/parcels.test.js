import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { billableWeight, volumetricWeight } from '../src/parcels.js';

describe('volumetric weight', () => {
  it('counts a cubic metre as 200 kg', () => {
    assert.equal(volumetricWeight({ lengthCm: 100, widthCm: 100, heightCm: 100 }), 200);
  });
});

describe('billable weight', () => {
  it('bills a small, heavy parcel by its weight', () => {
    assert.equal(billableWeight({ weightKg: 4.2, lengthCm: 30, widthCm: 20, heightCm: 10 }), 5);
  });

  it('bills a bulky, light parcel by its size', () => {
    assert.equal(billableWeight({ weightKg: 3, lengthCm: 60, widthCm: 40, heightCm: 40 }), 20);
  });

  it('rounds up to a whole kilo', () => {
    assert.equal(billableWeight({ weightKg: 1.2, lengthCm: 30, widthCm: 20, heightCm: 10 }), 2);
  });

  it('rejects a parcel that weighs nothing', () => {
    assert.throws(() => billableWeight({ weightKg: 0, lengthCm: 10, widthCm: 10, heightCm: 10 }), RangeError);
  });
});
