/**
 * One link per article: the same page reached with `?utm_source=…`, a click id or `#comments` is the same
 * article. `canonicalUrl` drops fragments and tracking parameters; a page's own `<link rel="canonical">`
 * names it where it gives one; `sameArticleUrl` also takes http and https, `www.` and a trailing slash as
 * the same. Used to find duplicates (an article added twice, a feed followed twice), to key feed items, and
 * to tell a refreshed page that moved elsewhere from the same page.
 */

/** Query parameters that say how a reader came to a page, never which page it is. */
const TRACKING_PARAMETERS = new Set([
  'fbclid', // Facebook click id
  'gclid', // Google Ads click id
  'gclsrc',
  'dclid', // Google Display click id
  'gbraid', // Google Ads (iOS) click ids
  'wbraid',
  'msclkid', // Microsoft Ads click id
  'yclid', // Yandex click id
  'twclid', // X/Twitter click id
  'igshid', // Instagram share id
  'mc_cid', // Mailchimp campaign and member ids
  'mc_eid',
  '_hsenc', // HubSpot
  '_hsmi',
  'mkt_tok', // Marketo
  'oly_anon_id', // Omeda
  'oly_enc_id',
  'vero_id', // Vero
  'ocid', // MSN, Microsoft campaign id
  'cmpid', // campaign id (many newspapers)
  'smid', // New York Times share id
  'cmp', // Guardian campaign (?CMP=share_btn_tw)
  '_ga', // Google Analytics cross-domain ids
  '_gl',
]);

/** A parameter that tracks: utm_* (Google Analytics campaigns), or one named above (case ignored). */
const isTracking = (name: string) => {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMETERS.has(lower);
};

/**
 * The link with its fragment and tracking parameters dropped (other parameters kept in their order), as
 * WHATWG URL writes it (host lower-cased, default port dropped); the link itself when it is not a URL.
 */
export function canonicalUrl(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link;
  }
  url.hash = '';
  for (const name of [...new Set(url.searchParams.keys())])
    if (isTracking(name)) url.searchParams.delete(name);
  // An emptied query leaves a bare "?" behind in some URL implementations; drop it.
  if (url.searchParams.size === 0) url.search = '';
  return url.href;
}

/** The part of a link that names the article: no scheme, no `www.`, no trailing slash, no tracking. */
function articleIdentity(link: string): string {
  const canonical = canonicalUrl(link);
  try {
    const url = new URL(canonical);
    const host = url.host.replace(/^www\./, '');
    return `${host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return canonical;
  }
}

/** Whether two links name the same article (http/https, `www.`, a trailing slash and tracking aside). */
export function sameArticleUrl(a: string, b: string): boolean {
  return articleIdentity(a) === articleIdentity(b);
}

/** `name="value"`, `name='value'` or `name=value` attributes of one tag, names lower-cased. */
function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g))
    attributes.set((match[1] as string).toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  return attributes;
}

/**
 * The page's `<link rel="canonical" href>`, resolved against the page's URL and canonicalised, when it names
 * a page of the same site (`www.` aside) that is not above the page itself: another site's name for it would
 * make the bot fetch that site on a refresh, and a canonical link from an article to the site's front page or
 * a section of it (`/news/` for `/news/story-123`, a common misconfiguration) would make every article there
 * the same one. Undefined when the page names no such link.
 */
export function canonicalLinkOf(html: string, pageUrl: string): string | undefined {
  const page = new URL(pageUrl);
  const site = (url: URL) => url.hostname.replace(/^www\./, '');
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attributes = attributesOf(tag);
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attributes.get('href')?.trim();
    if (!rel.includes('canonical') || !href) continue;
    let url: URL;
    try {
      url = new URL(href.replace(/&amp;/g, '&'), page);
    } catch {
      return undefined;
    }
    const canonical = canonicalUrl(url.href);
    const named = new URL(canonical);
    const path = (of: URL) => `${of.pathname}${of.search}`;
    const above = path(page) !== path(named) && path(page).startsWith(path(named));
    if (!/^https?:$/.test(url.protocol) || site(url) !== site(page) || above) return undefined;
    return canonical;
  }
  return undefined;
}
