import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/knowledge/document.ts';
import { articleId, articleMarkdown, extractArticle, paragraphsOf } from '../../src/web/article.ts';
import { isoDay } from '../../src/web/page-meta.ts';
import { fixture } from './web-server.ts';

const LIBRARY_PARAGRAPHS = [
  'The Riverside public library reopened on Monday, three months after floodwater from the Maple River filled its basement and ruined more than four thousand books.',
  'Head librarian Agnes Whitfield said the building had been dried, rewired and fitted with new shelving paid for by a county emergency grant. "We lost the local history room, but not the people who use it," Whitfield said.',
  'Volunteers spent the winter photographing damaged maps and parish records so that copies could be printed. About two hundred of the four thousand lost books have already been replaced through donations from neighbouring towns.',
  'The local history collection will move to the first floor, above the level the river reached in January. Council engineer Samuel Okafor said the new room would stay dry even in a flood twice as high.',
  'The library will open until eight in the evening on weekdays for the rest of March to make up for the months it was closed.',
];

describe('extractArticle', () => {
  it('keeps exactly the article paragraphs of a cluttered news page, and its metadata', () => {
    const article = extractArticle(fixture('article.html'), 'https://courier.example/news/library');
    expect(paragraphsOf(article)).toEqual(LIBRARY_PARAGRAPHS);
    expect(article).toMatchObject({
      title: 'Riverside library reopens after winter flood',
      source: 'https://courier.example/news/library',
      published: '2025-03-04',
      author: 'Elena Marsh',
    });
    const text = articleMarkdown(article);
    for (const clutter of [
      'cookies',
      'Advertisement',
      'Broadband',
      'Related',
      'Most read',
      'riverwatcher',
      'Share',
    ])
      expect(text).not.toContain(clutter);
  });

  it('saves a document the loader reads with the same paragraphs and front matter', () => {
    const article = extractArticle(fixture('article.html'), 'https://courier.example/news/library');
    const doc = parseDocument(`${articleId(article)}.md`, new TextEncoder().encode(articleMarkdown(article)));
    expect(doc.paragraphs.map((p) => p.text)).toEqual(LIBRARY_PARAGRAPHS);
    expect(doc).toMatchObject({
      id: 'riverside-library-reopens-after-winter-flood',
      title: 'Riverside library reopens after winter flood',
      source: 'https://courier.example/news/library',
      published: '2025-03-04',
      author: 'Elena Marsh',
    });
    expect(doc.body).toContain('## A new home for the archive');
  });

  it('splits <br>-separated text into paragraphs and dates the page from <time datetime>', () => {
    const article = extractArticle(fixture('br-paragraphs.html'), 'https://gazette.example/ferry');
    const paragraphs = paragraphsOf(article);
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toBe(
      'The Northpoint harbour ferry will run every twenty minutes from the first of July, the operator Saltway Lines announced on Wednesday.',
    );
    expect(paragraphs[3]).toBe(
      'Fares will stay the same for residents, but day tickets for visitors will rise by fifty pence to pay for the additional crew.',
    );
    expect(article.title).toBe('Harbour ferry timetable changes for the summer');
    expect(article.published).toBe('2024-06-12');
    expect(article.author).toBeUndefined();
    expect(articleMarkdown(article)).not.toMatch(/Archive|Letters|Quay Street/);
  });

  it('refuses a page whose main text is too short to be an article, saying why', () => {
    expect(() => extractArticle(fixture('not-article.html'), 'https://courier.example/login')).toThrow(
      /^the page's main text is \d+ characters in 1 paragraph; an article has at least 400/,
    );
  });

  it('reads the author and date from JSON-LD when there are no meta tags', () => {
    const paragraph = 'A paragraph of plain words that is long enough to count as part of an article text. ';
    const html = `<html><head><title>Quiet street</title>
      <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-11-30T23:30:00-05:00",
      "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Bo Lind"}]}]}</script></head>
      <body><article><h1>Quiet street</h1><p>${paragraph.repeat(3)}</p><p>${paragraph.repeat(3)}</p></article></body></html>`;
    const article = extractArticle(html, 'https://example.org/quiet-street');
    expect(article).toMatchObject({ published: '2023-11-30', author: 'Ana Ruiz and Bo Lind' });
    expect(paragraphsOf(article)).toHaveLength(2);
  });
});

describe('isoDay and articleId', () => {
  it('keeps the publisher’s calendar day and refuses what is no date', () => {
    expect(isoDay('2025-03-04T23:30:00-05:00')).toBe('2025-03-04');
    expect(isoDay('Tue, 04 Mar 2025 10:00:00 GMT')).toBe('2025-03-04');
    expect(isoDay('2025-02-30')).toBeUndefined();
    expect(isoDay('soon')).toBeUndefined();
  });

  it('names the document after its title, else its link', () => {
    expect(articleId({ title: 'Café prices rise — again!', source: 'https://x.example/a' })).toBe(
      'cafe-prices-rise-again',
    );
    expect(articleId({ title: 'Главная', source: 'https://x.example/news/big-story.html' })).toBe(
      'big-story',
    );
  });
});
