/** 404 and error pages, in the same layout as the rest of the site. */
import type { JSX } from 'preact';

/** A page's content when there is nothing to show at this address, or something went wrong. */
export function ErrorPage(props: { status: number }): JSX.Element {
  const { title, text } = errorWording(props.status);
  return (
    <div class="error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a class="button" href="/">
          Go to the front page
        </a>
      </p>
    </div>
  );
}

/** Title and explanation for an HTTP status on the reader site. */
export function errorWording(status: number): { title: string; text: string } {
  if (status === 404) {
    return {
      title: 'Page not found',
      text: 'There is no page at this address. It may have been moved, or the link may be mistyped.',
    };
  }
  if (status === 400) {
    return {
      title: 'That address is not quite right',
      text: 'Part of the link is malformed; try it without the part after “?”.',
    };
  }
  return {
    title: 'Something went wrong',
    text: 'We could not show this page just now. Please try again in a moment.',
  };
}
