import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../src/engine/extract/analyze.ts';
import { findNameSpans } from '../../../src/engine/extract/names.ts';
import { parseDocument } from '../../../src/knowledge/document.ts';
import { knowledgeOf } from '../../helpers.ts';

const roles = (sentence: string) =>
  findNameSpans(sentence, new Set())
    .filter((n) => n.kind === 'person')
    .map((n) => [n.name, n.role ?? null]);

describe('roles', () => {
  it('reads lowercase titles with their qualifiers and organization (British style)', () => {
    expect(roles('Yesterday chancellor Gordon Brown met shadow foreign secretary Michael Ancram.')).toEqual([
      ['Gordon Brown', 'chancellor'],
      ['Michael Ancram', 'shadow foreign secretary'],
    ]);
    expect(
      roles('He spoke to BBC political editor Andrew Marr and Liberal Democrat leader Charles Kennedy.'),
    ).toEqual([
      ['Andrew Marr', 'BBC political editor'],
      ['Charles Kennedy', 'Liberal Democrat leader'],
    ]);
  });

  it('reads a role in an apposition after the name (American style)', () => {
    expect(roles('Kevin Hogan, senior manager at Symantec, said the worms spread.')).toEqual([
      ['Kevin Hogan', 'senior manager at Symantec'],
    ]);
    expect(
      roles('Van Jackson, associate professor at the Pacific Center for Security Studies, said so.'),
    ).toEqual([['Van Jackson', 'associate professor at the Pacific Center for Security Studies']]);
    // an organization or party in a role is no person
    expect(roles('Democratic pollster Ann Lee disagreed.')).toEqual([['Ann Lee', 'Democratic pollster']]);
  });
});

describe('courtesy titles', () => {
  const kb = knowledgeOf(
    'worms.md',
    '---\ntitle: Worms\n---\nGraham Cluley, senior technology consultant at Sophos, studied the worm.\n\n' +
      'Mr Cluley said: "Home users are the easiest targets of all."\n\n' +
      'Banks were quiet.',
  );

  it('join the surname to the full name mentioned before, with its quotes and fullest role', () => {
    const quote = kb.answer('quote', 'Graham Cluley');
    expect(quote.found).toBe(true);
    expect(quote.results[0]).toMatchObject({ speaker: 'Graham Cluley' });
    expect(quote.results[0]?.excerpt).toContain('Home users are the easiest targets');
    const who = kb.answer('who', 'Cluley');
    expect(who.summary).toContain('senior technology consultant at Sophos');
  });

  it('count "Ms Price" as a mention of Dana Price', () => {
    const doc = parseDocument(
      'price.md',
      new TextEncoder().encode(
        '---\ntitle: P\n---\nMs. Dana Price disagreed. Ms Price said the banks were ready.',
      ),
    );
    const a = analyzeDocument(doc);
    const names = a.sentences.flatMap((s) => s.mentions.map((m) => a.entities[m.entity]?.name));
    expect(names).toEqual(['Dana Price', 'Dana Price']);
    expect(a.entities.map((e) => e.name)).not.toContain('Price');
  });
});
