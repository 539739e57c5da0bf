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

/** Titles whose name or author holds every word of the query, in any case. */
function search(titles, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return titles.filter((title) => {
    const text = `${title.name} ${title.author}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

module.exports = { copiesAvailable, onLoan, search, utilisation };
