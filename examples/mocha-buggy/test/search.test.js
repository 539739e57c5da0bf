const assert = require('node:assert/strict');
const { search } = require('../lib/search');

const titles = [
  { id: 't1', name: 'Dune', author: 'Frank Herbert', copies: 4 },
  { id: 't2', name: 'Emma', author: 'Jane Austen', copies: 2 },
  { id: 't3', name: 'Persuasion', author: 'Jane Austen', copies: 0 },
];
const names = (found) => found.map((title) => title.name);

describe('search', () => {
  it('finds a title by its first word', () => {
    assert.deepEqual(names(search(titles, 'dune')), ['Dune']);
  });

  it('finds titles by author, in any case', () => {
    assert.deepEqual(names(search(titles, 'AUSTEN')), ['Emma', 'Persuasion']);
  });

  it('needs every word of the query, wherever it is', () => {
    assert.deepEqual(names(search(titles, ' jane  emma ')), ['Emma']);
  });

  it('finds everything for an empty query', () => {
    assert.deepEqual(names(search(titles, '  ')), ['Dune', 'Emma', 'Persuasion']);
  });
});
