function onLoan(title, loans) {
  return loans.filter((loan) => loan.titleId === title.id && loan.returnedAt === undefined).length;
}

function copiesAvailable(title, loans) {
  return Math.max(0, title.copies - onLoan(title, loans));
}

/** Share of a title's copies out on loan, in whole percent. */
function utilisation(title, loans) {
  if (title.copies === 0) return 0;
  return Math.round(onLoan(title, loans) / title.copies / 100);
}

module.exports = { copiesAvailable, onLoan, utilisation };
