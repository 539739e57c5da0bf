const assert = require('node:assert/strict');
const { fineFor, totalOwed } = require('../lib/fines');

const borrowedAt = new Date('2026-03-02T10:00:00Z');
const due = new Date('2026-03-23T10:00:00Z');
const daysAfterDue = (days) => new Date(due.getTime() + days * 24 * 60 * 60 * 1000);
const loan = (kind, returnedAt) => ({ id: `L-${kind}`, titleId: 't1', kind, borrowedAt, renewals: 0, returnedAt });

describe('fines', () => {
  it('charges nothing for an item returned in time', () => {
    assert.equal(fineFor(loan('book'), due), 0);
  });

  it('charges 25 cents a day for a book', () => {
    assert.equal(fineFor(loan('book'), daysAfterDue(4)), 100);
  });

  it('charges a dollar a day for a dvd', () => {
    assert.equal(fineFor(loan('dvd'), daysAfterDue(3)), 300);
  });

  it('never charges more than the cap', () => {
    assert.equal(fineFor(loan('dvd'), daysAfterDue(40)), 1500);
  });

  it('refuses a kind of item without a daily fine', () => {
    assert.throws(() => fineFor(loan('map'), daysAfterDue(1)), /no daily fine for a map/);
  });

  it('adds up the loans already returned', () => {
    const loans = [loan('book', daysAfterDue(2)), loan('dvd', daysAfterDue(1)), loan('dvd')];
    assert.equal(totalOwed(loans), 150);
  });
});
