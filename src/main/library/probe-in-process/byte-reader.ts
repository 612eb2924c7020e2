// Bounded positioned reads from one open file, so probing never pulls a whole video into memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Thrown inside the parsers when a file is not one we read with certainty; index.ts turns it into null. */
export class ProbeBail extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'ProbeBail';
  }
}

export function bail(why: string): never {
  throw new ProbeBail(why);
}

/** Headers of normal files take a few KB to a few hundred KB; anything needing more goes to ffprobe. */
export const READ_BUDGET_BYTES = 4 * 1024 * 1024;

export class ByteReader {
  private spent = 0;

  private constructor(
    private readonly fd: number,
    readonly size: number,
    private readonly budget: number,
  ) {}

  static open(path: string, budget = READ_BUDGET_BYTES): ByteReader {
    const fd = openSync(path, 'r');
    try {
      return new ByteReader(fd, fstatSync(fd).size, budget);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** Exactly `length` bytes at `offset`; bails when the file ends first or the budget is spent. */
  read(offset: number, length: number): Buffer {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) bail('bad read range');
    if (offset + length > this.size) bail('read past end of file');
    this.spent += length;
    if (this.spent > this.budget) bail('read budget spent');
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, offset + done);
      if (n <= 0) bail('short read');
      done += n;
    }
    return buf;
  }

  /** Up to `length` bytes at `offset`: fewer when the file ends sooner. */
  readUpTo(offset: number, length: number): Buffer {
    return this.read(offset, Math.max(0, Math.min(length, this.size - offset)));
  }

  close(): void {
    closeSync(this.fd);
  }
}
