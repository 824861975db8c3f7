/**
 * A knowledge base loaded from its snapshot answers exactly as the one built from the documents. A misspelt
 * query word is corrected to the first of the nearest index terms the term tree gives, and the tree's order
 * follows the order its terms were added: a build meets them in text order, a snapshot lists them in the tree's.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/knowledge/document.ts';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { packJson } from '../../src/persistence/json-chunks.ts';
import { knowledgeBaseFromPacked } from '../../src/persistence/snapshot.ts';

// Misspelt titles, each one edit from two titles that are as frequent: the correction takes the first of them the
// index's term tree gives, so the tree must be the same. Half the pairs are met in one order, half in the other.
const pairs = [
  ['brodan', 'brogan', 'broan'],
  ['telvik', 'telik', 'telvin'],
  ['marosk', 'marsk', 'marosh'],
  ['quenal', 'quenil', 'queal'],
  ['darvun', 'darun', 'darvin'],
  ['solmek', 'solek', 'solmak'],
] as const;
const people = ['Ilsa Brenner', 'Tomas Vell', 'Oda Kranz', 'Piet Dorn', 'Runa Hale', 'Emil Voss', 'Aki Lund'];
const titles = pairs.flatMap(([, a, b], i) => (i % 2 === 0 ? [a, b] : [b, a]));
const texts = titles.map((title, i) => {
  const giver = people[i % people.length] as string;
  const holder = people[(i + 3) % people.length] as string;
  return [
    '---',
    `title: The ${title} of Lorvale`,
    `published: 2021-0${(i % 9) + 1}-1${i % 9}`,
    '---',
    '',
    `${giver} named ${holder} the ${title} of Lorvale in 18${40 + i}, after the river war.`,
    '',
    `"The ${title} serves the valley," ${giver} said at the hall.`,
    '',
  ].join('\n');
});

function build(): KnowledgeBase {
  return KnowledgeBase.fromDocuments(
    texts.map((text, i) => parseDocument(`doc-${i}.md`, new TextEncoder().encode(text))),
  );
}

const questions = pairs.flatMap(([misspelt]) => [
  ['who', `Who named the ${misspelt} of Lorvale?`],
  ['when', `When was the ${misspelt} named?`],
  ['quote', `the ${misspelt} serves the valley`],
  ['search', `${misspelt} river war`],
]) as [command: 'who' | 'when' | 'quote' | 'search', query: string][];

describe('a knowledge base from its snapshot', () => {
  it('answers misspelt and partial words exactly as the built one', async () => {
    const built = build();
    for (const nonBlocking of [false, true]) {
      const loaded = await knowledgeBaseFromPacked(packJson(built.toSnapshot()), nonBlocking);
      for (const [command, query] of questions) {
        expect(loaded.answer(command, query), `${command} ${query}`).toEqual(built.answer(command, query));
      }
    }
  });
});
