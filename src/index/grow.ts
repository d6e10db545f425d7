/** Typed arrays that grow as a build appends to them. */

/** A Uint32Array/Uint8Array that doubles when full (build only). */
export class Grow<T extends Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  /** Makes room for `n` more items, so a caller may write data[length .. length + n) and then move length on. */
  reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    const next = this.make(Math.max(this.data.length * 2, this.length + n));
    next.set(this.data);
    this.data = next;
  }

  /** Drops the storage (the builder is done with it). */
  release(): void {
    this.data = this.make(0);
    this.length = 0;
  }

  /** Writes at i (growing as needed); length becomes at least i + 1. */
  set(i: number, x: number): void {
    while (i >= this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = x;
    if (i >= this.length) this.length = i + 1;
  }
}

export const growU32 = (n = 1024) => new Grow(new Uint32Array(n), (k) => new Uint32Array(k));
