/** Invented pages and feeds for the web tests: a news page around given paragraphs, RSS and Atom feeds. */

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A news page: site navigation, a cookie banner and a footer around an article of `paragraphs`. */
export function articlePage(title: string, paragraphs: string[], published = '2025-05-06'): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeXml(title)} | Test Times</title>
<meta property="og:title" content="${escapeXml(title)}">
<meta property="article:published_time" content="${published}T09:00:00Z"></head>
<body><div class="cookie-banner"><p>We use cookies. Accept them to keep reading this site.</p></div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>${escapeXml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n')}
</article><footer>© Test Times</footer></body></html>`;
}

export interface TestItem {
  guid?: string;
  link: string;
  title: string;
  /** An ISO date; every item is dated 2025-05-06 09:00 UTC without it. */
  published?: string;
}

const rssDate = (item: TestItem) =>
  item.published ? new Date(item.published).toUTCString() : 'Tue, 06 May 2025 09:00:00 GMT';

export function rssFeed(title: string, items: TestItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escapeXml(title)}</title><link>https://example.test/</link>
${items
  .map(
    (item) =>
      `<item><title>${escapeXml(item.title)}</title><link>${escapeXml(item.link)}</link>${
        item.guid ? `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>` : ''
      }<pubDate>${rssDate(item)}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export function atomFeed(title: string, items: TestItem[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">${escapeXml(title)}</title>
<link rel="self" href="https://example.test/atom.xml"/>
${items
  .map(
    (item) => `<entry><id>${escapeXml(item.guid ?? item.link)}</id><title>${escapeXml(item.title)}</title>
<link rel="alternate" type="text/html" href="${escapeXml(item.link)}"/><updated>2025-05-06T09:00:00Z</updated></entry>`,
  )
  .join('\n')}
</feed>`;
}
