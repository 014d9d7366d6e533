/**
 * The oEmbed discovery link of a story page (https://oembed.com/#section4); the provider answering it
 * is embed/embed-routes.tsx.
 */
export function oembedAlternate(
  canonicalUrl: string,
  title: string,
): { type: string; title: string; href: string } {
  return {
    type: 'application/json+oembed',
    title,
    href: `/oembed?url=${encodeURIComponent(canonicalUrl)}&format=json`,
  };
}
