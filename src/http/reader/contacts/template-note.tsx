/** The note beside a contact whose readout wording other contacts share, linking to the comparison. */
import type { JSX } from 'preact';
import type { ListedContact } from '../../../domain/contacts.ts';

/** Where a readout template's contacts are compared. */
export function contactTemplatePath(templateId: string): string {
  return `/contacts/templates/${encodeURIComponent(templateId)}`;
}

/** "same readout wording as 2 other contacts", or nothing when the wording is the contact's own. */
export function TemplateNote(props: {
  contact: Pick<ListedContact, 'templateId' | 'templateSize'>;
}): JSX.Element | null {
  const others = props.contact.templateSize - 1;
  if (others < 1) return null;
  return (
    <a class="contact-template-note" href={contactTemplatePath(props.contact.templateId)}>
      same readout wording as {others} other {others === 1 ? 'contact' : 'contacts'}
    </a>
  );
}
