/** The page shell every reader page shares: head metadata, skip link, site header, main, footer. */
import type { ComponentChildren, JSX, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Head metadata of a page: title, description, canonical URL, sharing cards and structured data. */
export interface PageMeta {
  title: string;
  description: string;
  /** Absolute canonical URL; null for error pages. */
  canonicalUrl: string | null;
  ogType?: 'website' | 'article';
  image?: { url: string; alt: string } | null;
  /** Already made safe with `jsonForScript`. */
  jsonLd?: string | null;
  noindex?: boolean;
  publishedTime?: string;
  modifiedTime?: string;
  /** Other representations of the page: feeds, oEmbed discovery. */
  alternates?: { type: string; title: string; href: string }[];
}

/** Where the stylesheet and the client script are served from (content-hashed). */
export interface AssetUrls {
  css: string;
  js: string;
}

/** Everything the shell needs besides the page's own content. */
export interface LayoutProps {
  siteName: string;
  meta: PageMeta;
  assets: AssetUrls;
  /** Whether the page loads the live client. */
  script: boolean;
  children: ComponentChildren;
}

/** The page shell; content goes in `<main id="main">`, which the skip link targets. */
export function Layout(props: LayoutProps): JSX.Element {
  const { meta, siteName } = props;
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        {meta.description !== '' && <meta name="description" content={meta.description} />}
        {meta.canonicalUrl !== null && <link rel="canonical" href={meta.canonicalUrl} />}
        {meta.noindex === true && <meta name="robots" content="noindex, follow" />}
        <meta name="color-scheme" content="light dark" />
        <meta property="og:site_name" content={siteName} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        <meta property="og:title" content={meta.title} />
        {meta.description !== '' && <meta property="og:description" content={meta.description} />}
        {meta.canonicalUrl !== null && <meta property="og:url" content={meta.canonicalUrl} />}
        {meta.image && <meta property="og:image" content={meta.image.url} />}
        {meta.image && <meta property="og:image:alt" content={meta.image.alt} />}
        {meta.publishedTime !== undefined && (
          <meta property="article:published_time" content={meta.publishedTime} />
        )}
        {meta.modifiedTime !== undefined && (
          <meta property="article:modified_time" content={meta.modifiedTime} />
        )}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={meta.title} />
        {meta.description !== '' && <meta name="twitter:description" content={meta.description} />}
        {/* No favicon yet: an empty data URL stops browsers asking for /favicon.ico on every visit. */}
        <link rel="icon" href="data:," />
        {meta.alternates?.map((alt) => (
          <link rel="alternate" type={alt.type} title={alt.title} href={alt.href} />
        ))}
        <link rel="stylesheet" href={props.assets.css} />
        {meta.jsonLd != null && (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: meta.jsonLd }} />
        )}
        {props.script && <script src={props.assets.js} defer />}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="site-name" href="/">
              {siteName}
            </a>
            <a class="site-search" href="/map">
              Map
            </a>
            <a class="site-search" href="/statements">
              Statements
            </a>
            <a class="site-search" href="/search">
              Search
            </a>
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              {siteName} · <a href="/">Front page</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A complete HTML document from a page's root element. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
