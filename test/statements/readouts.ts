/**
 * Sample readouts for tests, written for this project: the countries, offices and people are fictional.
 * Two calls follow one presidential template (the news is in what differs), one meeting readout comes
 * from the same office in other words, and one ministry statement is unrelated.
 */

/** A call readout: the template with the counterpart and topics filled in. */
export function callReadout(fill: {
  counterpart: string;
  day: string;
  topic: string;
  closing: string;
}): string {
  return (
    `On ${fill.day}, President Aurel Vantić held a telephone conversation with ${fill.counterpart}. ` +
    `The heads of state discussed the current state and prospects of bilateral relations and noted with ` +
    `satisfaction the growing volume of trade between the two countries. ${fill.topic} ` +
    `The President of Valdoria expressed condolences over the victims of the recent floods. ` +
    `${fill.closing} The leaders agreed to maintain regular contacts at all levels.`
  );
}

/** The first call, to Norland's president. */
export const CALL_NORLAND = callReadout({
  counterpart: 'the President of Norland Henrik Aasveen',
  day: '12 March',
  topic:
    'Particular attention was paid to cooperation in the energy sector and the construction of the northern pipeline.',
  closing: 'Henrik Aasveen thanked his counterpart for the invitation to the summit in Ostrava.',
});

/** The second call, a week later, to Estmark's prime minister: same template, other counterpart. */
export const CALL_ESTMARK = callReadout({
  counterpart: 'the Prime Minister of Estmark Lotte Brauner',
  day: '19 March',
  topic: 'Particular attention was paid to the situation on the border and the exchange of detainees.',
  closing: 'Lotte Brauner thanked her counterpart for the humanitarian assistance.',
});

/** A meeting readout from the same presidency, in other words. */
export const MEETING_TRADE =
  'President Aurel Vantić received a delegation of business leaders from the Union of Coastal Ports at ' +
  'the Kestrel Palace. The guests presented plans to modernise three container terminals and asked the ' +
  'government to simplify customs procedures. The President instructed the cabinet to prepare proposals ' +
  'within a month and stressed that ports must remain open to investors from every region.';

/** An unrelated ministry statement. */
export const MINISTRY_CEASEFIRE =
  'The Ministry of Foreign Affairs of Elbonia welcomes the announcement of a seventy-two hour ceasefire in ' +
  'the Dravik valley and calls on all parties to allow humanitarian convoys safe passage. Elbonia stands ' +
  'ready to host talks and will send observers at the request of both sides.';
