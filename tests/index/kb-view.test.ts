/** The typed read view over built data: full names for the stored records' short fields, checked ids. */
import { describe, expect, it } from 'vitest';
import { buildData, finishData } from '../../src/index/kb-data.ts';
import { KbView } from '../../src/index/kb-view.ts';
import { parseDocument } from '../../src/knowledge/document.ts';

const doc = (file: string, text: string) => parseDocument(file, new TextEncoder().encode(text));

const view = new KbView(
  finishData(
    buildData([
      doc('a.txt', 'The mill opened in 1901.'),
      doc('b.txt', 'It rained.\n\nMayor Ada Brenner said "the mill stays open" on Monday. She left.'),
    ]),
  ),
);

describe('KbView', () => {
  it('reads a sentence with its document, paragraph and text', () => {
    const sentence = view.sentence(2);
    expect(view.text(sentence)).toBe('Mayor Ada Brenner said "the mill stays open" on Monday.');
    expect(view.documentOf(sentence).id).toBe('b');
    expect(view.paragraphOf(sentence).number).toBe(2);
    expect(sentence.number).toBe(1);
    const paragraph = view.paragraph(sentence.paragraph);
    expect([paragraph.firstSentence, paragraph.lastSentence, paragraph.sentenceCount]).toEqual([2, 3, 2]);
    expect(view.text(view.sentence(3))).toBe('She left.');
  });

  it('reads mentions, times and quotations with their full field names', () => {
    const sentence = view.sentence(2);
    const [mention] = view.mentionsIn(sentence);
    expect(mention && view.text(sentence, mention)).toBe('Mayor Ada Brenner');
    expect(mention && view.text(sentence, { start: mention.nameStart, end: mention.end })).toBe(
      'Ada Brenner',
    );
    expect(mention && view.entity(mention.entity).name).toBe('Ada Brenner');
    expect(mention?.sentence).toBe(2);
    const [time] = view.timesIn(sentence);
    expect(time && view.text(sentence, time)).toBe('on Monday');
    const [quoteId] = sentence.quotes;
    const quotation = view.quotation(quoteId ?? -1);
    expect(view.text(sentence, quotation)).toContain('the mill stays open');
    expect(view.speakerOf(quotation)?.name).toBe('Ada Brenner');
  });

  it("gives a sentence's names and its pronouns apart, and an entity's pronouns", () => {
    const she = view.sentence(3);
    expect(view.mentionsIn(she)).toEqual([]);
    const [pronoun] = view.pronounsIn(she);
    expect(pronoun && [view.text(she, pronoun), pronoun.via]).toEqual(['She', 'pronoun']);
    const brenner = pronoun?.entity ?? -1;
    expect(view.entity(brenner).name).toBe('Ada Brenner');
    expect(view.entity(brenner).pronouns).toEqual([pronoun?.id]);
    expect(view.entity(brenner).mentions.map((id) => view.mention(id).via)).toEqual(['name']);
    expect(view.pronounsIn(view.sentence(2))).toEqual([]);
  });

  it('throws a RangeError for an id that is not there, and gives undefined past the ends for a neighbour', () => {
    expect(() => view.sentence(99)).toThrow(RangeError);
    expect(() => view.mention(-1)).toThrow(/no mention -1/);
    expect(view.sentenceAt(-1)).toBeUndefined();
    expect(view.sentenceAt(4)).toBeUndefined();
    expect(view.sentenceAt(0)?.id).toBe(0);
  });

  it('searches its indexes with typed ids', () => {
    expect(
      view
        .topPassages(['mill'], 5)
        .map((hit) => hit.paragraph)
        .sort(),
    ).toEqual([0, 2]);
    expect(view.topNames('brenner', { prefix: true }, 3)).toEqual([view.entitiesNamed('ada brenner')[0]]);
    expect(view.paragraphFrequency('mill')).toBe(2);
    expect(view.usesTerm('zebra')).toBe(false);
  });

  it("gives a document title's index terms, the same on every call", () => {
    const titled = new KbView(
      finishData(buildData([doc('c.md', '---\ntitle: "The Mills of Eastbrook"\n---\n\nWater ran.')])),
    );
    expect(titled.titleTermsOf(0)).toEqual(['mill', 'eastbrook']);
    expect(titled.titleTermsOf(0)).toBe(titled.titleTermsOf(0));
    expect(titled.titleUsesTerm('mill')).toBe(true);
  });
});
