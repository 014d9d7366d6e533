/** Which author-supplied URLs may become links or images on a reader page. */

/** Whether `url` is an absolute http(s) URL, the only kind authors' links and sources may use. */
export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Whether `url` is a path on this site ("/media/…"), not protocol-relative ("//evil.example"). */
export function isSitePath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}

/** The host name of a web URL without "www.", for "Opens on x.com". */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
