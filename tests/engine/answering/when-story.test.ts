/** Issue 19's /when questions on the bundled story: the time of the asked event, or honestly none. */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../../src/knowledge/knowledge-base.ts';
import { KNOWLEDGE_DIR } from '../../helpers.ts';

const kb = await KnowledgeBase.load(KNOWLEDGE_DIR);
const when = (query: string) => kb.answer('when', query);

describe('/when on the bundled story', () => {
  it('gives the strike its weekend, not the day of the call that mentions it', () => {
    const answer = when('when was the drone attack on russian airfields');
    expect(answer.summary).toMatch(/^over the weekend/);
    expect(answer.results[0]?.citation).toMatchObject({ paragraph: 2, sentence: 1 });
  });

  it('gives the call its day, not the day of the Istanbul talks or of the previous call', () => {
    for (const query of ['when did Trump and Putin talk', 'when did putin and trump speak']) {
      const answer = when(query);
      expect(answer.summary, query).toMatch(/^on Wednesday/);
      expect(answer.results[0]?.citation, query).toMatchObject({ paragraph: 1, sentence: 1 });
    }
  });

  it('answers "when" with no duration', () => {
    const round = when('when was the second round of peace talks');
    expect(round.summary).not.toContain('just over an hour');
    expect(round.results[0]?.citation.paragraph).toBe(6);
    const previous = when('when was their previous discussion');
    expect(previous.summary).toMatch(/^since May 19/);
    expect(previous.summary).not.toContain('two weeks');
    // "how long" is still answered by the duration
    expect(when('how long did the second round of peace talks in Istanbul last').summary).toBe(
      'just over an hour',
    );
  });

  it('sums up with the first result: its event time, or that it gives none', () => {
    const dismissed = when('when did zelenskyy dismiss the ceasefire proposal');
    expect(dismissed.results[0]?.citation.paragraph).toBe(3);
    expect(dismissed.summary).toBe('In the wake of the drone attack');
    const video = when('When did Putin hold a video call with Russian officials?');
    expect(video.results[0]?.citation).toMatchObject({ paragraph: 3, sentence: 4 });
    expect(video.summary).toMatch(/^No time is given/);
    expect(video.summary).not.toContain('Wednesday');
  });

  it('keeps "since" in the answer', () => {
    const answer = when('since when have russian forces taken villages in sumy');
    expect(answer.summary).toBe('Since May');
    expect(answer.results[0]?.citation).toMatchObject({ paragraph: 9, sentence: 2 });
  });

  it('dates a start from a length of time up to the publication date', () => {
    const answer = when('when did the war start');
    expect(answer.summary).toBe('nearly three and a half years, since about 2022');
    expect(answer.results[0]).toMatchObject({ date: '2022', precision: 'year' });
  });

  it('gives a date only as precise as the text', () => {
    expect(when('when was the group’s inception').results[0]).toMatchObject({
      highlight: 'three years ago',
      date: '2022',
      precision: 'year',
    });
  });
});
