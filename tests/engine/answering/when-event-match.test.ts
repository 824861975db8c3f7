/** /when matches the asked event to the words a time is said of; lengths of time answer only "how long". */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'harbour.md',
  '---\ntitle: Harbour news\npublished: 2024-09-10\n---\n' +
    'Mayor Ilse Varga said the flood of the Brannock docks was discussed during a council meeting on Tuesday.\n\n' +
    'The Brannock docks flood, which struck over the weekend, ruined two warehouses.\n\n' +
    'Varga noted that it was her first visit to the docks since March 3.\n\n' +
    'The ferry strike has lasted for two years, and the crossing took just over an hour.\n\n' +
    'Since June, the harbour guards have patrolled the pier at night.',
);
const when = (query: string) => kb.answer('when', query);

describe('/when: the time said of the asked event', () => {
  it('passes over a time said of another thing ("during a council meeting on Tuesday")', () => {
    const answer = when('when was the flood of the Brannock docks');
    expect(answer.summary).toMatch(/^over the weekend/);
    expect(answer.results[0]?.citation).toMatchObject({ paragraph: 2, sentence: 1 });
  });

  it('reads "first ... since" as the time of the earlier occurrence', () => {
    expect(when('when did Varga visit the docks').results[0]?.highlight).not.toBe('since March 3');
    expect(when('when was her previous visit to the docks').summary).toMatch(/^since March 3/);
  });

  it('answers "when" with no length of time, unless it is told up to now (a start)', () => {
    const crossing = when('how long did the crossing take');
    expect(crossing.summary).toBe('just over an hour');
    const start = when('when did the ferry strike begin');
    expect(start.summary).toBe('two years, since about 2022');
    expect(start.results[0]).toMatchObject({ date: '2022', precision: 'year' });
    expect(when('when did the crossing take place').summary).not.toContain('hour');
  });

  it('keeps the word a "since when" question asks for', () => {
    expect(when('since when have the harbour guards patrolled the pier').summary).toBe('Since June');
  });
});

describe('/when: a sentence that tells the asked verb in an irregular form of it', () => {
  const board = knowledgeOf(
    'board.md',
    '---\ntitle: Board news\npublished: 2024-05-02\n---\n' +
      '"Odile Brandt has been a tireless chair of the rowing board over the past year," a spokesman said.\n\n' +
      'Ms Brandt took up her seat on the board in March 2021 and her first task was a new boathouse.\n\n' +
      'Ms Brandt left her seat suddenly at the end of last week.',
  );
  it('answers with the time of "took up" for "take up" and of "left" for "leave", not a time said of her', () => {
    expect(board.answer('when', 'when did Odile Brandt take up her seat').summary).toMatch(/^March 2021/);
    expect(board.answer('when', 'when did Odile Brandt leave her seat').summary).toMatch(/end of last week/);
  });
});

describe('/when: a time the question repeats word for word is not its answer', () => {
  const bonds = knowledgeOf(
    'bonds.md',
    '---\ntitle: Bond news\npublished: 2030-06-14\n---\n' +
      'The bankers offered these issues on Tuesday. ' +
      'Ferrowick Mills -- $50 million of 6% notes due March 4, 2031, priced at 99.5 to yield 6.2%.',
  );
  it('does not answer "when were the notes due March 4 2031 priced" with the due date it names', () => {
    const answer = bonds.answer('when', 'when were the notes due March 4 2031 priced');
    expect(answer.found).toBe(true);
    expect(answer.summary).not.toContain('March 4');
    expect(answer.results[0]?.date).not.toBe('2031-03-04');
  });
});

describe('/when: a time the question names is not its answer', () => {
  const talks = knowledgeOf(
    'talks.md',
    '---\ntitle: Harbour talks\npublished: 2030-06-14\n---\n' +
      'The two ports, which run the harbour talks that are meant to end by May, invited the Varn guild to return two weeks ago.\n\n' +
      'The port has added 5,000 crates over the last three months.',
  );
  it('answers "when ... end by May invited the guild" with the invitation\'s time, not "by May"', () => {
    const answer = talks.answer('when', 'when were the talks to end by May invited the Varn guild to return');
    expect(answer.summary).toMatch(/^two weeks ago/);
  });
  it('does not answer "three months after the strike" with "over the last three months"', () => {
    const answer = talks.answer('when', 'when did the port add 5,000 crates three months after the strike');
    expect(answer.found).toBe(true);
    expect(answer.summary).not.toContain('three months');
  });
});

describe('/when: a time that recurs', () => {
  const mill = knowledgeOf(
    'mill.md',
    '---\ntitle: Mill news\npublished: 2031-10-02\n---\n' +
      'In a filing, Tarrow Mills said that in the past it had weighed a merger with Ostvik Paper and that it ' +
      'expects to go on reviewing a purchase of rival mills from time to time.',
  );
  it('answers with "from time to time" for the recurring event, not a time of another clause', () => {
    expect(
      mill.answer('when', 'when will Tarrow Mills go on reviewing a purchase of rival mills').summary,
    ).toBe('from time to time');
  });
});
