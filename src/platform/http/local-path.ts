// The one check of a path a request asks to be sent back to (login's next, returnTo): only a path of this site,
// judged after the URL parser's own normalisation, since browsers drop tabs and newlines and read "\" as "/"
// ("/\t/evil.example" is "//evil.example", another site).
const ORIGIN = 'http://irisdesk.invalid';

/** The normalised same-origin path (path, query and fragment), or undefined when the value leaves the site. */
export function localPath(value: string | null | undefined, maxLength = 500): string | undefined {
  if (!value || value.length > maxLength || !value.startsWith('/')) return undefined;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== ORIGIN) return undefined;
  // The parser's output is percent-encoded ASCII: safe in a Location header and in an href.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? undefined : path;
}
