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
      'The hiring figures for January extended a surge in Veskar that began last fall.\n\n' +
        'Dara Quell is still trying to sell the mill, under a June agreement with the Orlo family.',
    ),
  ]);
  it('answers with a month after "for" or "a" before one of another clause', () => {
    expect(months.answer('when', 'when did hiring figures extend a surge in Veskar').summary).toBe(
      'for January',
    );
    expect(months.answer('when', 'when was the agreement with the Orlo family').summary).toBe('June');
  });
});

describe('/when: the time of an amount a change is measured from', () => {
  const results = KnowledgeBase.fromDocuments([
    doc(
      'results.md',
      'Leading the gains at Telvo in the latest quarter was its mill segment, where profit soared to $15 million from $9 million a year earlier.',
    ),
  ]);
  it('is not the time of the change', () => {
    const answer = results.answer('when', 'when did profit in the mill segment soar to $15 million');
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
      'Orla Fenn - who had targeted the 14 March race for her comeback - has been missed by Arland. ' +
        '"Orla is not fit yet," her coach said. "She will not ride in Veskar." ' +
        'Fenn has not raced for Arland since the 2027 World Cup final after a run of injuries.',
    ),
  ]);
  it('answers with the time told with "since", in a sentence after the best', () => {
    expect(riders.answer('when', 'since when has Orla Fenn not raced for Arland').summary).toMatch(
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
      'In the comparable year-ago quarter, the second quarter ended Oct. 31, Orlo Corp. had a loss of about $4.5 million.',
    ),
  ]);
  it('gives way to the period for an event of the period, not for its end', () => {
    expect(quarter.answer('when', 'when Corp. had a loss of about $4.5 million').summary).toBe(
      'the second quarter',
    );
    expect(quarter.answer('when', 'when the second quarter ended').summary).toMatch(/^Oct\. 31/);
  });
});
