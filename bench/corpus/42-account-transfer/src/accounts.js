const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** In-memory account store with an async API like a database client. */
export class AccountStore {
  constructor(balances = {}) {
    this.balances = new Map(Object.entries(balances));
  }

  async get(id) {
    await tick();
    if (!this.balances.has(id)) throw new Error(`no such account: ${id}`);
    return this.balances.get(id);
  }

  async set(id, amount) {
    await tick();
    this.balances.set(id, amount);
  }
}

export async function transfer(store, from, to, amount) {
  if (!(amount > 0)) throw new Error('amount must be positive');
  if (from === to) throw new Error('cannot transfer to the same account');
  const source = await store.get(from);
  const target = store.get(to);
  if (source < amount) throw new Error('insufficient funds');
  await store.set(from, source - amount);
  await store.set(to, target + amount);
  return { [from]: source - amount, [to]: target + amount };
}

export async function totalBalance(store, ids) {
  let sum = 0;
  for (const id of ids) sum += await store.get(id);
  return sum;
}

/** Applies transfers one after another; stops at the first failure. */
export async function runTransfers(store, transfers) {
  const done = [];
  for (const t of transfers) {
    await transfer(store, t.from, t.to, t.amount);
    done.push(t);
  }
  return done.length;
}
