export type Token = { type: 'num'; value: number } | { type: 'op'; value: '+' | '-' | '*' | '/' } | { type: 'paren'; value: '(' | ')' };

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      let j = i + 1;
      while (j < src.length && /[0-9.]/.test(src[j]!)) j++;
      tokens.push({ type: 'num', value: Number(src.slice(i, j)) });
      i = j - 1;
    } else if (ch === '+' || ch === '-' || ch === '*' || ch === '/') tokens.push({ type: 'op', value: ch });
    else if (ch === '(' || ch === ')') tokens.push({ type: 'paren', value: ch });
    else throw new SyntaxError(`unexpected '${ch}' at ${i}`);
  }
  return tokens;
}

/** Recursive-descent evaluation: expr = term (+|- term)*, term = factor (*|/ factor)*. */
export function evaluate(src: string): number {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];

  function factor(): number {
    const token = tokens[pos++];
    if (token?.type === 'num') return token.value;
    if (token?.type === 'op' && token.value === '-') return -factor();
    if (token?.type === 'paren' && token.value === '(') {
      const value = expr();
      if (tokens[pos++]?.value !== ')') throw new SyntaxError('missing )');
      return value;
    }
    throw new SyntaxError('unexpected end of expression');
  }

  function term(): number {
    let value = factor();
    for (let t = peek(); t?.value === '*' || t?.value === '/'; t = peek()) {
      pos++;
      value = t.value === '*' ? value * factor() : value / factor();
    }
    return value;
  }

  function expr(): number {
    let value = term();
    for (let t = peek(); t?.value === '+' || t?.value === '-'; t = peek()) {
      pos++;
      value = t.value === '+' ? value + term() : value - term();
    }
    return value;
  }

  const result = expr();
  if (pos !== tokens.length) throw new SyntaxError(`unexpected token at ${pos}`);
  return result;
}
