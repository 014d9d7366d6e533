/**
 * sitemap.xml (https://www.sitemaps.org/protocol.html), the Google news sitemap of the last two days
 * and robots.txt. Written directly with an escaping helper: the sitemap vocabulary is four elements,
 * and the `feed` package has no sitemap writer.
 */
import type { ArchivedStory } from '../../../store/archive.ts';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** `text` safe inside an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** A URL of the sitemap. */
export interface SitemapUrl {
  loc: string;
  lastmod?: string;
}

/** The sitemap document. */
export function sitemapXml(urls: SitemapUrl[]): string {
  const entries = urls.map(
    (url) =>
      `<url><loc>${escapeXml(url.loc)}</loc>${url.lastmod !== undefined ? `<lastmod>${escapeXml(url.lastmod)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
}

/** The news sitemap of `stories` (already limited to the last two days). */
export function newsSitemapXml(
  stories: { url: string; item: ArchivedStory }[],
  publication: { name: string; language: string },
): string {
  const entries = stories.map(
    ({ url, item }) =>
      `<url><loc>${escapeXml(url)}</loc><news:news><news:publication><news:name>${escapeXml(publication.name)}</news:name><news:language>${publication.language}</news:language></news:publication><news:publication_date>${escapeXml(item.story.openedAt ?? item.story.createdAt)}</news:publication_date><news:title>${escapeXml(item.story.headline)}</news:title></news:news></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${entries.join('\n')}\n</urlset>\n`;
}

/** robots.txt: everything readers see may be crawled; the API and search results not. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Disallow: /search',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    `Sitemap: ${origin}/news-sitemap.xml`,
    '',
  ].join('\n');
}
