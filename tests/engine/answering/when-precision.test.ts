/** /when results say how precise their time is; renderers never show a calendar day a time does not name. */
import { describe, expect, it } from 'vitest';
import { renderAnswerEmbed } from '../../../src/bot/embed.ts';
import { shownDate } from '../../../src/engine/answer.ts';
import { renderAnswerText } from '../../../src/render/text.ts';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'club.md',
  '---\ntitle: The rowing club\npublished: 2025-06-04\n---\n' +
    'The rowing club was founded three years ago.\n\n' +
    'The boathouse flooded over the weekend.\n\n' +
    'The regatta took place on May 12, 2024.\n\n' +
    'The old pier was built in 1931.\n\n' +
    'Membership has grown in recent weeks.',
);

const top = (query: string) => kb.answer('when', query).results[0];

describe('/when precision', () => {
  it('gives each time its precision', () => {
    expect(top('when was the rowing club founded')).toMatchObject({
      highlight: 'three years ago',
      precision: 'year',
    });
    expect(top('when did the boathouse flood')).toMatchObject({
      highlight: 'over the weekend',
      precision: 'weekend',
    });
    expect(top('when did the regatta take place')).toMatchObject({ date: '2024-05-12', precision: 'day' });
    expect(top('when was the old pier built')).toMatchObject({ highlight: '1931', precision: 'year' });
    expect(top('when has membership grown')).toMatchObject({
      highlight: 'in recent weeks',
      precision: 'relative',
    });
  });

  it('never shows a calendar day for "three years ago", in the summary or the renderers', () => {
    const answer = kb.answer('when', 'when was the rowing club founded');
    const result = answer.results[0];
    // the date carries only the precision the text gives
    expect(result?.date).toBe('2022');
    expect(answer.summary).toBe('three years ago (2022)');
    const text = renderAnswerText(answer);
    expect(text).toContain('date 2022');
    expect(text).not.toMatch(/2022-\d\d/);
    const embed = renderAnswerEmbed(answer, { version: 'v', passages: 5 });
    expect(JSON.stringify(embed)).not.toMatch(/2022-\d\d/);
  });

  it('shows a date as precisely as its precision says', () => {
    const date = '2025-05-31';
    expect(shownDate({ date, precision: 'day' })).toBe(date);
    expect(shownDate({ date, precision: 'month' })).toBe('2025-05');
    expect(shownDate({ date, precision: 'year' })).toBe('2025');
    expect(shownDate({ date, precision: 'weekend' })).toBe('weekend of 2025-05-31');
    expect(shownDate({ date, precision: 'relative' })).toBeUndefined();
    expect(shownDate({ date })).toBe(date);
    expect(shownDate({ precision: 'day' })).toBeUndefined();
  });
});
