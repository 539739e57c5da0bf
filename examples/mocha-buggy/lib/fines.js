const { daysOverdue } = require('./loans');

/** Cents per day late, by kind of item. */
const DAILY_FINE = { book: 25, dvd: 100 };
/** No fine for one item goes above this. */
const FINE_CAP = 1500;

function fineFor(loan, returnedAt) {
  const daily = DAILY_FINE[loan.kind];
  if (daily === undefined) throw new Error(`no daily fine for a ${loan.kind}`);
  return Math.min(daysOverdue(loan, returnedAt) * daily, FINE_CAP);
}

/** What a patron owes for the loans returned so far. */
function totalOwed(loans) {
  return loans.filter((loan) => loan.returnedAt !== undefined).reduce((sum, loan) => sum + fineFor(loan, loan.returnedAt), 0);
}

module.exports = { DAILY_FINE, FINE_CAP, fineFor, totalOwed };
