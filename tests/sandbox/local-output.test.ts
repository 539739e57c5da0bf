import { describe, expect, test } from 'vitest';
import { TailBuffer, textStream } from '../../src/sandbox/output.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('TailBuffer', () => {
  test('keeps everything under the limit', () => {
    const buffer = new TailBuffer(100);
    buffer.push(bytes('hello '));
    buffer.push(bytes('world'));
    expect(buffer.result()).toEqual({ text: 'hello world', truncated: false, droppedBytes: 0 });
  });

  test('keeps the newest bytes across chunks and counts the dropped ones', () => {
    const buffer = new TailBuffer(5);
    for (const chunk of ['abc', 'defg', 'hi']) buffer.push(bytes(chunk));
    expect(buffer.result()).toEqual({ text: 'efghi', truncated: true, droppedBytes: 4 });
  });

  test('never starts with half a character', () => {
    const buffer = new TailBuffer(3);
    buffer.push(bytes('x€y')); // € is 3 bytes: 5 bytes in all, keeping 3 cuts inside it
    expect(buffer.result()).toEqual({ text: 'y', truncated: true, droppedBytes: 4 });
  });

  test('0 keeps nothing, Infinity keeps all', () => {
    const none = new TailBuffer(0);
    none.push(bytes('abc'));
    expect(none.result()).toEqual({ text: '', truncated: true, droppedBytes: 3 });
    const all = new TailBuffer(Infinity);
    all.push(bytes('x'.repeat(10_000)));
    expect(all.result()).toMatchObject({ truncated: false, droppedBytes: 0 });
  });
});

test('textStream does not split characters between chunks', () => {
  const seen: string[] = [];
  const stream = textStream((text) => seen.push(text));
  const euro = bytes('€');
  stream.write(euro.subarray(0, 1));
  stream.write(euro.subarray(1));
  stream.end();
  expect(seen).toEqual(['€']);
});
