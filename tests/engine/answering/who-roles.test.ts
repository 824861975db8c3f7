/**
 * /who as a newcomer asks it: names with courtesy titles or roles, "who is the <role>", "who did X" (with or
 * without "who") answered with the actor's name and role only, and a name no document gives.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/knowledge/document.ts';
import { KnowledgeBase } from '../../../src/knowledge/knowledge-base.ts';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'talks.md',
  '---\ntitle: Border news\npublished: 2025-03-12\n---\n' +
    'In the wake of the drone attack, Norvish President Ivo Brandt dismissed the ceasefire proposal.\n\n' +
    "Velmar's foreign minister Ada Kell said the talks were over. Mr Brandt did not reply.\n\n" +
    'Velmar officials rejected the border plan on Monday.\n\n' +
    'Prime Minister Tomas Reyes met the chancellor, Hana Olin, in Tallin. Later his wife Eve Reyes joined them.\n\n' +
    'Questions about the plan went unanswered, and the striker Dan Vale left.\n\n',
);

const who = (query: string) => kb.answer('who', query);

describe('/who: names written with courtesy titles or roles', () => {
  it('resolves a courtesy title or a role before the surname to the person', () => {
    for (const query of ['who is Mr Brandt', 'who is mr brandt', 'Mr. Brandt', 'president brandt']) {
      const a = who(query);
      expect(a.found, query).toBe(true);
      expect(a.summary, query).toMatch(/^Ivo Brandt — Norvish President/);
    }
  });

  it('answers "who is the <role>" with the person who holds it in the documents', () => {
    expect(who('who is the prime minister').summary).toMatch(/^Tomas Reyes — Prime Minister/);
    expect(who('who is the chancellor').summary).toMatch(/^Hana Olin — chancellor/);
  });

  it('says that no one named holds a role the documents only describe, and names no one', () => {
    const a = knowledgeOf(
      'gov.txt',
      'Prime Minister Tomas Reyes met Mr Ivo Brandt on Monday. The governor said little.',
    ).answer('who', 'who is the governor');
    expect(a.summary).toBe(
      'No one named in the documents holds the role "the governor"; passages that mention it are cited.',
    );
    expect(a.results[0]?.excerpt).toContain('The governor said little.');
  });
});

describe('/who did X: the actor, named, and nothing else', () => {
  it('gives the actor and its role, with or without "who"', () => {
    expect(who('who dismissed the ceasefire proposal').summary).toBe('Ivo Brandt — Norvish President');
    expect(who('dismissed the ceasefire proposal').summary).toBe('Ivo Brandt — Norvish President');
  });

  it('takes the person, not the owner in their role', () => {
    expect(who('who said the talks were over').summary).toMatch(/^Ada Kell/);
  });

  it('answers with a group named by common nouns when no person is the actor', () => {
    expect(who('who rejected the border plan').summary).toBe('Velmar officials');
  });
});

describe('/who: "he" and "she" as the mentions of a person', () => {
  const told = knowledgeOf(
    'pact.txt',
    'Mr Oren Vale, chief executive of Zeta Broadband, met Prime Minister Ida Brandt on Monday.\n\n' +
      'The two spoke for an hour about the border.\n\n' +
      'On Tuesday he dismissed the ceasefire proposal, and the talks ended.\n\n' +
      'Ms Brandt said she would fly to Lyon. There she signed the trade pact with Dan Weir.',
  );

  it('answers "who did X" with the person a pronoun subject stands for, not a name near it', () => {
    const dismissed = told.answer('who', 'who dismissed the ceasefire proposal');
    expect(dismissed.summary).toBe('Oren Vale — chief executive of Zeta Broadband');
    expect(dismissed.results[0]?.highlight).toBe('he');
    expect(told.answer('who', 'signed the trade pact').summary).toBe('Ida Brandt — Prime Minister');
  });

  it('shows the sentences a pronoun stands for the person in after those that name them', () => {
    const a = told.answer('who', 'Oren Vale');
    expect(a.results.map((r) => r.highlight)).toEqual(['Mr Oren Vale', 'he']);
    expect(a.results[1]?.excerpt).toContain('dismissed the ceasefire proposal');
  });
});

describe('/who: a name no document gives', () => {
  it('is not found, rather than someone else', () => {
    const a = who('Questioner');
    expect(a.found).toBe(false);
    expect(a.summary).toContain('Nothing in the knowledge base');
  });
});

describe('/who: a person the documents give different roles', () => {
  const doc = (file: string, text: string) =>
    parseDocument(file, new TextEncoder().encode(`---\ntitle: ${file}\n---\n${text}`));
  const two = KnowledgeBase.fromDocuments([
    doc('a.md', 'Ivo Brandt, Leader of the Assembly, spoke first.'),
    doc('b.md', 'Assembly leader Ivo Brandt spoke again. Zeta chief Ivo Brandt was there.'),
  ]);

  it('sums up the fullest role, then the others it does not already say', () => {
    expect(two.answer('who', 'Ivo Brandt').summary).toMatch(
      /^Ivo Brandt — Leader of the Assembly; Assembly leader \(mentioned/,
    );
  });
});
