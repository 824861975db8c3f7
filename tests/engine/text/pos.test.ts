import { describe, expect, it } from 'vitest';
import { tagWords } from '../../../src/engine/text/pos.ts';

describe('part-of-speech tags', () => {
  it('give each word its offsets and tag, the same when the text is asked for again', () => {
    const text = 'Mayor Ada Brenner opened the  old mill.';
    const tagged = tagWords(text);
    expect(tagged.map((w) => text.slice(w.start, w.end))).toEqual(tagged.map((w) => w.text));
    expect(tagged.find((w) => w.text === 'Brenner')?.pos).toBe('PROPN');
    expect(tagged.find((w) => w.text === 'mill')?.pos).toBe('NOUN');
    for (let i = 0; i < 3000; i++) tagWords(`Word number ${i} stands here.`);
    expect(tagWords(text)).toEqual(tagged);
    expect(tagWords(text)).toBe(tagWords(text));
  });
});
