const assert = require('node:assert/strict');
const { canRenew, daysOverdue, dueDate, renew } = require('../lib/loans');

const borrowedAt = new Date('2026-03-02T10:00:00Z');
const loan = (renewals) => ({ id: 'L-17', titleId: 't1', kind: 'book', borrowedAt, renewals });

describe('due date', () => {
  it('is three weeks after borrowing', () => {
    assert.deepEqual(dueDate(loan(0)), new Date('2026-03-23T10:00:00Z'));
  });

  it('moves three weeks later with each renewal', () => {
    assert.deepEqual(dueDate(loan(2)), new Date('2026-05-04T10:00:00Z'));
  });
});

describe('renewals', () => {
  const beforeDue = new Date('2026-03-20T09:00:00Z');

  it('allows renewing before the due date', () => {
    assert.equal(canRenew(loan(0), beforeDue), true);
    assert.deepEqual(renew(loan(0), beforeDue), loan(1));
  });

  it('allows a second renewal, not a third', () => {
    assert.equal(canRenew(loan(1), beforeDue), true);
    assert.equal(canRenew(loan(2), beforeDue), false);
  });

  it('refuses to renew an overdue loan', () => {
    assert.equal(canRenew(loan(0), new Date('2026-03-24T09:00:00Z')), false);
  });

  it('throws once the renewals are used up', () => {
    assert.throws(() => renew(loan(2), beforeDue), /loan L-17 cannot be renewed/);
  });
});

describe('days overdue', () => {
  it('is zero when returned by the due time', () => {
    assert.equal(daysOverdue(loan(0), new Date('2026-03-23T10:00:00Z')), 0);
  });

  it('counts a started day as a whole day', () => {
    assert.equal(daysOverdue(loan(0), new Date('2026-03-23T10:00:01Z')), 1);
    assert.equal(daysOverdue(loan(0), new Date('2026-03-25T18:00:00Z')), 3);
  });
});
