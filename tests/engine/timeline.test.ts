/** The timeline: dates at the precision the text gives, in date order, filtered by words. */
import { describe, expect, it } from 'vitest';
import { placeTime } from '../../src/engine/timeline.ts';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const doc = (id: string, body: string) => ({
  id,
  title: `Title ${id}`,
  file: `${id}.md`,
  hash: id,
  published: '2025-07-01',
  body,
  paragraphs: body.split('\n\n').map((text, i, all) => ({
    index: i + 1,
    text,
    start: all.slice(0, i).reduce((sum, p) => sum + p.length + 2, 0),
  })),
});

describe('placeTime', () => {
  it('keeps to the precision of the text', () => {
    expect(placeTime('March 3, 2021', 'date', '2021-03-03')).toEqual({
      date: '2021-03-03',
      precision: 'day',
      label: '3 March 2021',
    });
    expect(placeTime('in June 2019', 'month', undefined)).toMatchObject({
      date: '2019-06',
      label: 'June 2019',
    });
    expect(placeTime('three years ago', 'relative', '2022-07-01')).toMatchObject({
      date: '2022',
      label: '2022',
    });
    expect(placeTime('two months ago', 'relative', '2025-05-01')).toMatchObject({ label: 'May 2025' });
    expect(placeTime('the 1990s', 'year', undefined)).toMatchObject({ date: '1990', label: 'the 1990s' });
    expect(placeTime('between 2010 and 2014', 'year', undefined)).toMatchObject({ label: '2010–2014' });
  });

  it('leaves out what cannot be placed in a year', () => {
    expect(placeTime('in May', 'month', undefined)).toBeUndefined();
    expect(placeTime('for two years', 'duration', undefined)).toBeUndefined();
    expect(placeTime('the 18th century', 'year', undefined)).toBeUndefined();
    expect(placeTime('300 BC', 'year', undefined)).toBeUndefined();
    expect(placeTime('the weekend', 'relative', undefined)).toBeUndefined();
  });
});

describe('KnowledgeBase.timeline', () => {
  const kb = KnowledgeBase.fromDocuments([
    doc('mill', 'The mill closed in 1987.\n\nThe mill reopened on May 2, 2001, the owner said.'),
    doc('canal', 'The canal was dug in the 1830s.\n\nBarges use the canal every Sunday.'),
  ]);

  it('lists events across documents in date order, with citations', () => {
    const events = kb.timeline();
    expect(events.map((e) => e.label)).toEqual(['the 1830s', '1987', '2 May 2001']);
    expect(events[2]).toMatchObject({
      when: 'May 2, 2001',
      text: 'The mill reopened on May 2, 2001, the owner said.',
      citation: { document: 'mill', paragraph: 2, sentence: 1 },
    });
  });

  it('keeps to the passages with all the words of `about`', () => {
    expect(kb.timeline('mill reopened').map((e) => e.label)).toEqual(['2 May 2001']);
    expect(kb.timeline('volcano')).toEqual([]);
  });
});
