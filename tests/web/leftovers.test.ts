import { describe, expect, it } from 'vitest';
import { LEFTOVER_RULES, leftoverRule, withoutMarks } from '../../src/web/leftovers.ts';

describe('leftover rules', () => {
  it('each drops its own example', () => {
    for (const rule of LEFTOVER_RULES) expect(leftoverRule(rule.example)?.name).toBe(rule.name);
  });

  it('drops the furniture lines of real pages, in their many spellings', () => {
    for (const line of [
      'Image',
      'Photo 3 of 12',
      'Continue reading the main story',
      'Story continues below advertisement',
      'Sign up for our newsletter to get the day’s harbour news',
      '(Photo by Ada Brisk/Getty Images)',
      'Photograph: Ada Brisk/The Courier',
      '© Provided by Harbour Media Inc',
      'Boats in the bay on Monday. (Ada Brisk/AP)',
      'The new ferry at its launch on Monday, the operator said.(Ada Brisk/ Vellan Ferries photo via AP)',
      'Tomas Vell at his farm. Picture: Ada Brisk',
      'March 25, 2015',
      'Published 6:01 am',
      'Facebook',
      'By ADA BRISK',
      '___',
    ])
      expect(leftoverRule(line), line).toBeDefined();
  });

  it('keeps article sentences that mention agencies, dates, newsletters or bylines', () => {
    for (const line of [
      'The priest acted as a go-between, a senior source told Reuters.',
      'By March 25, 2015 the pier had been closed for a year.',
      'By the end of the day, the board had agreed on the cheaper plan.',
      'The council’s newsletter had warned of the closure for weeks.',
      'Photographs of the storm were shown at the meeting on Tuesday evening.',
      '1998 | 41',
      'Continue?',
      'MOSCOW (AP) — The cargo ship broke up over Siberia on Thursday, the space agency said.',
      'The mayor kept every photo (there were hundreds) in the archive.',
    ])
      expect(leftoverRule(line), line).toBeUndefined();
  });

  it('takes reference and edit marks out of a paragraph', () => {
    expect(withoutMarks('The pier opened in 1898.[3][27] History[edit]')).toBe(
      'The pier opened in 1898. History',
    );
    expect(withoutMarks('It was rebuilt later.[citation needed]')).toBe('It was rebuilt later.');
  });
});
