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

/** Invented article text: `n` paragraphs of whole sentences. */
const STORY = [
  'The harbour board of Port Vellan voted on Tuesday to rebuild the old grain pier, which has been closed since a storm cracked its pilings two winters ago.',
  'Board chair Mirela Toth said the work would start in the spring and take about eighteen months, paid for by a loan the town will repay from mooring fees.',
  'Fishermen who moved their boats to the north quay after the storm said they would be glad to come back, though several asked for the fees to stay as they are.',
  'The engineers’ report found that the stone deck could be kept and only the timber piles replaced, which roughly halved the cost of the first plan.',
  'A public meeting about the design will be held in the town hall next month, and the drawings can be seen in the library until then.',
];
const storyHtml = STORY.map((p) => `<p>${p}</p>`).join('\n');
const pageWith = (head: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Port Vellan pier to be rebuilt</title>${head}</head><body>${body}</body></html>`;
const extract = (html: string) => extractArticle(html, 'https://harbour.example/news/pier');

describe('extractArticle on real pages’ structure', () => {
  it('keeps an article whose wrapper’s class says social, sidebar or share, and removes the small furniture in it', () => {
    const wrappers = [
      '<main class="container js-social-anchor-start" role="main">',
      '<div class="panel-display panel-two-col-sidebar-right-mix">',
      '<div id="page_body" class="o-share_wrapper">',
    ];
    for (const wrapper of wrappers) {
      const html = pageWith(
        '',
        `<nav><a href="/">Home</a></nav>${wrapper}<h1>Port Vellan pier to be rebuilt</h1>
        <div class="share-tools"><a href="#">Share on Twitter</a> <a href="#">Email this story</a></div>
        <div class="article-body">${storyHtml}</div>
        <div class="sidebar"><p>Most read: ferry fares rise again across the county this summer</p></div>
        </${wrapper.slice(1, wrapper.indexOf(' '))}>`,
      );
      const article = extract(html);
      expect(paragraphsOf(article)).toEqual(STORY);
    }
  });

  it('drops photo placeholders, credits, captions, newsletter calls and "continue reading" lines', () => {
    const html = pageWith(
      '',
      `<article><h1>Port Vellan pier to be rebuilt</h1>
      <div class="media"><span>Photo</span><img src="pier.jpg" alt=""></div>
      <p>ADA BRISK/AFP/Getty Images</p>
      <p>${STORY[0]}</p>
      <div><span>Image</span><img src="quay.jpg" alt=""></div>
      <p>Fishing boats at the north quay on Monday. (Ada Brisk/Reuters)</p>
      <p>${STORY[1]}</p><p>Continue reading the main story</p>
      <p>${STORY[2]}</p><p><strong>SIGN UP FOR OUR NEWSLETTER</strong></p>
      <p>${STORY[3]}</p><p>The stone deck seen from the water. Source: Supplied</p>
      <p>${STORY[4]}</p></article>`,
    );
    expect(paragraphsOf(extract(html))).toEqual(STORY);
  });

  it('shows article text first: timestamps, kickers and bylines at the top are not paragraphs', () => {
    const html = pageWith(
      '',
      `<article><h1>Port Vellan pier to be rebuilt</h1><p>EXCLUSIVE</p><p>By Ada Brisk</p><p>1:39 PM ET</p>
      <p>Updated March 4, 2025 at 6:01 am</p>${storyHtml}</article>`,
    );
    expect(paragraphsOf(extract(html))[0]).toBe(STORY[0]);
  });

  it('keeps a sentence split by React’s <!-- --> comments in one paragraph', () => {
    const html = pageWith(
      '',
      `<article><h1>Port Vellan pier to be rebuilt</h1><div>A version of this article appears in print on <!-- -->March 4<!-- -->, on Page <!-- -->A<!-- -->22<!-- --> of the harbour edition.</div>${storyHtml}</article>`,
    );
    expect(paragraphsOf(extract(html))).toContain(
      'A version of this article appears in print on March 4, on Page A22 of the harbour edition.',
    );
  });

  it('saves a standfirst set as a heading as a paragraph, and keeps real subheadings as headings', () => {
    const standfirst =
      'The board chose the cheaper of two plans, keeping the stone deck and replacing only the timber piles.';
    const html = pageWith(
      '',
      `<article><h1>Port Vellan pier to be rebuilt</h1><h2>${standfirst}</h2>${storyHtml.replace('<p>A public', '<h2>What happens next</h2><p>A public')}</article>`,
    );
    const article = extract(html);
    expect(paragraphsOf(article)[0]).toBe(standfirst);
    expect(article.blocks).toContainEqual({ text: 'What happens next', heading: true });
  });

  it('leaves out a wiki’s table of contents and its [edit] and [27] marks; a table row is one paragraph', () => {
    const html = pageWith(
      '',
      `<div id="content"><h1>Port Vellan</h1>
      <div id="toc" class="toc"><h2>Contents</h2><ul><li><a href="#History">1 History</a></li><li><a href="#Pier">2 Pier</a></li></ul></div>
      <h2>History<span class="mw-editsection">[<a href="/edit">edit</a>]</span></h2>
      <p>${STORY[0]}<sup class="reference"><a href="#cite-27">[27]</a></sup></p><p>${STORY[1]}</p>
      <h2>Pier<span>[edit]</span></h2><p>${STORY[2]}</p><p>${STORY[3]}[citation needed]</p>
      <table><tr><th>Year</th><th>Boats</th></tr><tr><td>1998</td><td>41</td></tr></table><p>${STORY[4]}</p></div>`,
    );
    const article = extract(html);
    expect(paragraphsOf(article)).toEqual([...STORY.slice(0, 4), 'Year | Boats', '1998 | 41', STORY[4]]);
    expect(article.blocks).toContainEqual({ text: 'History', heading: true });
    expect(articleMarkdown(article)).not.toMatch(/Contents|\[edit\]|\[27\]|1 History/);
  });

  it('refuses a front page of headlines and teasers, saying why', () => {
    const teaser = (n: number) =>
      `<h3><a href="/news/${n}">Harbour story number ${n} of the day</a></h3><div><span>Photo</span></div>` +
      `<p>A summary of harbour story number ${n}, in which the board, the fishermen and the town council all have their say about the pier.</p><p>By Ada Brisk</p>`;
    const html = pageWith(
      '',
      `<main>${Array.from({ length: 6 }, (_, n) => teaser(n)).join('')}${Array.from({ length: 4 }, (_, n) => `<h3><a href="/section/${n}">Section ${n}</a></h3>`).join('')}</main>`,
    );
    expect(() => extract(html)).toThrow(
      'the page looks like a front or index page, not an article: 10 headlines that link to other pages, and 6 of its 6 paragraphs of text are teasers under them',
    );
  });

  it('keeps a short article with a box of related headlines, and a list article with a linked headline per item', () => {
    const related = Array.from(
      { length: 6 },
      (_, n) => `<h4><a href="/news/${n}">Related harbour story ${n}</a></h4>`,
    ).join('');
    const three = STORY.slice(0, 3);
    const short = pageWith(
      '',
      `<article><h1>Port Vellan pier to be rebuilt</h1>${three.map((p) => `<p>${p}</p>`).join('')}<section>${related}</section></article>`,
    );
    expect(paragraphsOf(extract(short))).toEqual(three);
    const items = STORY.map(
      (p, n) => `<h3><a href="https://shop.example/item-${n}">Item ${n}</a></h3><p>${p}</p>`,
    ).join('');
    const list = pageWith('', `<article><h1>The five best piers</h1>${items}</article>`);
    expect(paragraphsOf(extract(list))).toEqual(STORY);
  });

  it('refuses a page whose text holds replacement or control characters, naming the encoding it was read in', () => {
    const html = pageWith(
      '',
      `<article>${storyHtml.replace('engineers’', 'engineers\uFFFD').replace('halved', 'hal\u0093ved')}</article>`,
    );
    expect(() =>
      extractArticle(html, 'https://harbour.example/pier', 'utf-8, declared in the Content-Type header'),
    ).toThrow(
      "the page's text holds 1 replacement character (U+FFFD) and 1 control character: it could not be read in its true character encoding (it was read as utf-8, declared in the Content-Type header), so it was not saved",
    );
  });
});

describe('readPageMeta authors and dates', () => {
  const meta = (head: string, body = '') => extract(pageWith(head, `${body}<article>${storyHtml}</article>`));

  it('reads byl, article:author (a name, not a link) and the itemprop and publicationdate dates', () => {
    expect(meta('<meta name="byl" content="By Ada Brisk and Tomas Vell">').author).toBe(
      'Ada Brisk and Tomas Vell',
    );
    expect(
      meta('<meta property="article:author" content="https://social.example/adabrisk">').author,
    ).toBeUndefined();
    expect(meta('<meta property="article:author" content="Ada Brisk">').author).toBe('Ada Brisk');
    expect(meta('<meta property="article:publicationdate" content="2024-11-02">').published).toBe(
      '2024-11-02',
    );
    expect(
      meta('', '<span itemprop="datePublished" content="2023-05-06T10:00:00Z">May 6</span>').published,
    ).toBe('2023-05-06');
  });

  it('reads JSON-LD authors inside CDATA, in @graph and by @id reference', () => {
    const cdata = `<script type="application/ld+json">//<![CDATA[
      {"@type":"NewsArticle","author":{"@type":"Person","name":"Ada Brisk"}}
      //]]></script>`;
    expect(meta(cdata).author).toBe('Ada Brisk');
    const graph = `<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"@id":"#p1"}]},
      {"@type":"Person","@id":"#p1","name":"Tomas Vell"}]}</script>`;
    expect(meta(graph).author).toBe('Tomas Vell');
  });

  it('reads a microdata author, else the byline Readability finds, without "By" or a date; a user name is no author', () => {
    expect(
      meta(
        '',
        '<div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ada Brisk</span></div>',
      ).author,
    ).toBe('Ada Brisk');
    expect(meta('', '<p class="byline">By Tomas Vell 22 Dec 2016</p>').author).toBe('Tomas Vell');
    expect(meta('<meta name="author" content="Ada Brisk @adabrisk">').author).toBe('Ada Brisk');
    expect(meta('<meta name="author" content="abrisk@harbour.example">').author).toBeUndefined();
    expect(
      meta('<meta name="author" content="tvell">', '<span itemprop="author">Tomas Vell</span>').author,
    ).toBe('Tomas Vell');
  });
});

describe('extractArticle in scripts written without spaces', () => {
  it('counts Chinese text in words enough to keep it, rather than dropping it as short labels', () => {
    const sentence =
      '港口委员会周二投票决定重建旧粮食码头，该码头自两年前冬天的一场风暴损坏其桩基以来一直关闭。';
    const html = pageWith(
      '',
      `<article><h1>码头将重建</h1>${[1, 2, 3, 4, 5].map(() => `<p>${sentence.repeat(2)}</p>`).join('')}</article>`,
    );
    expect(paragraphsOf(extract(html))).toEqual(Array(5).fill(sentence.repeat(2)));
  });
});
