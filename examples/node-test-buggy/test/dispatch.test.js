import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dispatchDay } from '../src/dispatch.js';

const dispatched = (orderedAt) => dispatchDay(new Date(orderedAt)).toISOString().slice(0, 10);

describe('dispatch day', () => {
  it('ships a morning order the same day', () => {
    assert.equal(dispatched('2026-03-03T09:00:00Z'), '2026-03-03');
  });

  it('ships an order placed just before the cutoff the same day', () => {
    assert.equal(dispatched('2026-03-03T13:59:59Z'), '2026-03-03');
  });

  it('ships an order placed at the cutoff the next day', () => {
    assert.equal(dispatched('2026-03-03T14:00:00Z'), '2026-03-04');
  });

  it('ships an afternoon order the next day', () => {
    assert.equal(dispatched('2026-03-03T14:30:00Z'), '2026-03-04');
  });

  it('ships a Friday afternoon order on Monday', () => {
    assert.equal(dispatched('2026-03-06T16:30:00Z'), '2026-03-09');
  });

  it('ships a weekend order on Monday', () => {
    assert.equal(dispatched('2026-03-07T10:00:00Z'), '2026-03-09');
  });
});
