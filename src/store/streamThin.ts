import { thin } from './runFile';

/**
 * An evenly spaced sample of a series of unknown length, in bounded memory: every `stride`-th
 * item is kept; when `2 × max` are kept, every other one is dropped and the stride doubles.
 * `values()` thins the kept items to at most `max`, always with the first and the last item.
 */
export class StreamThinner<T> {
  private kept: T[] = [];
  private stride = 1;
  private seen = 0;
  private last: T | undefined;

  constructor(private readonly max: number) {}

  push(v: T): void {
    if (this.seen % this.stride === 0) {
      this.kept.push(v);
      if (this.kept.length >= 2 * this.max) {
        this.kept = this.kept.filter((_, i) => i % 2 === 0);
        this.stride *= 2;
      }
    }
    this.last = v;
    this.seen += 1;
  }

  /** How many items were pushed. */
  get count(): number {
    return this.seen;
  }

  values(): T[] {
    const all =
      this.last !== undefined && this.kept.at(-1) !== this.last
        ? [...this.kept, this.last]
        : this.kept;
    return thin(all, this.max);
  }
}
