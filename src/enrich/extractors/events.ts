/** Events: one per sentence that has an event cue, with the actors, place and date it names. */
import { classifySentence } from '../events/taxonomy.ts';
import type { Extractor } from '../extractor.ts';
import type { EventMention } from '../types.ts';

/** Lists the events in sentence order; needs the names, places and dates first. */
export const eventsExtractor: Extractor<'events'> = {
  field: 'events',
  extract({ sentences, mentions, result }) {
    const places = result.places ?? [];
    const events: EventMention[] = [];
    for (const sentence of sentences) {
      const type = classifySentence(sentence.text);
      if (!type) continue;
      const inside = mentions.filter((m) => m.match.start >= sentence.start && m.match.end <= sentence.end);
      const actors: string[] = [];
      for (const m of inside) {
        const name =
          m.kind === 'person'
            ? m.person.name
            : m.kind === 'org'
              ? m.org.name
              : m.kind === 'country' && !m.demonym
                ? m.country.name
                : undefined;
        if (name && !actors.includes(name)) actors.push(name);
      }
      const placeMention = inside
        .filter((m) => m.kind === 'place')
        .map((m) => places.find((p) => p.matched === m.match.text))
        .find((p) => p !== undefined);
      // Another sentence's country ("Turkish-made drones" earlier in the update) says nothing
      // about where this one happened.
      const country =
        placeMention?.country ??
        inside.find((m): m is Extract<typeof m, { kind: 'country' }> => m.kind === 'country' && !m.demonym)
          ?.country.iso2;
      // The dates extractor already parsed the whole text; parsing each sentence again doubled the cost.
      const date = (result.dates ?? []).find((d) => sentence.text.includes(d.text));
      events.push({
        type,
        actors,
        ...(placeMention && { place: placeMention.name }),
        ...(country !== undefined && { country }),
        ...(date && { date: date.start }),
        sentence: sentence.text,
      });
    }
    return events;
  },
};
