/**
 * Dateline's coarse event types, each mapped to its CAMEO top-level code(s) and PLOVER
 * category. A sentence gets the first type (in this order) whose cue words it contains, so
 * material acts (fighting, arrests) win over talk about them.
 *
 * | type      | CAMEO                               | PLOVER          |
 * |-----------|-------------------------------------|-----------------|
 * | fight     | 18 Assault, 19 Fight, 20 Mass violence | ASSAULT      |
 * | arrest    | 17 Coerce (arrest, detain)          | COERCE          |
 * | withdraw  | 08 Yield (retreat, withdraw)        | RETREAT         |
 * | aid       | 07 Provide aid                      | AID             |
 * | agree     | 05/06 Cooperate, sign agreement     | AGREE           |
 * | meet      | 04 Consult (meet, visit, host)      | CONSULT         |
 * | consult   | 04 Consult (phone call, talks)      | CONSULT         |
 * | threaten  | 13 Threaten, 15 Force posture       | THREATEN        |
 * | reject    | 12 Reject, 11 Disapprove            | REJECT          |
 * | protest   | 14 Protest                          | PROTEST         |
 * | appeal    | 02 Appeal, 10 Demand                | REQUEST         |
 * | statement | 01 Make public statement            | (none: comment) |
 */
export const EVENT_TYPES = [
  'fight',
  'arrest',
  'withdraw',
  'aid',
  'agree',
  'meet',
  'consult',
  'threaten',
  'reject',
  'protest',
  'appeal',
  'statement',
] as const;
/** One of Dateline's event types. */
export type EventType = (typeof EVENT_TYPES)[number];

/** CAMEO top-level codes and the PLOVER category for each type. */
export const EVENT_CODES: Record<EventType, { cameo: string[]; plover: string }> = {
  fight: { cameo: ['18', '19', '20'], plover: 'ASSAULT' },
  arrest: { cameo: ['17'], plover: 'COERCE' },
  withdraw: { cameo: ['08'], plover: 'RETREAT' },
  aid: { cameo: ['07'], plover: 'AID' },
  agree: { cameo: ['05', '06'], plover: 'AGREE' },
  meet: { cameo: ['04'], plover: 'CONSULT' },
  consult: { cameo: ['04'], plover: 'CONSULT' },
  threaten: { cameo: ['13', '15'], plover: 'THREATEN' },
  reject: { cameo: ['11', '12'], plover: 'REJECT' },
  protest: { cameo: ['14'], plover: 'PROTEST' },
  appeal: { cameo: ['02', '10'], plover: 'REQUEST' },
  statement: { cameo: ['01'], plover: 'COMMENT' },
};

const cues = (words: string) => new RegExp(`\\b(?:${words})`, 'i');

/** Cue stems per type, matched at word starts. */
export const EVENT_CUES: Record<EventType, RegExp> = {
  fight: cues(
    '(?:had|has|have) taken|explosion|downed|surround|blockade|exchanged fire|lost .{0,30}(?:men|soldiers|troops)|attack|shell|strike|struck|airstrike|drone strike|bomb|fight|clash|kill|wound|injur|fire[ds]? (?:on|at)|opened fire|storm|assault|advanc|captur|seiz|overr[au]n|ambush|raid|besieg|siege|massacre|shot down|intercept|missile|rocket|mortar|artillery|offensive|retook|recaptur|took control|took over',
  ),
  arrest: cues(
    'arrest|detain|abduct|kidnap|round(?:ed)? up|took .{0,20} into custody|jailed|imprison|sentenced',
  ),
  withdraw: cues(
    'withdr[ae]w|retreat|left the|abandon|pull(?:ed|s|ing)? (?:out|back)|evacuat(?:ed|es) (?:its|their) (?:troops|forces)|handed over',
  ),
  aid: cues(
    'aid convoy|humanitarian aid|deliver(?:ed|s|y)? (?:aid|food|medic)|food aid|relief|pledg|donat|airdrop|shipment of (?:aid|food)',
  ),
  agree: cues(
    'agree|signed|sign |deal|accord|truce|ceasefire (?:took effect|was agreed|agreement)|memorandum|exchange of (?:prisoners|bodies)|prisoner swap|swap|released .{0,30}(?:hostages|prisoners|detainees)|handover',
  ),
  meet: cues(
    'travell?ed to|arrived in|gathered in|met |meet|meeting|visit|hosted|received .{0,40}(?:delegation|minister|envoy|president)|summit|held talks',
  ),
  consult: cues(
    'phone call|telephone|called|spoke (?:with|to|by phone)|talks|discuss|consult|negotiat|video call',
  ),
  threaten: cues(
    'threat|warn|ultimatum|mobilis|mobiliz|deploy|mass(?:ed|ing) (?:troops|forces)|drill|exercise',
  ),
  reject: cues(
    'reject|refus|den(?:y|ied|ies)|dismiss|condemn|denounc|criticis|criticiz|accus|blam|veto|summon|no basis for talks|no truce|(?:would|will) not (?:withdraw|disarm|negotiat|accept)',
  ),
  protest: cues('protest|demonstrat|rally|rallied|march(?:ed|es)? |strike action|sit-in|boycott'),
  appeal: cues('call(?:ed|s)? (?:on|for)|urg|appeal|demand|ask(?:ed|s)? .{0,20} to|request'),
  statement: cues(
    'said|says|stated|announc|declar|statement|told|claim|report|confirm|according to|tweet|posted',
  ),
};

/** Reactions to an event: when one comes first in the sentence, the event is the reaction. */
const REACTIONS: readonly EventType[] = ['reject', 'appeal'];

/**
 * The event type of one sentence, or undefined when it has no cue. Types are tried in order, except
 * that a rejection or appeal cue that comes before every other cue wins: "Abbas condemned the
 * raids" is a rejection, "called on Damascus to withdraw its forces" an appeal.
 */
export function classifySentence(sentence: string): EventType | undefined {
  const at = new Map<EventType, number>();
  for (const type of EVENT_TYPES) {
    const match = EVENT_CUES[type].exec(sentence);
    if (match) at.set(type, match.index);
  }
  if (at.size === 0) return undefined;
  const first = Math.min(...[...at].filter(([type]) => type !== 'statement').map(([, index]) => index));
  const reaction = REACTIONS.find((type) => at.get(type) === first);
  return reaction ?? EVENT_TYPES.find((type) => at.has(type));
}
