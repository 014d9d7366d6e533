/** The banner over a newsroom preview of a reader page: what it is, and that nothing is published. */
import type { JSX } from 'preact';

/** "PREVIEW: nothing is published": shown above the story in a preview, never on a reader's page. */
export function PreviewBanner(): JSX.Element {
  return (
    <div class="preview-banner" role="note" aria-label="Preview">
      <strong class="preview-flag">PREVIEW</strong>
      <span>
        Nothing is published. This is the reader page as it would look with your update at the top; close this
        tab to go back to the editor.
      </span>
    </div>
  );
}
