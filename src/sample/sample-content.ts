/**
 * Sample content for a fresh data directory, so `npm start` on a new clone shows a working live page.
 * Everything here was written for the Dateline demo: Kestria, Drevana and every place, person and event
 * are invented, all sources point at example.org / example.com, and the desk says so in its name,
 * description and the story's standfirst.
 */
import { SAMPLE_DESK_SLUG } from '../domain/sample-desk.ts';
import { dateInZone } from '../domain/days.ts';
import { DomainError } from '../domain/errors.ts';
import type { Desk, Update } from '../domain/types.ts';
import type { Actor } from '../domain/actors.ts';
import type { LiveBlogService, UpdateInput } from '../service/live-blog.ts';
import { PublishingService } from '../service/publishing.ts';
import type { Store } from '../store/store.ts';

/** The sample desk's address; archived as soon as a real desk is created (see LiveBlogService.createDesk). */
export { SAMPLE_DESK_SLUG };

/** The words that mark every piece of sample content. */
export const SAMPLE_NOTICE = 'Sample content written for the Dateline demo — not real reporting.';

/** Author shown on every sample update. */
export const SAMPLE_AUTHOR = 'Sample Desk';

/** Who writes the sample: audited as "sample", shown as the sample desk. */
const SAMPLE_SEED: Actor = { key: 'sample', name: SAMPLE_AUTHOR, role: 'admin', desks: null };

/** The sample desk. */
export const SAMPLE_DESK = {
  name: 'Sample Desk: Kestria Daily',
  description: `${SAMPLE_NOTICE} Kestria and Drevana are fictional countries; every place, person and event on this desk is invented.`,
  timezone: 'UTC',
} as const;

/** Header of the sample day's page. */
export const SAMPLE_STORY = {
  headline: 'Ceasefire holds on day three as monitors reach the Seldra bridge',
  standfirst:
    'Monitors reach the northern bridge at Seldra and the two foreign ministers speak for the first time as the ' +
    `Kestria–Drevana ceasefire enters its third day. ${SAMPLE_NOTICE}`,
  body: [
    `*${SAMPLE_NOTICE} Kestria, Drevana and the places named here are fictional.*`,
    '',
    '## Analysis',
    '',
    'Three days in, the ceasefire along the Ilvar River is holding better than either side predicted, but it',
    'rests on very little. There is still no agreed map of the line of contact, and the Joint Monitoring Mission',
    'has fewer than forty monitors for a front more than 200 km long.',
    '',
    "Today's two tests were the bridge at Seldra, which both armies have wanted to control since the first",
    'week of the war, and the first direct contact between the foreign ministers. Both went better than',
    'expected. The incident on Maren Heights, where the two accounts cannot both be true, shows how easily',
    'that could change.',
    '',
    'What to watch tomorrow:',
    '',
    '- whether monitors can reach Maren Heights and say what happened there;',
    '- whether Drevana publishes its own readout of the ministers\u2019 call, and how it differs from Kestria\u2019s;',
    '- the date of the first meeting in Port Amsel.',
  ].join('\n'),
} as const;

/** The update that starts as an unconfirmed report and is later shown to be false. */
const OLD_PHOTO: UpdateInput = {
  headline: 'Photo said to show fighting at Seldra is circulating',
  body:
    'A photo of burning vehicles on a bridge, captioned \u201cthe ceasefire has collapsed at Seldra\u201d, is being ' +
    'widely shared on social media this morning. We are checking where and when it was taken.',
  claimStatus: 'unverified',
  claimNote: 'Checking the origin of the photo.',
};

/** How the old-photo update reads once it has been checked. */
const OLD_PHOTO_CHECKED: UpdateInput = {
  headline: 'Photo said to show fighting at Seldra is old',
  body:
    OLD_PHOTO.body +
    '\n\n**Update:** the photo is three years old and was taken elsewhere (see the note above). The monitoring ' +
    'patrol on the Seldra bridge this morning reported no fighting there.',
  claimStatus: 'false',
  claimNote:
    'Found by reverse image search: first published three years ago in coverage of a fuel-depot fire in the ' +
    "south of the region. It does not show Seldra or today's events.",
};

/** The sample updates, oldest first (the order they are published in). */
const SAMPLE_UPDATES: UpdateInput[] = [
  {
    body:
      'Residents of Brannock Crossing report hearing explosions to the south-east of the town overnight, in posts ' +
      "shared on a local community channel. We have not been able to confirm the reports, and neither side's " +
      'military has commented.',
    claimStatus: 'unverified',
    claimNote: 'Posts from residents; timing and cause not confirmed.',
    sources: [
      {
        label: 'Brannock Crossing community channel',
        url: 'https://example.org/brannock-community/posts/4471',
      },
    ],
  },
  {
    headline: 'Drevana says it shot down two drones near Maren Heights',
    body:
      "Drevana's defence ministry says its air defences shot down two drones over Maren Heights shortly before " +
      'dawn, and has released a 40-second video it says shows one of the interceptions. The ministry did not say ' +
      'where the drones were launched from. Kestria has not commented.',
    claimStatus: 'claimed',
    claimNote: 'Video released by the Drevanan defence ministry; not yet independently verified.',
    videoUrl: 'https://www.youtube.com/watch?v=kX3dL9sAmpl',
    sources: [
      {
        label: 'Drevanan Ministry of Defence statement',
        url: 'https://example.com/drevana-mod/statements/air-defence-maren-heights',
      },
    ],
  },
  {
    headline: 'Monitors reach the northern bridge at Seldra',
    body:
      'A Joint Monitoring Mission patrol reached the northern bridge over the Ilvar River at Seldra this morning, ' +
      'the first time monitors have been on the bridge since the ceasefire began. Photos released by the mission ' +
      "show damage to the eastern span and the patrol's four vehicles on the western approach.",
    keyEvent: true,
    claimStatus: 'verified',
    claimNote:
      "Geolocated by our desk to the northern bridge at Seldra, from the river bend and the grain silo in the mission's photos.",
    sources: [
      {
        label: 'Joint Monitoring Mission patrol report',
        url: 'https://example.org/jmm/reports/seldra-bridge',
      },
    ],
  },
  OLD_PHOTO,
  {
    headline: 'Foreign ministers speak for the first time since the ceasefire',
    body: [
      "Kestria's foreign ministry has published a readout of a call between the Kestrian foreign minister and her",
      'Drevanan counterpart, arranged by the regional mediators. It is the first direct contact between the two',
      'ministers since the ceasefire took effect.',
      '',
      '> The ministers reaffirmed their commitment to the cessation of hostilities and agreed that their teams',
      '> will meet in Port Amsel to discuss the exchange of detainees and the reopening of the Seldra crossing.',
      '',
      "Drevana's foreign ministry confirmed that the call took place but has not published its own readout.",
    ].join('\n'),
    keyEvent: true,
    claimStatus: 'verified',
    claimNote:
      "Readout published on the Kestrian foreign ministry's website; the call was confirmed by Drevana's foreign ministry.",
    sources: [
      {
        label: 'Kestrian Ministry of Foreign Affairs readout',
        url: 'https://example.org/kestria-mfa/readouts/call',
      },
      { label: 'Drevanan Ministry of Foreign Affairs', url: 'https://example.com/drevana-mfa/press' },
    ],
  },
  {
    headline: 'Conflicting accounts of an incident on Maren Heights',
    body:
      "Drevana's military says Kestrian forces fired mortars at its positions on Maren Heights this afternoon, " +
      'wounding three soldiers, and calls it a "gross violation" of the ceasefire. Kestria\'s defence ministry ' +
      'denies firing and says Drevanan units were moving heavy weapons towards the line, which the ceasefire ' +
      'forbids. The monitoring mission says it is aware of both reports and will try to reach the area tomorrow.',
    claimStatus: 'disputed',
    claimNote: "The two sides' accounts contradict each other; monitors have not yet visited the site.",
    sources: [
      {
        label: 'Drevanan General Staff briefing',
        url: 'https://example.com/drevana-mod/briefings/maren-heights',
      },
      { label: 'Kestrian Ministry of Defence', url: 'https://example.org/kestria-mod/news/maren-heights' },
    ],
  },
  {
    headline: 'Governor says 1,200 people have returned to Seldra',
    body:
      'The governor of Seldra province says about 1,200 residents have returned to the town since the ceasefire ' +
      'and that power has been restored to its western districts. Aid agencies working in the area put the ' +
      'number of returns lower.',
    claimStatus: 'claimed',
    claimNote: "Figure from the provincial governor's office; we have not been able to check it.",
    sources: [
      { label: 'Seldra provincial administration', url: 'https://example.org/seldra-province/news/returns' },
    ],
  },
  {
    headline: 'First aid convoy crosses at Brannock Crossing',
    body:
      'A convoy of 14 trucks carrying food, medicine and generator fuel crossed the line of contact at Brannock ' +
      'Crossing this afternoon, the first to do so since the ceasefire. Monitors accompanied it to the ' +
      'Drevanan-held side.',
    keyEvent: true,
    claimStatus: 'verified',
    claimNote: 'Confirmed by the aid agency that ran the convoy and by the monitoring mission.',
    sources: [
      { label: 'Aid agency convoy notice', url: 'https://example.org/relief/convoys/brannock-1' },
      { label: 'Joint Monitoring Mission daily report', url: 'https://example.org/jmm/reports/daily-3' },
    ],
  },
  {
    body:
      'A diplomat briefed on the mediation tells us the first meeting in Port Amsel could take place within two ' +
      'days, at the level of deputy ministers. Neither government has confirmed a date.',
    claimStatus: 'unverified',
    claimNote: 'A single source; not confirmed by either government or the mediators.',
  },
  {
    headline: 'What we know so far',
    body: [
      '- The ceasefire between Kestria and Drevana is in its third day and broadly holding; each side reports',
      '  isolated incidents.',
      '- Monitors reached the northern bridge at Seldra for the first time.',
      '- The two foreign ministers spoke by phone and agreed that their teams will meet in Port Amsel.',
      '- The first aid convoy since the ceasefire crossed at Brannock Crossing.',
      '- A widely shared photo said to show fighting at Seldra is old.',
      '',
      `*${SAMPLE_NOTICE} Kestria, Drevana and every place and person on this page are fictional.*`,
    ].join('\n'),
    pinned: true,
    claimStatus: 'verified',
    claimNote: "Editor's summary of the updates below, each of which carries its own status.",
  },
];

/**
 * On a data directory with no desks at all, creates the sample desk and today's live page with about ten
 * updates; otherwise does nothing. `now` picks the day (defaults to the service's clock).
 */
export async function seedSampleContent(deps: {
  store: Store;
  liveBlog: LiveBlogService;
  now?: () => Date;
}): Promise<{ seeded: boolean }> {
  const { store, liveBlog, now } = deps;
  if ((await store.desks.list({ includeArchived: true })).length > 0) return { seeded: false };

  // Through the publishing service like any other write, so the seed is in the audit log.
  const publishing = new PublishingService({ store, liveBlog });
  let desk: Desk;
  try {
    desk = await publishing.createDesk(SAMPLE_SEED, { ...SAMPLE_DESK, slug: SAMPLE_DESK_SLUG });
  } catch (error) {
    // Another process seeded at the same moment: its desk took the slug.
    if (error instanceof DomainError && error.code === 'conflict') return { seeded: false };
    throw error;
  }

  const date = now ? dateInZone(now(), desk.timezone) : liveBlog.today(desk);
  const { story: daily } = await publishing.openDay(SAMPLE_SEED, desk.slug, date);
  const story = await publishing.patchStory(SAMPLE_SEED, daily.id, daily.version, SAMPLE_STORY);

  let oldPhoto: Update | null = null;
  for (const input of SAMPLE_UPDATES) {
    const posted = await publishing.postUpdate(SAMPLE_SEED, story.id, input);
    if (input === OLD_PHOTO && posted.kind === 'published') oldPhoto = posted.update;
  }
  // Checked later in the day: the claim status changes, and the change shows in the update's history.
  if (oldPhoto) await publishing.editUpdate(SAMPLE_SEED, oldPhoto.id, oldPhoto.version, OLD_PHOTO_CHECKED);

  return { seeded: true };
}
