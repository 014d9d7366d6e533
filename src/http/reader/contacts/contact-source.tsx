/** Where a listed contact was reported, for links: its update on the story page, or its statement. */
import type { ListedContact } from '../../../domain/contacts.ts';
import { storyPath, updatePath } from '../../../domain/paths.ts';
import { ClaimLabel } from '../views/update-article.tsx';

type Source = Pick<ListedContact, 'sourceType' | 'statementId' | 'deskSlug' | 'storySlug' | 'updateId'>;

/** The page of the update or statement that reported `c`. */
export function sourcePath(c: Source): string {
  return c.sourceType === 'statement' && c.statementId !== null
    ? `/statements/${encodeURIComponent(c.statementId)}`
    : updatePath(storyPath(c.deskSlug, c.storySlug), c.updateId);
}

/** One key per source: an update (or statement) naming a pair twice is one source. */
export const sourceKey = (c: Source): string => `${c.sourceType}:${c.statementId ?? c.updateId}`;

/** The update's claim status, or that the source is an official statement (which has none). */
export function SourceLabel({ contact }: { contact: Pick<ListedContact, 'claimStatus'> }) {
  return contact.claimStatus === null ? (
    <span class="contact-source-kind">official statement</span>
  ) : (
    <ClaimLabel status={contact.claimStatus} note="" />
  );
}
