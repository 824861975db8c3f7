/** /when: a time counts for the event it is attached to; a question's verb is not matched by a noun's sense. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/knowledge/document.ts';
import { KnowledgeBase } from '../../../src/knowledge/knowledge-base.ts';

const doc = (name: string, body: string) =>
  parseDocument(name, new TextEncoder().encode(`---\ntitle: ${name}\npublished: 2025-03-12\n---\n${body}`));

const kb = KnowledgeBase.fromDocuments([
  doc(
    'depot.md',
    'Dara Quell said on Wednesday, in a phone call with reporters, that the strike on the Corvane depot was a mistake.\n\n' +
      'The strike, which occurred over the weekend, destroyed two hangars and a fuel store.\n\n' +
      'Quell took office in 2019.',
  ),
  doc(
    'lake.md',
    'Peace talks between Arland and Veskar resumed in March at a lakeside hotel.\n\n' +
      'The presidents of Arland and Veskar finally talked by phone on Tuesday, after months of silence between their capitals.',
  ),
]);

const when = (query: string) => kb.answer('when', query);

describe('/when: the time of the event asked about', () => {
  it("gives a relative clause's time to its noun, and not the time of a statement about the event", () => {
    const answer = when('when did the strike on the Corvane depot happen');
    expect(answer.summary).toContain('over the weekend');
    expect(answer.results.map((r) => r.highlight)).not.toContain('on Wednesday');
  });

  it('takes "recent" before the event\'s noun for no time of its own when a later sentence dates it', () => {
    const recent = KnowledgeBase.fromDocuments([
      doc(
        'recent.md',
        "Dara Quell said on Wednesday, in a phone call with reporters, that Arland's recent raid on the Corvane depot was a mistake.\n\n" +
          'The raid on the depot, which occurred over the weekend, destroyed two hangars.',
      ),
    ]);
    expect(recent.answer('when', 'when was the raid on the Corvane depot').summary).toContain(
      'over the weekend',
    );
  });

  it("answers with the statement's time when the question asks when it was said", () => {
    expect(when('when did Dara Quell say the strike was a mistake').results[0]?.highlight).toBe(
      'on Wednesday',
    );
  });

  it("matches a question's verb by the verb, not by a noun of the same word", () => {
    expect(when('when did Arland and Veskar talk').results[0]?.highlight).toBe('on Tuesday');
    expect(when('when did the peace talks between Arland and Veskar resume').results[0]?.highlight).toBe(
      'in March',
    );
  });
});

describe('/when: a month named alone', () => {
  const months = KnowledgeBase.fromDocuments([
    doc(
      'jobs.md',
      'The freight totals for January continued a climb at Veskar port that started last spring.\n\n' +
        'Dara Quell still hopes to lease the quarry, under a June agreement with the Orlo family.',
    ),
  ]);
  it('answers with a month after "for" or "a" before one of another clause', () => {
    expect(months.answer('when', 'when did freight totals continue a climb at Veskar port').summary).toBe(
      'for January',
    );
    expect(months.answer('when', 'when was the agreement with the Orlo family').summary).toBe('June');
  });
});

describe('/when: the time of an amount a change is measured from', () => {
  const results = KnowledgeBase.fromDocuments([
    doc(
      'results.md',
      'Driving the rise at Telvo in the latest quarter was its paper unit, where earnings climbed to $15 million from $9 million a year earlier.',
    ),
  ]);
  it('is not the time of the change', () => {
    const answer = results.answer('when', 'when did earnings in the paper unit climb to $15 million');
    expect(answer.summary).toBe('the latest quarter');
  });
});

describe('/when: the time a plan set', () => {
  const trial = KnowledgeBase.fromDocuments([
    doc(
      'trial.md',
      'Vessa Korr named the ferry Orlan 1 as a focus on the very first crewed voyage. A "dry-run" trial was planned for January, which would simulate a crossing.\n\n' +
        'The dry-run trial began on the morning of March 3, 2021, and was soon plagued with problems.',
    ),
  ]);
  it('is not the time the thing happened, unless the question asks about the plan', () => {
    const happened = trial.answer('when', 'When did the very first dry-run trial occur?');
    expect(happened.summary).not.toContain('January');
    expect(happened.results.map((r) => r.highlight)).not.toContain('for January');
    expect(trial.answer('when', 'when was the dry-run trial planned').summary).toBe('for January');
    // a question not in the past may ask about the planned event itself
    expect(trial.answer('when', 'the dry-run trial that would simulate a crossing').summary).toBe(
      'for January',
    );
  });
});

describe('/when: "since when"', () => {
  const riders = KnowledgeBase.fromDocuments([
    doc(
      'riders.md',
      'Orla Fenn - who had aimed at the 14 March regatta for her return - has been left out by Arland. ' +
        '"Orla is not fit yet," her coach said. "She will not row in Veskar." ' +
        'Fenn has not rowed for Arland since the 2027 World Cup final after a run of injuries.',
    ),
  ]);
  it('answers with the time told with "since", in a sentence after the best', () => {
    expect(riders.answer('when', 'since when has Orla Fenn not rowed for Arland').summary).toMatch(
      /^since the 2027 World Cup final/,
    );
  });
});

describe('/when: an event reported in the present', () => {
  const reported = KnowledgeBase.fromDocuments([
    doc(
      'guild.md',
      'Harbour officials said privately on Friday that the Orlo guild, through its agents in Arland, has been pushing hard to reopen the Corvane depot. ' +
        'The guild lost its licence after a dispute last year.',
    ),
  ]);
  it("holds at the statement's time", () => {
    expect(
      reported.answer('when', 'when has the Orlo guild been pushing hard to reopen the Corvane depot')
        .summary,
    ).toMatch(/^on Friday/);
  });
});

describe('/when: the day a period ended', () => {
  const quarter = KnowledgeBase.fromDocuments([
    doc(
      'quarter.md',
      'In the matching quarter a year before, the third quarter ended Sept. 30, Orlo Corp. posted a deficit of nearly $2.1 million.',
    ),
  ]);
  it('gives way to the period for an event of the period, not for its end', () => {
    expect(quarter.answer('when', 'when Orlo Corp. posted a deficit of nearly $2.1 million').summary).toBe(
      'the third quarter',
    );
    expect(quarter.answer('when', 'when the third quarter ended').summary).toMatch(/^Sept\. 30/);
  });
});
