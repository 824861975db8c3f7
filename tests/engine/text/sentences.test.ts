import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/engine/text/sentences.ts';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('survives abbreviations, titles, initials, months and decimals', () => {
    expect(
      texts(
        'The U.S. Senate met Mr. Jones and Dr. J. R. Smith on Jan. 5. Prices rose 3.5 percent. Was it enough?',
      ),
    ).toEqual([
      'The U.S. Senate met Mr. Jones and Dr. J. R. Smith on Jan. 5.',
      'Prices rose 3.5 percent.',
      'Was it enough?',
    ]);
  });

  it('keeps a quotation of several sentences in the sentence that opens it', () => {
    expect(texts('She said, "We tried. We failed. We will try again." Then she left.')).toEqual([
      'She said, "We tried. We failed. We will try again."',
      'Then she left.',
    ]);
    expect(texts('He wrote: “It is over. Go home.” Nobody did.')).toEqual([
      'He wrote: “It is over. Go home.”',
      'Nobody did.',
    ]);
  });

  it('keeps a title after a dash or hyphen with the name it abbreviates', () => {
    expect(texts('"We will hold the line," —Sen. Ada Morrow said. The vote is Friday.')).toEqual([
      '"We will hold the line," —Sen. Ada Morrow said.',
      'The vote is Friday.',
    ]);
    expect(texts('She lost to then-Gov. Ivo Brandt in the runoff. He won twice.')).toEqual([
      'She lost to then-Gov. Ivo Brandt in the runoff.',
      'He won twice.',
    ]);
    expect(texts('They booked a photo-op. Nobody came.')).toEqual([
      'They booked a photo-op.',
      'Nobody came.',
    ]);
  });

  it('gives offsets into the text', () => {
    const text = '  First one.  Second one!';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not let a stray quotation mark swallow the rest of a long text', () => {
    const text = `He said "hello. ${'This is a sentence. '.repeat(100)}`;
    expect(splitSentences(text).length).toBeGreaterThan(50);
  });

  it('handles text without end punctuation, and empty text', () => {
    expect(texts('no full stop here')).toEqual(['no full stop here']);
    expect(texts('')).toEqual([]);
  });
});
