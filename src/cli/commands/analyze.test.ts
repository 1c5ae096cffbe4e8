import { describe, expect, it } from 'vitest';
import { autoThreads } from './analyze.ts';

const MB = 1 << 20;

describe('--workers auto', () => {
  it('keeps one thread on 2 cores until a long input remains', () => {
    expect(autoThreads(0, 2)).toBe(1);
    expect(autoThreads(6.5 * MB, 2)).toBe(1);
    expect(autoThreads(16 * MB, 2)).toBe(2);
    expect(autoThreads(1000 * MB, 2)).toBe(2);
  });

  it('adds threads on spare cores with a megabyte of input each, never past the cores', () => {
    expect(autoThreads(0.5 * MB, 16)).toBe(1);
    expect(autoThreads(3.5 * MB, 16)).toBe(4);
    expect(autoThreads(1000 * MB, 16)).toBe(16);
    expect(autoThreads(1000 * MB, 1)).toBe(1);
  });
});
