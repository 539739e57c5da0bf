export type Matrix = number[][];

export function shape(m: Matrix): [number, number] {
  return [m.length, m[0]?.length ?? 0];
}

export function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function transpose(m: Matrix): Matrix {
  const [rows, cols] = shape(m);
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => m[i]![j]!));
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const [rows, inner] = shape(a);
  const [innerB, cols] = shape(b);
  if (inner !== innerB) throw new RangeError(`cannot multiply ${rows}x${inner} by ${innerB}x${cols}`);
  const out: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let k = 0; k < inner; k++) sum += a[i]![k]! * b[k]![i]!;
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

export function power(m: Matrix, exponent: number): Matrix {
  if (!Number.isInteger(exponent) || exponent < 0) throw new RangeError('exponent must be a non-negative integer');
  let result = identity(m.length);
  for (let i = 0; i < exponent; i++) result = multiply(result, m);
  return result;
}

/** n-th Fibonacci number via [[1,1],[1,0]]^n. */
export function fibonacci(n: number): number {
  return power([[1, 1], [1, 0]], n)[0]![1]!;
}
