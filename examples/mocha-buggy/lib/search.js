/** Titles whose name or author holds every word of the query, in any case. */
function search(titles, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return titles.filter((title) => {
    const text = `${title.name} ${title.author}`.toLowerCase();
    return words.every((word) => text.startsWith(word));
  });
}

module.exports = { search };
