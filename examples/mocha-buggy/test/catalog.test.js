const assert = require('node:assert/strict');
const { copiesAvailable, utilisation } = require('../lib/catalog');

const dune = { id: 't1', name: 'Dune', author: 'Frank Herbert', copies: 4 };
const emma = { id: 't2', name: 'Emma', author: 'Jane Austen', copies: 2 };
const persuasion = { id: 't3', name: 'Persuasion', author: 'Jane Austen', copies: 0 };
const out = (titleId) => ({ titleId, returnedAt: undefined });
const back = (titleId) => ({ titleId, returnedAt: new Date('2026-03-10T12:00:00Z') });

describe('availability', () => {
  it('counts the copies not out on loan', () => {
    assert.equal(copiesAvailable(dune, [out('t1'), back('t1'), out('t2')]), 3);
  });

  it('never has fewer than no copies', () => {
    assert.equal(copiesAvailable(persuasion, [out('t3')]), 0);
  });
});

describe('utilisation', () => {
  it('is the share of copies out, in percent', () => {
    assert.equal(utilisation(dune, [out('t1'), back('t1')]), 25);
  });

  it('is 100 when every copy is out', () => {
    assert.equal(utilisation(emma, [out('t2'), out('t2')]), 100);
  });

  it('is zero for a title without copies', () => {
    assert.equal(utilisation(persuasion, []), 0);
  });
});
