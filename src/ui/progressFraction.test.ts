import { describe, expect, it } from 'vitest';
import { progressFraction } from './progressFraction';

describe('progress of a wait', () => {
  it('reads "d/n" from the status message, or none', () => {
    expect(progressFraction('caching teacher outputs 2/3')).toBeCloseTo(2 / 3, 12);
    expect(progressFraction('loading mnist')).toBeNull();
    expect(progressFraction('x 5/0')).toBeNull();
  });
});
