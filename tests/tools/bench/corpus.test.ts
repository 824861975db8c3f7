import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bodyParagraphs,
  buildBenchCorpus,
  loadBrownTexts,
  loadNewsTexts,
  parseBrownText,
  seededRandom,
  untagSentence,
} from '../../../tools/bench/corpus.ts';
import { buildQueryMix, misspell, WORKLOADS } from '../../../tools/bench/queries.ts';
import { percentile, summarize } from '../../../tools/bench/stats.ts';
import { tempKnowledge } from '../../helpers.ts';

describe('Brown corpus reader', () => {
  it('removes the tags and re-attaches punctuation and quotation marks', () => {
    expect(
      untagSentence(
        "\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, not/* Atlanta's/np$ (/( 1961/cd )/) ./.",
      ),
    ).toBe(`The jury said "no evidence", not Atlanta's (1961).`);
    expect(untagSentence('won/vbn by/in Ivan/np Allen/np Jr./np ./.')).toBe('won by Ivan Allen Jr.');
    expect(untagSentence('1-1/2/cd miles/nns')).toBe('1-1/2 miles');
  });

  it('reads blank-line separated blocks as paragraphs, one sentence per line', () => {
    const raw = '\n\n\tA/at cat/nn ./.\nIt/pps sat/vbd ./.\n\n\n\tA/at dog/nn ./.\n';
    expect(parseBrownText(raw)).toEqual(['A cat. It sat.', 'A dog.']);
  });

  it('loads all 500 texts of the installed corpus with titles and categories', async () => {
    const texts = await loadBrownTexts();
    expect(texts).toHaveLength(500);
    const paragraphs = texts.reduce((n, t) => n + t.paragraphs.length, 0);
    expect(paragraphs).toBeGreaterThan(15_000);
    expect(texts[0]).toMatchObject({ id: 'ca01', category: 'news', title: 'The Atlanta Constitution' });
    expect(texts[0]?.paragraphs[0]).toMatch(/^The Fulton County Grand Jury said Friday/);
  });
});

describe('benchmark document sets', () => {
  const story = {
    file: 'story.md',
    content: '---\ntitle: "A story"\n---\n\n# Heading\n\nOne.\n\nTwo.\n',
    paragraphs: ['One.', 'Two.'],
  };
  const texts = [
    { corpus: 'brown', id: 'ca01', category: 'news', title: 'T1', paragraphs: ['a', 'b', 'c'] },
    { corpus: 'brown', id: 'cb01', category: 'editorial', title: 'T2', paragraphs: ['d', 'e'] },
  ];

  it('takes the paragraphs of a document body without front matter and headings', () => {
    expect(bodyParagraphs(story.content)).toEqual(['One.', 'Two.']);
  });

  it('reaches the target by adding the texts again under new document ids', () => {
    const corpus = buildBenchCorpus(texts, [story], 13);
    expect(corpus.paragraphs).toBeGreaterThanOrEqual(13);
    expect(corpus.copies).toBe(3);
    const files = corpus.documents.map((d) => d.file);
    expect(new Set(files).size).toBe(files.length);
    expect(files).toContain('brown-ca01-copy2.md');
    expect(corpus.uniqueDocuments.map((d) => d.file)).toEqual(['story.md', ...files.slice(1, 3)]);
    expect(bodyParagraphs(corpus.documents[1]?.content ?? '')).toEqual(corpus.documents[1]?.paragraphs);
  });

  it('reads a folder of news articles as texts of the news corpus, skipping a folder that is absent', async () => {
    const dir = tempKnowledge({
      'paper_2016-01-02_a-story.txt': 'First paragraph.\n\nSecond "quoted" paragraph.\n',
      'notes.json': '{}',
    });
    const news = await loadNewsTexts([dir, path.join(dir, 'absent')]);
    expect(news).toEqual([
      {
        corpus: 'news',
        id: 'paper_2016-01-02_a-story',
        category: 'news',
        title: 'paper_2016-01-02_a-story',
        paragraphs: ['First paragraph.', 'Second "quoted" paragraph.'],
      },
    ]);
    const corpus = buildBenchCorpus(news, [], 5);
    expect(corpus.documents.map((d) => d.file)).toEqual([
      'news-paper_2016-01-02_a-story.md',
      'news-paper_2016-01-02_a-story-copy2.md',
      'news-paper_2016-01-02_a-story-copy3.md',
    ]);
  });

  it('stops at the first text that reaches the target', () => {
    const corpus = buildBenchCorpus(texts, [story], 3);
    expect(corpus.documents).toHaveLength(2);
    expect(corpus.copies).toBe(1);
  });
});

describe('query mix', () => {
  const paragraphs = [
    'The committee met on Friday. Senator John Miller said, "We will cut the budget of the harbor."',
    'Later the mayor of Boston, Mary Collins, said the harbor plan was sound and that she was ready to sign it.',
    'In March 1961 the Harbor Commission approved the dredging of the northern channel for larger vessels.',
  ];

  it('is the same for the same seed and has every workload', () => {
    const a = buildQueryMix(paragraphs, 30, 3);
    expect(buildQueryMix(paragraphs, 30, 3)).toEqual(a);
    for (const workload of WORKLOADS) expect(a[workload]).toHaveLength(30);
    expect(a.who.map((q) => q.text)).toContain('John Miller');
    expect(a.quote.some((q) => q.kind === 'name')).toBe(true);
    expect(a.when.find((q) => q.kind === 'question')?.text).toMatch(/^when did /);
    expect(a.autocomplete.every((q) => q.complete === 'names' || q.complete === 'speakers')).toBe(true);
  });

  it('draws speakers only from names next to a quotation and a speech verb', () => {
    const mix = buildQueryMix(paragraphs, 60, 5);
    const speakers = new Set(mix.quote.filter((q) => q.kind === 'name').map((q) => q.text));
    expect([...speakers]).toEqual(['John Miller']);
  });

  it('makes no-match queries out of words the documents do not contain', () => {
    const mix = buildQueryMix(paragraphs, 60, 5);
    const vocabulary = new Set(paragraphs.join(' ').toLowerCase().split(/\W+/));
    const nomatch = mix.search.filter((q) => q.kind === 'nomatch');
    expect(nomatch.length).toBeGreaterThan(0);
    for (const q of nomatch) for (const w of q.text.split(' ')) expect(vocabulary.has(w)).toBe(false);
  });

  it('misspells one word by one edit', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 20; i++) {
      const wrong = misspell('Zelenskyy at', random);
      expect(wrong).not.toBe('Zelenskyy at');
      expect(wrong.endsWith(' at')).toBe(true);
    }
  });
});

describe('latency statistics', () => {
  it('computes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(summarize([2, 4])).toEqual({ n: 2, p50: 2, p99: 4, max: 4, mean: 3 });
    expect(summarize([]).p99).toBe(0);
  });
});
