import { describe, expect, it } from 'vitest';
import { ordinalTwin } from '../../../src/engine/text/ordinals.ts';
import { termOf } from '../../../src/engine/text/terms.ts';

describe('ordinals in digits and in words', () => {
  it('pairs each one-word ordinal with its digits, both ways', () => {
    expect(ordinalTwin('5th')).toBe(termOf('fifth'));
    expect(ordinalTwin(termOf('fifth') as string)).toBe('5th');
    expect(ordinalTwin('1st')).toBe(termOf('first'));
    expect(ordinalTwin('2nd')).toBe(termOf('second'));
    expect(ordinalTwin('3rd')).toBe(termOf('third'));
    expect(ordinalTwin('11th')).toBe(termOf('eleventh'));
    expect(ordinalTwin('12th')).toBe(termOf('twelfth'));
    expect(ordinalTwin('40th')).toBe(termOf('fortieth'));
    expect(ordinalTwin('100th')).toBe(termOf('hundredth'));
  });

  it('has no twin for ordinals of two words, misspelt suffixes or other terms', () => {
    expect(ordinalTwin('21st')).toBeUndefined();
    expect(ordinalTwin('2th')).toBeUndefined();
    expect(ordinalTwin('5')).toBeUndefined();
    expect(ordinalTwin('presid')).toBeUndefined();
  });
});
