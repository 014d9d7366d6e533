/** The period and kind form of the network pages: a plain GET form, so it works without JavaScript. */
import type { JSX } from 'preact';
import { CONTACT_KINDS } from '../../../domain/contacts.ts';
import type { NetworkFilterValues } from './network-model.ts';

/** Kind names as a reader says them. */
export const KIND_LABELS: Record<(typeof CONTACT_KINDS)[number], string> = {
  call: 'Calls',
  meeting: 'Meetings',
  visit: 'Visits',
  talks: 'Talks',
  letter: 'Letters',
  agreement: 'Agreements',
  threat: 'Threats',
};

/** The form; `action` is the page's own path, `clear` where "all contacts" leads. */
export function NetworkFilters(props: {
  action: string;
  filter: NetworkFilterValues;
  label: string;
  clear?: string;
}): JSX.Element {
  const { filter } = props;
  return (
    <form class="network-filters" method="get" action={props.action} aria-label={props.label}>
      <label>
        From
        <input type="date" name="from" value={filter.from ?? ''} />
      </label>
      <label>
        To
        <input type="date" name="to" value={filter.to ?? ''} />
      </label>
      <label>
        Kind
        <select name="kind">
          <option value="" selected={filter.kind === undefined}>
            All kinds
          </option>
          {CONTACT_KINDS.map((kind) => (
            <option value={kind} selected={filter.kind === kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Show</button>
      {props.clear !== undefined && <a href={props.clear}>All contacts</a>}
    </form>
  );
}
