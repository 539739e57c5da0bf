import { StringDecoder } from 'node:string_decoder';

/** What is left of one output stream once the retention limit has been applied. */
export interface RetainedOutput {
  text: string;
  truncated: boolean;
  droppedBytes: number;
}

/**
 * Collects one output stream, keeping at most `maxBytes` of it.
 *
 * Keeps the TAIL, like Mastra's own process handles ("the oldest output is dropped and the newest
 * output is kept"): a test runner prints its failures and summary last, so the end of a flood is
 * what the analysis needs. `Infinity` keeps everything; 0 keeps nothing.
 */
export class TailBuffer {
  readonly #maxBytes: number;
  readonly #chunks: Buffer[] = [];
  #retainedBytes = 0;
  #droppedBytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = Math.max(0, maxBytes);
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#retainedBytes += chunk.length;
    this.#dropExcess();
  }

  result(): RetainedOutput {
    const bytes = Buffer.concat(this.#chunks);
    const start = firstCharBoundary(bytes, this.#droppedBytes > 0);
    return {
      text: bytes.subarray(start).toString('utf8'),
      truncated: this.#droppedBytes > 0,
      droppedBytes: this.#droppedBytes + start,
    };
  }

  #dropExcess(): void {
    let excess = this.#retainedBytes - this.#maxBytes;
    while (excess > 0) {
      const first = this.#chunks[0]!;
      const cut = Math.min(excess, first.length);
      if (cut === first.length) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(cut);
      this.#retainedBytes -= cut;
      this.#droppedBytes += cut;
      excess -= cut;
    }
  }
}

/** After a cut the kept bytes may begin inside a UTF-8 character; skip its continuation bytes. */
function firstCharBoundary(bytes: Buffer, wasCut: boolean): number {
  if (!wasCut) return 0;
  let start = 0;
  while (start < bytes.length && start < 3 && (bytes[start]! & 0xc0) === 0x80) start++;
  return start;
}

/** Turns raw chunks into text for streaming callbacks without splitting multi-byte characters. */
export function textStream(onText: ((text: string) => void) | undefined): {
  write(chunk: Buffer): void;
  end(): void;
} {
  const decoder = new StringDecoder('utf8');
  return {
    write(chunk) {
      if (!onText) return;
      const text = decoder.write(chunk);
      if (text) onText(text);
    },
    end() {
      if (!onText) return;
      const text = decoder.end();
      if (text) onText(text);
    },
  };
}
