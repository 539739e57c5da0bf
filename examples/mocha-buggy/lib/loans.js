const DAY_MS = 24 * 60 * 60 * 1000;
const LOAN_DAYS = 21;
const MAX_RENEWALS = 2;

/** Each renewal adds another loan period to the first. */
function dueDate(loan) {
  return new Date(loan.borrowedAt.getTime() + LOAN_DAYS * (loan.renewals + 1) * DAY_MS);
}

function canRenew(loan, now) {
  return loan.renewals <= MAX_RENEWALS && now.getTime() <= dueDate(loan).getTime();
}

function renew(loan, now) {
  if (!canRenew(loan, now)) throw new Error(`loan ${loan.id} cannot be renewed`);
  return { ...loan, renewals: loan.renewals + 1 };
}

/** Whole days late, any part of a day counting as a day. */
function daysOverdue(loan, returnedAt) {
  const late = returnedAt.getTime() - dueDate(loan).getTime();
  return late > 0 ? Math.ceil(late / DAY_MS) : 0;
}

module.exports = { DAY_MS, LOAN_DAYS, MAX_RENEWALS, canRenew, daysOverdue, dueDate, renew };
