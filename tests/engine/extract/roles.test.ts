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

describe('roles as news writes them (WordNet person nouns, appositions, owners)', () => {
  it('reads an apposition that ends the sentence, and one with a lowercase organization', () => {
    expect(roles('"It works," said Ann Lee, chief executive of Zeta Broadband.')).toEqual([
      ['Ann Lee', 'chief executive of Zeta Broadband'],
    ]);
    expect(roles('Ann Lee, head of sales at Zeta, agreed.')).toEqual([['Ann Lee', 'head of sales at Zeta']]);
    expect(roles('Ann Lee, a spokesman for the council, agreed.')).toEqual([
      ['Ann Lee', 'spokesman for the council'],
    ]);
    expect(roles("Ann Lee, the company's chief financial officer, said so.")).toEqual([
      ['Ann Lee', "company's chief financial officer"],
    ]);
  });

  it('reads a role before the name: after a comma, with a possessive owner, and relations', () => {
    expect(roles('"It works," said Zeta chief economist, Ann Lee.')).toEqual([
      ['Ann Lee', 'Zeta chief economist'],
    ]);
    expect(roles("Empire magazine's reviews editor Ann Lee liked it.")).toEqual([
      ['Ann Lee', "Empire magazine's reviews editor"],
    ]);
    expect(roles("Sir Tom Hale's partner Dan Ray agreed.")).toEqual([
      ['Tom Hale', null],
      ['Dan Ray', "Sir Tom Hale's partner"],
    ]);
    expect(roles('Later his wife Eve Stone arrived.')).toEqual([['Eve Stone', 'wife']]);
  });

  it('knows role nouns outside the hand-written titles', () => {
    expect(roles('Liverpool striker Ann Lee scored and the journalist Tom Hale wrote.')).toEqual([
      ['Ann Lee', 'Liverpool striker'],
      ['Tom Hale', 'journalist'],
    ]);
    expect(roles('Film critic Eve Stone and energy regulator Dan Ray met rock star Bo Vale.')).toEqual([
      ['Eve Stone', 'Film critic'],
      ['Dan Ray', 'energy regulator'],
      ['Bo Vale', 'rock star'],
    ]);
    expect(roles('Olympic sprinter Ann Lee, gold medallist Tom Hale and the actress Eve Stone ran.')).toEqual(
      [
        ['Ann Lee', 'Olympic sprinter'],
        ['Tom Hale', 'gold medallist'],
        ['Eve Stone', 'actress'],
      ],
    );
  });

  it('takes no verb for a role or a modifier', () => {
    expect(roles('He wanted to help Ann Lee win.')).toEqual([['Ann Lee', null]]);
    expect(roles('Despite this success Ann Lee left.')).toEqual([['Ann Lee', null]]);
    // a noun phrase that is the subject of the next clause is no apposition
    expect(roles('For Ann Lee, the leader was spelled in three ways.')).toEqual([['Ann Lee', null]]);
    expect(roles('The squad includes striker Ann Lee.')).toEqual([['Ann Lee', 'striker']]);
  });

  it('reads a role before a courtesy title, and leaves the courtesy title out of a role', () => {
    expect(roles('His former cabinet colleague Lord Hale was there.')).toEqual([
      ['Hale', 'former cabinet colleague'],
    ]);
    expect(roles('Ex-PM Lord Hale of Brent spoke.')).toEqual([['Hale of Brent', 'Ex-PM']]);
  });

  it('reads appositions after a dash, after "was", in capitals with a phrase, and an organization after "of"', () => {
    expect(roles('"We saw it," Ann Lee - then economic adviser to President Tom Hale - said.')).toEqual([
      ['Ann Lee', 'economic adviser to President Tom Hale'],
      ['Tom Hale', 'President'],
    ]);
    expect(
      roles('Ann Lee was director of the Zeta Security Division within the department set up then.')[0],
    ).toEqual(['Ann Lee', 'director of the Zeta Security Division']);
    expect(roles('"It is correct," said Ann Lee, Director General of the Zeta Chambers (ZC).')[0]).toEqual([
      'Ann Lee',
      'Director General of the Zeta Chambers',
    ]);
    expect(
      roles('"We must act," said Dr Ann Lee, head of the ZEF\'s global Health Initiative. More came.'),
    ).toEqual([['Ann Lee', "head of the ZEF's global Health Initiative"]]);
    expect(roles('It did not happen, said Ann Lee, of Brent Vale Conservatives.')).toEqual([
      ['Ann Lee', 'of Brent Vale Conservatives'],
    ]);
    expect(roles('Credit must go to Ann Lee, the Zetan strategist who turned it round.')).toEqual([
      ['Ann Lee', 'Zetan strategist'],
    ]);
  });

  it('reads roles joined by "and", qualified before their organization, and before an apposition', () => {
    expect(roles('They play without captain and goal-kicker Ann Lee today.')).toEqual([
      ['Ann Lee', 'captain and goal-kicker'],
    ]);
    expect(roles('Meanwhile, former Zeta full-back Ann Lee spoke.')).toEqual([
      ['Ann Lee', 'former Zeta full-back'],
    ]);
    expect(roles('They praised the versatility of lock-cum-flanker Ann Lee again.')).toEqual([
      ['Ann Lee', 'lock-cum-flanker'],
    ]);
    expect(roles('He pleaded for the life of a Zetan lecturer, Ann Lee, who was in jail.')).toEqual([
      ['Ann Lee', 'Zetan lecturer'],
    ]);
    expect(roles('She will succeed the previous High Commissioner, Ann Lee, next year.')).toEqual([
      ['Ann Lee', 'previous High Commissioner'],
    ]);
  });

  it('gives a plural role to each name of the list after it', () => {
    expect(roles('Fellow strikers Ann Lee and Tom Hale, who both scored, were dropped.')).toEqual([
      ['Ann Lee', 'Fellow strikers'],
      ['Tom Hale', 'Fellow strikers'],
    ]);
    expect(roles('Labour candidates Ann Lee, Tom Hale and Eve Stone voted.').map(([, role]) => role)).toEqual(
      ['Labour candidates', 'Labour candidates', 'Labour candidates'],
    );
    expect(roles('He says Ann Lee and Tom Hale left.')).toEqual([
      ['Ann Lee', null],
      ['Tom Hale', null],
    ]);
  });

  it('reads a role in terms of another\'s ("his predecessor as CEO, Ann Lee,")', () => {
    expect(roles('He took over after his predecessor as CEO, Ann Lee, retired.')).toEqual([
      ['Ann Lee', 'predecessor as CEO'],
    ]);
  });

  it('splits a title glued to the name from it', () => {
    expect(roles('Frank Field MP said so.')).toEqual([['Frank Field', 'MP']]);
    const spans = findNameSpans('Beatle George Harrison played.', new Set(), new Set(['beatles']));
    expect(spans.map((n) => [n.name, n.role])).toEqual([['George Harrison', 'Beatle']]);
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

describe('descriptions by a role the text gave', () => {
  const mentionsOf = (text: string) => {
    const doc = parseDocument('d.md', new TextEncoder().encode(`---\ntitle: D\n---\n${text}`));
    const a = analyzeDocument(doc);
    return a.sentences.flatMap((s) =>
      s.mentions.map((m) => [doc.body.slice(m.start, m.end), a.entities[m.entity]?.name, m.via]),
    );
  };

  it('stand for the person holding that role ("the chief financial officer", "the striker")', () => {
    expect(
      mentionsOf(
        '"We will grow," said Ann Lee, the company\'s chief financial officer. "Sales are up," the chief financial ' +
          "officer added. Tom Hale, Zeta's striker, scored. The striker said he was happy.",
      ),
    ).toEqual([
      ['Ann Lee', 'Ann Lee', 'name'],
      ['the chief financial officer', 'Ann Lee', 'description'],
      ['Tom Hale', 'Tom Hale', 'name'],
      ['Zeta', 'Zeta', 'alias'],
      ['The striker', 'Tom Hale', 'description'],
      ['he', 'Tom Hale', 'pronoun'],
    ]);
  });

  it('stand for nobody when no role the text gave ends in their words', () => {
    const mentions = mentionsOf('Ann Lee, a Zeta striker, scored. The goalkeeper said nothing.');
    expect(mentions.filter(([, , via]) => via === 'description')).toEqual([]);
  });

  it('stand, bare ("the president"), for the latest person whose role has the noun, never one of another role', () => {
    const described = (text: string) => mentionsOf(text).filter(([, , via]) => via === 'description');
    expect(
      described(
        'Zeta President Ivo Brandt met Tom Hale, chief executive of Acme. The president said little.',
      ),
    ).toEqual([['The president', 'Ivo Brandt', 'description']]);
    expect(described('Tom Hale, chief executive of Acme, spoke first. The president said little.')).toEqual(
      [],
    );
  });
});

describe('roles from a description that opens the next sentence', () => {
  const rolesOf = (text: string) => {
    const doc = parseDocument('d.md', new TextEncoder().encode(`---\ntitle: D\n---\n${text}`));
    return analyzeDocument(doc)
      .entities.filter((e) => e.kind === 'person')
      .map((e) => [e.name, e.role ?? null]);
  };

  it('go to the latest person named when they have no role yet (British spelling too)', () => {
    expect(rolesOf('His victim was poor Ann Lee. The Zeta centre will have a hard week.')).toEqual([
      ['Ann Lee', 'Zeta centre'],
    ]);
  });

  it('leave a person who has a role, and a description that is no subject, alone', () => {
    expect(rolesOf('Zeta striker Ann Lee scored. The Vale centre will rest.')).toEqual([
      ['Ann Lee', 'Zeta striker'],
    ]);
    expect(rolesOf('Ann Lee scored. The centre of the town was quiet.')).toEqual([['Ann Lee', null]]);
  });
});

describe('a description that opens the text, then the person it introduces', () => {
  const rolesOf = (text: string) => {
    const doc = parseDocument('d.md', new TextEncoder().encode(`---\ntitle: D\n---\n${text}`));
    return analyzeDocument(doc)
      .entities.filter((e) => e.kind === 'person')
      .map((e) => [e.name, e.role ?? null]);
  };

  it('gives its role to the new person the next sentence opens with', () => {
    expect(
      rolesOf(
        'The Zeta sports minister at the heart of the Dana Vale funding row says he will not resign.\n\n' +
          'Oren Blatt claims the champion broke the rules.',
      ),
    ).toEqual([
      ['Dana Vale', null],
      ['Oren Blatt', 'Zeta sports minister'],
    ]);
    expect(rolesOf('The Vale striker has been fined. Tom Hale was sent off on Sunday.')).toEqual([
      ['Tom Hale', 'Vale striker'],
    ]);
  });

  it('gives it to nobody named before, nobody with a role, and nobody later in the sentence', () => {
    expect(rolesOf('Tom Hale scored twice. The Vale striker was praised. Tom Hale smiled.')).toEqual([
      ['Tom Hale', 'Vale striker'],
    ]);
    expect(rolesOf('The Vale striker was fined. Zeta coach Ann Lee said so.')).toEqual([
      ['Ann Lee', 'Zeta coach'],
    ]);
    expect(rolesOf('The Vale striker was fined. On Sunday Ann Lee said so.')).toEqual([['Ann Lee', null]]);
    expect(rolesOf('The Vale striker was fined. Nobody spoke. Ann Lee said so.')).toEqual([
      ['Ann Lee', null],
    ]);
  });
});

describe('styles of address and titles of a place', () => {
  it('read "the Most Reverend" as courtesy and the titled apposition before it as the role', () => {
    expect(roles('The Catholic Archbishop of Zeta, the Most Reverend Ann Lee, told the radio so.')).toEqual([
      ['Ann Lee', 'Catholic Archbishop of Zeta'],
    ]);
    expect(roles('He met the Governor of the Bank of Zeta, Tom Hale, in May.')).toEqual([
      ['Tom Hale', 'Governor of the Bank of Zeta'],
    ]);
    expect(roles('The Rev Ann Lee led the service.')).toEqual([['Ann Lee', null]]);
    expect(roles('The Rt Hon Tom Hale MP spoke first.')).toEqual([['Tom Hale', 'MP']]);
  });

  it('name no one by a title of a place alone, and take no role across a list', () => {
    expect(roles('The Archbishop of Zeta said so.')).toEqual([]);
    expect(roles('He met the Mayor of Zeta, Ann Lee and Tom Hale.')).toEqual([
      ['Ann Lee', null],
      ['Tom Hale', null],
    ]);
    expect(roles('In Zeta, Ann Lee, a teacher, spoke.')).toEqual([['Ann Lee', 'teacher']]);
  });
});

describe('a role in a relative clause after the name', () => {
  it('reads "who is a ..." as an apposition and "who works in ..." as a place of work', () => {
    expect(roles('Ann Lee, who is a Zeta striker, scored.')).toEqual([['Ann Lee', 'Zeta striker']]);
    expect(roles('Ann Lee, who works as chief economist at Zeta, said so.')).toEqual([
      ['Ann Lee', 'chief economist at Zeta'],
    ]);
    expect(roles('Tom Hale, who also works in the Zeta research unit, had been due to stand.')).toEqual([
      ['Tom Hale', 'works in the Zeta research unit'],
    ]);
  });

  it('reads no role from a clause that goes on, and lets any role noun outrank a place of work', () => {
    expect(roles('Ann Lee, who works in the garden and sings, left.')).toEqual([['Ann Lee', null]]);
    const doc = parseDocument(
      'd.md',
      new TextEncoder().encode(
        '---\ntitle: D\n---\nTom Hale, who works in the Zeta research unit, left. Zeta candidate Tom Hale won.',
      ),
    );
    const hale = analyzeDocument(doc).entities.find((e) => e.name === 'Tom Hale');
    expect(hale?.role).toBe('Zeta candidate');
  });
});

describe('a role after "his" or "her"', () => {
  const rolesOf = (text: string) => {
    const doc = parseDocument('d.md', new TextEncoder().encode(`---\ntitle: D\n---\n${text}`));
    return analyzeDocument(doc)
      .entities.filter((e) => e.kind === 'person')
      .map((e) => [e.name, e.role ?? null]);
  };

  it('says whose it is: the person the pronoun stands for', () => {
    expect(rolesOf('Tom Hale came with his wife Eve Stone.')).toEqual([
      ['Tom Hale', null],
      ['Eve Stone', "Tom Hale's wife"],
    ]);
    expect(rolesOf('Ms Ann Lee spoke first. Later her lawyer Tom Hale said so.')).toEqual([
      ['Ann Lee', null],
      ['Tom Hale', "Ann Lee's lawyer"],
    ]);
  });

  it('keeps the role alone when the pronoun stands for nobody named', () => {
    expect(rolesOf('His wife Eve Stone spoke.')).toEqual([['Eve Stone', 'wife']]);
  });
});
