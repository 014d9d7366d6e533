/**
 * People and organisations no list knows, found by how the text marks them: a title or a
 * kinship word before a capitalised name, Arabic name particles, an organisation's head word,
 * an acronym defined in the text or standing as an actor, and "<demonym> army/forces".
 * Hand-written cues rather than wink-nlp: the package is not installed, and these cues are what
 * marks a name as a person or an organisation (a POS tagger only says "proper noun").
 */
import type { Resolved } from '../mentions.ts';
import type { Token } from '../text/tokenize.ts';
import { titleCased } from '../spelling.ts';

/** A name found by a pattern, with how sure the pattern is (0–1). */
export interface PatternName {
  kind: 'person' | 'org';
  name: string;
  matched: string;
  start: number;
  end: number;
  confidence: number;
}

// Letters, as the insides of character classes. `\p{Lu}`/`\p{Ll}` are hundreds of ranges each and the
// patterns below repeat them some 500 times: V8 took ~250 ms to compile them for the first text, a
// quarter of `dateline enrich`'s start-up. These are Latin with its extensions ("Erdoğan",
// "Nguyễn"), Greek and Cyrillic, the scripts names in English news come in; inside the extended
// blocks either case passes.
const EXTENDED = 'Ā-ɏͰ-ӿḀ-ỿ';
const UP = `A-ZÀ-ÖØ-Þ${EXTENDED}`;
const LOW = `a-zß-öø-ÿ${EXTENDED}`;
const LETTER = `A-Za-zÀ-ÖØ-öø-ÿʻʼ${EXTENDED}`;

// "McDonald", "O'Brien", "DeSantis": a second capital inside a surname. A possessive "'s" is not
// part of it ("Osama bin Laden's al-Qaida").
const NAME_WORD = String.raw`[${UP}](?:[${LOW}]|['’](?!s(?![${LETTER}])))+(?:[${UP}][${LOW}]+)?(?:-[${UP}][${LOW}]+)?`;
const PARTICLE = String.raw`(?:al-|el-|bin |Bin |ibn |bint |Abu |Abdel |Abdul |Ould |ould |ag |Ag )`;
// Inside a full name only ("Maria del Pilar Hurtado", "José de la Cruz", "Ruud van Nistelrooy",
// "Anwar al Awlaki").
const NAME_PARTICLE = String.raw`(?:${PARTICLE.slice(3, -1)}|al |el |de |del |de la |da |das |dos |do |van |von |van der )`;
/** Two to four name words, particles allowed between them ("Nawwaf al-Husain", "Mohamed Ould Ghazouani"). */
// A middle initial may stand between them ("John R. Allen").
// A sentence after a letter is no name ("Group B. He said"). After a title, initials may open a name
// ("Home Minister P. Chidambaram"; in TITLED only: in every pattern they cost 30 ms of start-up).
const INITIAL = String.raw`[${UP}]\. (?!(?:He|She|It|We|They|The|This|That|There|In|On|At|But|And|An?)\b)`;
const FULL_NAME = String.raw`${NAME_WORD}(?: (?:${INITIAL})?${NAME_PARTICLE}?${NAME_WORD}){1,3}|${NAME_WORD} ${NAME_PARTICLE}${NAME_WORD}`;
// Lowercase "major" and "general" are adjectives ("a major Kurdish-led offensive"); as ranks
// before a name news capitalises them.
const TITLES = String.raw`(?:former |ex-)?(?:Chief Executive|(?:Col|Lt|Gen|Maj|Capt|Sgt|Brig|Cpl)(?= [${UP}])|(?:[Dd]istrict |[Pp]rovincial )?[Cc]hief of (?:[Pp]olice|[Ss]taff|[Ss]ecurity)|vice[- ]president|president|prime minister|minister|commander|Gen\.|leader|chief|governor|spokesman|spokeswoman|colonel|Col\.|Lt\.|Maj\.|Brig\.|Sgt\.|Cpl\.|Pvt\.|Adm\.|Rev\.|Fr\.|MP|legislator|deputy|officer|policeman|soldier|elder|priest|pastor|bishop|reporter|sarpanch|Sarpanch|Haji|Hajji|Alhaji|Qari|Mufti|Pastor|Bishop|Reverend|Engineer|Eng\.|Prof\.|Professor|brigadier|captain|Capt\.|sheikh|emir|mayor|chairman|envoy|warlord|commissioner|senator|lawmaker|judge|imam|cleric|mullah|journalist|activist|Cmdr\.|Commander|General|Major|President|Colonel|Sheikh|Emir|Governor|Commissioner|Senator|Judge|Imam|Mullah|Mulla|Molla|Mawlawi|Maulawi|Mowlawi|Maulvi|Moulvi|Molvi|Maulana|Spc\.|Pfc\.|Staff Sgt\.|Master Sgt\.|Sgt\. Maj\.|Petty Officer|Warrant Officer|Chief Warrant Officer|Lance Cpl\.|Seaman|Airman|Squadron Leader|Wing Commander|Flight Lieutenant|spokesperson|Spokesperson|Sister|negotiator|economist|analyst|billionaire|historian|detainee|attaché|congressman|Specialist|Cardinal|Emperor|defendant|Defendant|prosecutor|Prosecutor|producer|Producer|lecturer|Lecturer|legend|star|astronaut|teammate|runner|challenger|figure|critic|tycoon|rapper|adviser|advisor|Adviser|Advisor|parliamentarian|Parliamentarian|secretary-general|co-founder|founder|Speaker|coach|[Ff]irst [Ll]ady|lobbyist|evangelist|predecessor|successor|militant|Journalist|Activist|Mayor|Chief|Mr\.?|Mrs\.?|Dr\.?|Prime Minister|Minister|Vice President|Premier|Chancellor|King|Queen|Crown Prince|Prince|Pope|Ambassador|Secretary-General|AIG|DIG|IGP|[Pp]rophet|attacker|assailant|gunman|perpetrator|bomber|terrorist|shooter|fighter|victim|suspect|refugee|asylum seeker|student|teenager|convert|immigrant|migrant|nurse|farmer|worker|volunteer|medic|paramedic|translator|interpreter|driver|engineer|politician|businessman|businesswoman|candidate|councillor|councilman|lawyer|teacher|doctor|blogger|writer|author|poet|cartoonist|filmmaker|singer|footballer|rabbi|monk|chieftain|headman|dictator|strongman|Lieutenant|Sergeant|Corporal|Constable|Inspector|Superintendent|Marshal|(?:Vice |Rear )?[Aa]dmiral|Commodore|Field Marshal|Ayatollah|Grand Ayatollah|Sultan|Sheik|Shaykh|Rabbi|Elder|Leader|Spokesman|Spokeswoman|Lawmaker|Legislator|Politician|Cleric|Teacher|Doctor|Businessman|Candidate|Councillor|Chieftain|Headman|Suspect|Victim|Reporter|Policeman|Priest|Warlord|Envoy|Chairman|Lawyer|Blogger|Writer|Singer|Captain|Brigadier|Sen\.|Rep\.|Representative|Congressman|Congresswoman|Correspondent|Photographer|Cameraman|Gov\.|Supt\.|Insp\.|Ms\.?|Sir|Lord|Lady|Secretary[- ]General|(?:Deputy |Under |Assistant )?Secretary of (?:State|Defen[cs]e|the [${UP}][${LOW}]+)|(?:Foreign|Defen[cs]e|Home|Interior|Press|Cabinet|Permanent|Deputy|Under) Secretary|(?:foreign|defen[cs]e|home|press) secretary|Secretary|Special (?:Advisor|Adviser|Envoy|Representative|Rapporteur)|(?:Special |FBI )?Agent|Detective|Officer|Trooper|Sheriff|(?:Foreign|Defen[cs]e|Interior) Minister)`;
// Ranks that may stand between the title and the name ("spokesman Brig. Gen. Yahya Saree").
const RANKS = String.raw`(?:(?:Lt|Lieut|Maj|Brig|Gen|Col|Capt|Cpt|Sgt|Cpl|Adm|Cmdr|Lieutenant|Major|Brigadier|General|Colonel|Captain|Rev|Fr|Reverend|Father|Haji|Hajji|Alhaji)\.?\s+)*`;

// "President-elect Evo Morales", "Prime Minister-designate …".
const ELECT = '(?:-elect|-designate)?';
// After a title a particle may open the name ("President da Silva", "Mr. al-Jaafari").
const TITLED = new RegExp(
  String.raw`\b${TITLES}${ELECT},?\s+(?:named\s+)?${RANKS}['"‘“]?(${FULL_NAME}|${NAME_PARTICLE}?${NAME_WORD}|(?:${INITIAL}){1,2}${NAME_WORD})`,
  'gu',
);
// "The mayor of Kharkiv, Ihor Terekhov, said": the title's place, then the name in commas (or
// ending the sentence: "… killed the village chief of Mamove, Kakule Mbusa.").
const TITLED_OF = new RegExp(
  String.raw`\b${TITLES} of (?:the )?[${UP}][${LETTER}'’-]+(?: [${UP}][${LETTER}'’-]+){0,2}, (${FULL_NAME})(?:,|\.(?:\s|$)|$)`,
  'gu',
);
// "Mohammed Khan, a tribal elder," / "Abdullahi Mohamed, 34,": a role or an age after the name.
const ROLE_AFTER = new RegExp(
  String.raw`(${FULL_NAME}), (?:(?:aged )?\d{1,2},|(?:(?:a|an|the) )?(?:former |top |senior |deputy |local |self-styled )?(?:leader|commander|head|chief|founder|emir|spokesman|member|governor|mayor|president|perpetrator|chairman|director|secretary|coordinator|editor|co-founder) (?:of|for)\b|(?:a|an|the) (?:[${LETTER}\d.-]+ ){0,3}(?:sub-|deputy )?(?:supporter|lieutenant|aide|adviser|advisor|envoy|diplomat|ambassador|engineer|photographer|cameraman|blogger|medic|volunteer|loyalist|ally|opponent|critic|dissident|defector|jihadist|warlord|kingpin|trafficker|physician|surgeon|scholar|researcher|professor|analyst|economist|novelist|poet|artist|musician|singer|rapper|actor|actress|athlete|champion|player|coach|facilitator|financier|operative|insurgent|instructor|planner|coordinator|smuggler|sympathi[sz]er|refugee|asylum seeker|national|citizen|convert|veteran|suspect|attacker|gunman|assailant|preacher|elder|official|commander|leader|member|officer|soldier|policeman|journalist|reporter|activist|teacher|doctor|farmer|student|resident|chief|cleric|imam|judge|lawyer|politician|candidate|spokesman|spokeswoman|businessman|trader|driver|worker|father|mother|son|daughter|brother|sister|wife|husband|man|woman|boy|girl|lawmaker|senator|governor|mayor|minister|councillor|employee|nurse|pastor|priest|villager|herder|fisherman|civilian|shepherd|militant|fighter|commander)\b)`,
  'gu',
);
// A single name needs its role at once: "confirmed Murach, a Taliban leader,", "Zalmi, the Taliban
// leader,", "Fedahi was a Taliban leader", "Morris, a U.N. special envoy", "identified as Fedahi".
const ROLE_NOUN = String.raw`(?:sub-|deputy )?(?:leader|commander|facilitator|financier|operative|official|governor|spokesman|spokeswoman|emir|chief|cleric|imam|mullah|preacher|elder|militant|fighter|member|founder|envoy|ambassador|minister|adviser|advisor|negotiator|prosecutor|diplomat)(?!['’${LETTER}-])`;
// Up to three words describing a role ("a senior Taliban", "a former"), never a clause or a place
// ("Sangari, a village where the commander lived").
const DESCRIBING = String.raw`(?:(?!(?:where|whose|which|that|who|in|of|the|and|with|for|from|to|near|at|on|village|town|city|district|area|place|region|camp)\b)[${LETTER}.-]+ ){0,3}`;
const ONE_NAME_ROLE = new RegExp(
  String.raw`(${FULL_NAME}|${NAME_WORD})(?:, (?:a|an|the)|,? (?:was|is) (?:a|an|the)) ${DESCRIBING}${ROLE_NOUN}|\bidentified (?:him |the [${LOW}]+ )?as (${NAME_WORD})(?=[.,;]| and\b)`,
  'gu',
);
// "Additionally, the leader…": a sentence's adverb before a comma is no name.
const SENTENCE_ADVERB =
  /\p{Ll}ly$|^(?:However|Meanwhile|Today|Yesterday|Tonight|Later|Earlier|Also|Then|Now|Here|There|Instead|Overall|Again|Still|Moreover|Furthermore|Nevertheless|Nonetheless|Separately|Elsewhere|Afterwards|Therefore|Thus|Hence|Likewise|Indeed|Besides|Otherwise|Meantime|Overnight)$/u;
// "soldiers shot Yusuf Ahmed and Aliyu Musa": acts done to people, not to places or groups.
const VICTIM = new RegExp(
  String.raw`\b(?:killed|kills?|shot(?: dead)?|shoots?|abducted|abducts?|kidnapped|kidnaps?|arrested|arrests?|detained|executed|executes?|beheaded|beheads?|assassinated|assassinates?|murdered|murders?|wounded|injured|freed|released|sentenced|hanged|lynched|tortured|stabbed|stabs|targeted|targeting|assaulted|rescued|convicted|led by|headed by|ordered by|including|identified (?:(?:him|her|them|the (?:[${LOW}-]+ ){0,2}?[${LOW}]+|(?:one|two|three|both|all) of them) )?as|(?:[Dd]eath|[Kk]illing|[Mm]urder|[Aa]ssassination|[Ff]uneral|[Aa]bduction|[Kk]idnapping|[Aa]rrest|[Cc]apture|[Dd]etention|[Ee]xecution|[Rr]elease) of) (${FULL_NAME})(?:,? and (${FULL_NAME}))?`,
  'gu',
);
/**
 * A word that puts a place right after it ("in", "near", "the village of"): before a title it makes
 * the title part of a place's name ("in Sheikh Zuweid"); before a surname, the town spelled so.
 */
export const LOCATIVE_BEFORE =
  /\b(?:in|at|near|outside|around|into|towards?|from|(?:village|town|city|district|vicinity|outskirts|area) of)\s+$/i;
const TITLE_ALONE = new RegExp(String.raw`^(?:${TITLES})$`, 'u');
// Titles that start no place's name ("from Spokesman John Kirby", "toward Pope Benedict"), and
// any title in lowercase ("at president Ruto's home"): after a locative word they still name a person.
const OFFICE_TITLE =
  /^(?:\p{Ll}|(?:Spokes(?:man|woman|person)|(?:Foreign |Defen[cs]e |Home |Deputy )?Secretary|(?:Foreign |Defen[cs]e |Prime )?Minister|Ambassador|Special (?:Advisor|Adviser|Envoy|Representative)|Senator|Lawmaker|Commissioner|Mayor|Gen\.|Col\.|Lt\.|Maj\.|Capt\.|Sgt\.|Brig\.|Pope|Mr\.?|Mrs\.?|Ms\.?|Dr\.|President|Vice President|Premier|Chancellor|Secretary-General|Rev\.|Prof\.|Professor|Judge|Journalist|Reporter|Activist|Gov\.|Sen\.|Rep\.)\s)/u;
// A title caught at the front of a name by a cue that does not know titles.
const LEADING_TITLE = new RegExp(String.raw`^(?:(?:${TITLES}|Father|Reporter)${ELECT}\.? )+`, 'i');
// "a man named X", "police named him as X", "named the victim as X".
const NAMED = new RegExp(
  String.raw`\bnamed\s+(?:(?:him|her|the [${LOW}]+(?: [${LOW}]+)?)\s+as\s+|as\s+)?(${FULL_NAME}|${NAME_WORD})`,
  'gu',
);
const KIN = new RegExp(
  String.raw`\b(?:[Ss]on|[Dd]aughter|[Bb]rother|[Ss]ister|[Ww]ife|[Ff]ather|[Mm]other|[Uu]ncle|[Nn]ephew) of (${FULL_NAME})`,
  'gu',
);
// "the nuclear scientist, Abdul Qadeer Khan,", "a spokesman for Mr. Zardari, Farhatullah Babar, said": a
// noun phrase whose head is a person's role, then the name in commas.
const PERSON_NOUN = String.raw`(?:scientist|head|official|spokes(?:man|woman|person)|coordinator|governor|man|woman|chief|director|adviser|advisor|envoy|minister|secretary|commander|leader|president|chairman|chairwoman|ambassador|representative|co-conspirator|conspirator|defendant|suspect|journalist|reporter|correspondent|activist|lawyer|attorney|founder|member|officer|aide|deputy|prosecutor|judge|negotiator|mediator|candidate|rival|successor|predecessor|victim|hostage|pilot|doctor|teacher|student|priest|cleric|imam|bishop|cardinal|resident|witness|survivor|worker|businessman|businesswoman|tycoon|economist|analyst|expert|professor|author|writer|singer|actor|actress|player|coach|executive|owner|mayor|commissioner|militant|fighter|gunman|bomber|soldier|policeman|congressman|senator|lawmaker|legislator|son|daughter|brother|sister|wife|husband|father|mother)`;
const ROLE_APPOSITIVE = new RegExp(
  String.raw`\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Aa]nother) (?:[${LETTER}'’.-]+ ){0,5}?${PERSON_NOUN}(?: (?:of|for|in|at|with|to|from|on) [^,;()]{1,60}?)?, (${FULL_NAME})(?=[,;.]| (?:said|says|told|tells|who|whose|was|is|has|had|and|called|urged|warned|added)\b)`,
  'gu',
);
// The World Factbook's style writes family names in capitals: "Laurent GBAGBO", "Osama BIN LADIN" (a
// given name before them), "President GBAGBO", "Gen. NE WIN" (a head's title before them).
const CAPS = String.raw`[A-Z]{2,}(?:[ -][A-Z]{2,}){0,2}(?![${LETTER}\d-])`;
const GIVEN_CAPS = new RegExp(
  String.raw`(?<![${LETTER}'’-])([${UP}][${LOW}]{2,}(?:-[${UP}][${LOW}]{2,})?) (${CAPS})`,
  'gu',
);
const HEAD_CAPS = new RegExp(
  String.raw`\b(?:President|Prime Minister|Vice President|Gen\.|General|Emperor|King|Queen|Sultan|Emir|Chairman|Premier|Chancellor) (${CAPS})`,
  'gu',
);
// "her husband, Jean Dominique,", "his brother, Raul,", "his younger brother Dzhokhar was": a relative named.
const KIN_NAMED = new RegExp(
  String.raw`\b(?:his|her|their) (?:(?:younger|elder|older|youngest|eldest|late) )?(?:husband|wife|son|daughter|brother|sister|father|mother|uncle|nephew|niece|cousin|widow),? (${FULL_NAME}|${NAME_WORD})(?=[,.;]| (?:and|who|was|is|has|had)\b)`,
  'gu',
);
const BRACKETED = new RegExp(
  String.raw`\b(?:chief|leader|commander|head) of (?:an? |the )?[${LOW} ]+\((${FULL_NAME})\)`,
  'gu',
);
// "Rohullah Saleh, the elder brother of…", "Benito Portillo Torres, killed in…", "The Prosecutor v. X".
const APPOSITIVE = new RegExp(
  String.raw`(?:^|[.;:!?]\s+|\(|“|")(${FULL_NAME}),? (?:the|a|an|aged|killed|shot|found|abducted|kidnapped|murdered|arrested|survives|survived|escapes|escaped|dies|died|resigns|resigned|flees|fled|surrenders|surrendered|vows|warns|says|said|told|added|stabbed|drove|rammed|fired|pledged|travelled|traveled|shouted|yelled|confessed|pleaded|admitted|wrote|posted|stated|lived|worked|studied)\b`,
  'gu',
);
// "Preval, a former president, has won", "Kerry, who is a Vietnam War veteran": one word a role or
// "who" describes is a person (a word after a capital or an article is checked in code).
const LONE_APPOSITIVE = new RegExp(
  String.raw`(?<![${LETTER}'’.-])(${NAME_WORD}), (?:who (?:is|was|has|had|also|became|served|won|led|leads|heads|plays|played|fled|spent|wrote)\b|(?:a|an|the) ${DESCRIBING}${PERSON_NOUN}\b(?! (?:group|organi[sz]ation|movement|network|faction|party|wing|forces?|militia|outfit|cell|camp|town|city|village|area|region|stronghold|base)\b))`,
  'gu',
);
const KIN_AFTER = new RegExp(
  String.raw`(${FULL_NAME}) \((?:older |elder |younger )?(?:brother|son|daughter|sister|wife|father|mother) of`,
  'gu',
);
// "the government of Abdrabbuh Mansur Hadi": a government or regime named after its man.
// "fighters loyal to Hafiz Gul Bahadur", "the militia of Gedeon Kyungu": a side named after its man.
const GOVERNMENT_OF = new RegExp(
  String.raw`\b(?:(?:government|administration|regime|loyalists|supporters|followers|militia|militiamen|fighters|forces|faction|men) of|loyal to|allied (?:to|with)) (?:President )?(${FULL_NAME})`,
  'gu',
);
/**
 * Where a name stands shows a person without a title: what only people do after it ("Ahmed Khan
 * told", "Artan was arrested", "Abdul Rahman, who"), what only people have after its possessive
 * ("Salim Ali's home") or before "of" ("the funeral of Salim Ali"), an age in brackets or between
 * commas ("Tamerlan, 26, bought").
 */
const HUMAN_ACT = new RegExp(
  String.raw`(${FULL_NAME}) (?:told|tweeted|pleaded|confessed|testified|resigned|was born|married)\b|(${FULL_NAME}|${NAME_WORD}) (?:was|had been|has been|is) (?:shot|stabbed|killed|arrested|detained|abducted|kidnapped|sentenced|executed|convicted|charged|jailed|assassinated|beheaded|elected|appointed|born|identified|named|found guilty)\b|(${FULL_NAME}),? who\b|(${FULL_NAME}) \((?:aged )?\d{1,2}\)|(${FULL_NAME}|${NAME_WORD})(?: [${LOW}]+){0,3} (?:himself|herself)\b|(${FULL_NAME}) (?:detonated|opened fire|stabbed|rammed|hijacked|pledged allegiance|blew)\b|(${FULL_NAME}), (?:a|an) \d{1,2}-year-old\b|\d{1,2}-year-old (?:[${LOW}-]+ ){0,2}(${FULL_NAME})|(${FULL_NAME}|${NAME_WORD}), (?:then |now )?(?:aged )?\d{1,2}, `,
  'gu',
);
const LONE_WHO = new RegExp(String.raw`(?<=\b\p{Ll}+ )(${NAME_WORD}), who\b`, 'gu');
// "Prosecutors accused Passaro of beating…", "a court sentenced Saddam to hang": what a court or a
// prosecutor does to someone, the object named and the charge or sentence after it.
const LEGAL_OBJECT = new RegExp(
  String.raw`\b(?:accused|charged|sentenced|convicted|acquitted|indicted|extradited|pardoned|interrogated) (${FULL_NAME}|${NAME_WORD}) (?:of|with|to|for)\b`,
  'gu',
);
const LEGAL_CUE =
  /\b(?:accused|charged|sentenced|convicted|acquitted|indicted|extradited|pardoned|interrogated) \p{Lu}/u;
// "Musa Kamara and Fatima Bangura were abducted": two names, one act only people suffer.
const PAIR_ACT = new RegExp(
  String.raw`(${FULL_NAME}) and (${FULL_NAME}) were (?:shot|stabbed|arrested|detained|abducted|kidnapped|sentenced|executed|convicted|charged|jailed|assassinated|beheaded|killed|wounded|injured|released|freed)\b`,
  'gu',
);
// Who is quoted: "…,” said Volesky.", "…,” Carter said", "Philip Hammond said:" (a statement follows).
const QUOTE_SAID = new RegExp(
  String.raw`[”"],? said (?:${TITLES}\.?\s+)?(?!(?:Col|Lt|Gen|Maj|Capt|Sgt|Brig|Cpl|Adm|Rev|Dr|Mr|Mrs|Ms|Sen|Rep|Gov)\.)(${FULL_NAME}|${NAME_WORD})(?=[.,;]|\s+(?:on|in|at|during|of)\b)|(?:[”"],?|, [“"]) ?(${FULL_NAME}|${NAME_WORD}) (?:said|added|explained|told)\b|(${FULL_NAME}) said:`,
  'gu',
);
/**
 * Who speaks or reports: a full name before "says", "told", "reports", "met with" ("Aleem Siddique
 * says", "Mil Arcega reports"); not after another capitalised word, whose name it would cut in two,
 * unless that word opens a clause ("As Brian Padden reports").
 * One word alone is not enough: "Ankara says", "Kyiv said" are governments speaking.
 */
const SPEAKS = String.raw`(?:says|said|told|tells|explains|added|warned|urged|stressed|noted|insisted|met with|reports|reported)\b`;
/** The words SPEAKER turns on: most updates have none, and the pattern costs a scan per capital. */
const SPEAKS_CUE = new RegExp(` ${SPEAKS}`);
const SPEAKER = new RegExp(
  String.raw`(?<![${LETTER}'’-]|(?!(?:As|And|But|So|Then|When|While|Now|Also|Meanwhile)\s)[${UP}][${LETTER}.-]*\s)(${FULL_NAME}) ${SPEAKS}`,
  'gu',
);
// The words HUMAN_ACT turns on: most updates have none, and the whole pattern costs a scan per capital.
const HUMAN_ACT_CUE =
  /\b(?:told|tweeted|pleaded|confessed|testified|resigned|born|married|who|himself|herself|detonated|opened fire|stabbed|rammed|hijacked|pledged allegiance|blew|year-old)\b|(?:was|been|is) (?:shot|stabbed|killed|arrested|detained|abducted|kidnapped|sentenced|executed|convicted|charged|jailed|assassinated|beheaded|elected|appointed|identified|named|found guilty)\b|\((?:aged )?\d|, (?:then |now )?(?:aged )?\d{1,2}, /;
// What a person has; a Title Case headline capitalises it ("Obasanjo's Son Shot").
const PERSON_HAS = `(?:${'extradition|trial|home|house|residence|family|wife|husband|sons?|daughters?|brothers?|sisters?|father|mother|widow|body|bodyguards?|life|funeral|killers?|assassination|murder|motorcade|lawyers?|attorneys?|aides?|spokes(?:man|woman|person)|resignation|arrest|death|speech|remarks|account|presidency|tenure|kidnappers|captors|relatives|nephews?|nieces?|cousins?|uncles?|in-laws'
  .split('|')
  .map((w) => `[${w.charAt(0)}${w.charAt(0).toUpperCase()}]${w.slice(1)}`)
  .join('|')})`;
const POSSESSED = new RegExp(
  String.raw`(?<![${LETTER}'’-])(${FULL_NAME}|${NAME_WORD})['’]s ${PERSON_HAS}\b`,
  'gu',
);
const OF_PERSON = new RegExp(String.raw`\b${PERSON_HAS} of (?:the late )?(${FULL_NAME})`, 'gu');
// "journalists Ana Ruiz and Luis Ortega", "the brothers Said and Cherif Kouachi"-style lists after a
// plural role; "X and his wife", "an attempt on the life of X".
const PLURAL_ROLE = new RegExp(
  String.raw`\b(?:journalists|reporters|activists|politicians|lawmakers|students|priests|pastors|monks|nuns|clerics|imams|leaders|commanders|officers|policemen|soldiers|brothers|sisters|sons|daughters|elders|teachers|doctors|judges|victims|suspects|attackers|gunmen|bombers|astronauts|rappers|players|defendants|billionaires|[Pp]residents|[Ss]enators|[Aa]stronauts),? (${FULL_NAME})(?:,? and (${FULL_NAME}))?`,
  'gu',
);
const WITH_KIN = new RegExp(
  String.raw`(${FULL_NAME}) and (?:his|her) (?:wife|husband|sons?|daughters?|brothers?|sisters?|father|mother|children|family|bodyguards?|driver)\b`,
  'gu',
);
const ATTEMPT_ON = new RegExp(String.raw`\battempt on (?:the life of )?(${FULL_NAME})`, 'gu');
// "pro-Assad", "pro Gaddafi militants": a side named after its man (peoples' adjectives are not).
const PRO_MAN = /\bpro[- ](\p{Lu}\p{Ll}+)\b(?!-)/gu;
// Words that start a sentence or stand for someone without naming anyone.
const LONE_SPEAKER = new RegExp(
  String.raw`(?<![${LETTER}'’-])([${UP}][${LOW}]{3,}(?:-[${UP}][${LOW}]+)?) (?:said|says|told|tells|added|warned|insisted|stressed)\b`,
  'gu',
);
const PLURAL_NOUN =
  /^(?:Officials|Witnesses|Residents|Authorities|Analysts|Sources|Diplomats|Experts|Observers|Investigators|Prosecutors|Critics|Aides|Relatives|Neighbors|Neighbours|Villagers|Survivors|Protesters|Demonstrators|Organizers|Organisers|Rescuers|Officers|Scientists|Researchers|Economists|Lawmakers|Ministers|Leaders|Activists|Medics|Nurses|Teachers|Students|Workers|Farmers|Traders|Elders|Clerics|Monitors|Inspectors|Negotiators|Mediators|Spokesmen|People|Others|Some|Many|Most|Both|All|Several|Families|Parents|Friends|Colleagues|Supporters|Opponents|Voters|Citizens|Refugees|Migrants|Hospitals|Agencies|Groups|Companies|Banks|Markets|Pilots|Crews|Firefighters|Paramedics|Marines|Sailors|Guards|Guardsmen|Commanders|Generals|Judges|Lawyers|Attorneys|Detectives|Agents|Statistics|Figures|Reports|Records|Documents|Polls|Surveys|Studies|Tests|Results|Data)$/;
// Words that open a clause with a capital: before a surname they are no given name ("Then Tsarnaev").
const CLAUSE_OPENER =
  /^(?:When|Then|After|Before|As|But|And|While|Since|If|Although|Because|Meanwhile|Later|Earlier|Today|Yesterday|Tonight|With|Without|For|From|To|In|On|At|By|Of|The|This|That|These|Those|His|Her|Their|Our|My|Your|Its|Did|Does|Has|Had|Was|Were|Are|Will|Would|Could|Should|May|Might|Must|Can|Dear|Both|Neither|Either|Only|Even|Also|Said|Says|Where|How|Why|What|Who|Once|Until|Unlike|Like|Under|Over|Against|Despite|During|Including|According)$/;
const NOT_A_NAME_ALONE =
  /^(?:Allah|God|Deputy|Military|Report|Reports|Statement|Sources?|Officials?|Motorcyclist|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety|Hundreds|Dozens|Scores|He|She|It|They|This|That|One|Nobody|No|Everyone|Anyone|Someone|Another|Each|Neither|Either|Who|Which|What|There|Here|Mr|Mrs|Ms|Dr|Democracy|Government|Regime|Independence|Child|Children|Baby|Boy|Girl|Man|Men|Woman|Women|People|Family|Person|Resident|Residents|Civilian|Civilians|Soldier|Soldiers|Victim|Victims|Western|Eastern|Northern|Southern|Christian|Christians|Jewish|Coptic|Evangelical|Anglican|Baptist|Pentecostal|Orthodox|Ahmadi|Sikh|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
// "a settlement named Ungwar Bardi": what is named is a place, not a man.
const PLACE_NAMED =
  /\b(?:settlement|village|town|area|place|camp|district|hamlet|locality|neighbou?rhood)s? $/;
const VERSUS = new RegExp(String.raw`\bv\. (${FULL_NAME})`, 'gu');
// After a name these make it a place ("Suleiman al-Halabi area").
const PLACE_AFTER =
  /^\s+(?:area|village|town|district|neighbou?rhood|street|road|square|camp|countryside|suburb|quarter|shrine|mausoleum|tomb|mosque|church|school|university|airport|hospital|stadium)\b/;
const AREA_AFTER =
  /^,\s+\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)? (?:[Pp]rovince|[Dd]istrict|[Oo]blast|[Rr]egion|[Gg]overnorate|[Ss]tate|LGA)\b(?!['’]s| (?:\p{Ll}+ )?(?:governor|chief|official|commissioner|spokes(?:man|woman|person)|commander|police|council|lawmaker|legislator|deputy|mayor|head|director|representative|aide|MP|senator)\b)/u;
const PARTICLE_NAME = new RegExp(
  String.raw`\b(?:(?:Abu|Abd|Abdel|Abdul|Umm) )?${NAME_WORD} ${PARTICLE}${NAME_WORD}(?: ${PARTICLE}${NAME_WORD})?\b`,
  'gu',
);
// Right before a name, what strikes or surrounds a place ("shells target", "east of").
const STRUCK_BEFORE =
  /\b(?:target(?:s|ed|ing)?|bomb(?:s|ed|ing)?|shell(?:s|ed)?|shelling (?:of|on)|(?:air)?(?:strikes|raids) (?:on|target)|attacks? on|(?:countryside|neighbou?rhoods?|east|west|north|south|parts|townships?|villages?|towns?) of)\s+$/i;
// Earlier in the clause, a strike ("shells fell on the town, targeting …").
const STRIKE_IN_CLAUSE =
  /\b(?:shells?|shelling|raids?|(?:air)?strikes?|warplanes|aircraft|bombardment|artillery|rockets?|missiles?|drones?|coalition|barrels)\b[^.;]*$/i;
const PARTY_MEMBER =
  /^(?:Republican|Democrat|Democratic|Conservative|Labour|Liberal|Socialist|Communist|Green)$/;
const TWO_WORD_AL = new RegExp(String.raw`^${NAME_WORD} (?:al|el)-${NAME_WORD}$`, 'u');
// "Abu Bakr al-Baghdadi": a kunya before a particle name is part of the man's name.
const KUNYA = /^(?:Abu|Abd|Abdel|Abdul|Umm) /;
// First words that make "X al-Y" a place or a group, not a person.
const NOT_PERSON_HEAD =
  /^(?:He|She|His|Her|They|Their|It|Its|Philippine|Muslim|Islamist|Catholic|Protestant|Buddhist|Hindu|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety|Hundred|Hundreds|Dozens|Scores|Title|Los|Las|Rahbat|Jeb|Jubb|Dahrat|Dahret|Dahya|Dahiya|Jam['’]eyyat|Jamiyat|Osud|Usud|Sunni|Shia|Shiite|Shi['’]ite|Alawite|Druze|Yazidi|Kurdish|Jabal|Jebel|Bab|Sahl|Deir|Jisr|Tal|Tell|Ras|Wadi|Khan|Bir|Ain|Dahiyat|Kafr|Hayat|Hayyaat|Jaysh|Jaish|Jabhat|Liwa|Ahrar|Hurras|Ansar|Jund|Harakat|Saraya|Kataib|Abu|Hay|Souq|Tahrir|Shabaab|Islamic|Sheikh|Bani|Beni|Umm|Ahl|Nahr|Qasr|Dar|Madinat|Tabaqat|Arab|Army|Brigade|Front|Maarat|Maarrat|Ma'arrat|Ma’arrat|Qalaat|Qalat|Khirbet|Khirbat|Mazraat|Tall|Hammam|Hamam|Suq|Bayt|Beit|Mukhayyam|Hashd|Fatah|Fateh|Hezb|Hizb|Majlis|Dawlat|Wilayat|Wilayah|Eastern|Western|Northern|Southern|Central|Upper|Lower|Eid|Yawm|Diwan|Ajnad|Soqur|Suqur)$/;

// Capitalised common nouns that are never part of a person's name ("Government Troops killed").
const NOT_NAME_WORDS =
  /(?:^|[ -])(?:Government|Troops|Forces|Force|Soldiers|Security|Army|Police|Militia|Militias|Rebels|Militants|Gunmen|Fighters|Directorate|Ministry|Province|District|Region|State|Village|City|Town|Camp|Islamic|National|Council|Court|Party|Movement|Front|Brigade|Brigades|Unknown|Unidentified|Suspected|Armed|Regime|Opposition|Coalition|Authority|Attack|Attacks|Clashes|Clash|Killed|Dead|Boys|Girls|Men|Women|Youths|Rights|Cross|Crescent|Service|Services|Office|Agency|Union|Committee|Organisation|Organization|Watch|Network|Centre|Center|Foundation|Institute|University|School|Hospital|Company|Bank|Airlines|Airport|Media|News|Radio|Television|Agency|Battalion|Battalions|Hotel|Mall|Market|Station|Embassy|Consulate|Airbase|Base|Barracks|Prison|Jail|Palace|Port|Dam|Tower|Museum|Academy|College|Highway|Avenue|Boulevard|Road|Press|Times|Post|Tribune|Herald|Journal|Gazette|International|Telegraph|Reuters|Reporters|Journalists|Doctors|Physicians|Borders|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mosque|Church|Cathedral|Shrine|Temple|Synagogue|Congregation|Hall|Exchange|Index|Average|Industrial|Square|Street|Bridge|Park|Stadium|Club|Restaurant|Corps|Division|Kingdom|Township)(?=$|[ -])/;
// A lowercase plural or collective noun after the capitals makes them a modifier ("Red Crescent
// volunteers", "Catholic priests"); a man's name is followed by a verb, a preposition or a stop.
const MODIFIED_AFTER =
  /^\s+(?!(?:says|reports|stresses|notes|claims|denies|warns|tells|vows|insists|urges|calls|accuses|adds|admits|survives|escapes|dies|resigns|flees|surrenders|visits|meets|returns|arrives|explains|describes|writes|argues|recalls|reveals|believes|thinks|knows|wants|hopes|fears|expects|plans|remains|becomes|leads|heads|joins|leaves|faces|is|was|has|as|his|this|across|towards|besides|always|whereas|unless)\b)(?!\p{Ll}+s (?:the|a|an|his|her|their|its|him|them|it|how|why|whether)\b)(?:\p{Ll}+s|staff|personnel|police|people|youth|militia|community|crew)\b/u;
// (A word in -s with an object after it is the man's verb, not a group's noun: "Robert Smith
// explains the case", but "Saddam Hussein loyalists".)
// After a name these make it a group named after a man ("Nour al-Din al-Zenki fighters").
const GROUP_AFTER =
  /^\s+(?:(?:Movement|Brigade|Brigades|Army|Front|Corps|Division|Battalion|Faction|Regiment)\b|(?:\p{Ll}+ )?(?:network|cell)\b|fighters|militants|members?|militia|militiamen|rebels|gunmen|loyalists|brigade|brigades|battalion|faction|movement|group|forces|units|commanders?|leaders?|chief|emir|spokesman|officials?)\b/u;
// "Kurdish-led", "Iranian-backed": an affiliation, not a name.
const AFFILIATION_AFTER = /^-(?:led|backed|based|aligned|allied|affiliated|linked|controlled|held|run)\b/;

// "Members of the Popular Resistance Front", "Commander of the Sham Legion": who they are in it, before
// its name; "Chief of Army Staff" leaves no name.
const ROLE_OF =
  /^(?:(?:Chief|Head|Commander|Commanders|Captain|Leader|Leaders|Emir|Minister|Secretary|Director|Spokesman|Spokeswoman|Spokesperson|Member|Members|Supporters|Officials|Fighters|Militants|Elements|Remnants|Followers|Loyalists|Representatives|Units|Soldiers|Troops) [Oo]f (?:[Tt]he )?)+/;
const HEADLINE_VERBS =
  /^(?:Says|Said|Condemns|Condemned|Visits|Visited|Vows|Orders|Ordered|Calls|Meets|Met|Kills|Killed|Attacks|Attacked|Warns|Urges|Denies|Accuses|Blames|Escapes|Survives|Arrested|Abducted|Kidnapped|Shot|Dies|Died|Resigns|Sacked|Arrives|Leaves|Returns|Declares|Announces|Receives|Inspects|Approves|Signs|Launches|Rejects|Confirms|Pledges|Releases|Freed|Rescued|Captured|Assassinated|Injured|Wounded|Speaks|Tells|Claims|Threatens|Mourns|Hails|Slams|Detains|Detained|Targets|Targeted|Involved|Responsible|Linked|Wanted|Nabbed|Apprehended|Confirmed)$/;
// Headline verbs in the plural present ("Taliban Kill 5"), which HEADLINE_VERBS leaves out.
const HEADLINE_PLAIN_VERBS =
  /^(?:Kill|Attack|Abduct|Arrest|Kidnap|Seize|Capture|Shell|Hit|Target|Ambush|Storm|Raid|Free|Release|Say|Claim|Deny|Urge|Warn|Gun|Behead|Execute|Torch|Burn|Loot|Overrun|Repel|Clash)$/;
const SENTENCE_OPENER =
  /^(?:As|Then|When|After|Before|Later|Meanwhile|However|But|And|So|Also|While|Since|Although|Though|If|Once|Now|Yesterday|Today|Eventually|Finally|Earlier|Afterwards|Instead|Soon|The|In|On|At|By|For|From|With) (?=\p{Lu})/u;
// The words title case leaves in lowercase (articles, conjunctions, prepositions).
const TITLE_CASE_SMALL_WORDS = new Set(
  'and but for nor the yet via per off out amid from into near onto over than upon with after along among below under about above since until'.split(
    ' ',
  ),
);
const WEEKDAY = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
const PARTICLE_ALONE = /^(?:El|La|Al|Abu|Bin|Ibn|De|Del|Van|Von|Le|Da|Di|Dos|Das)$/;
const SMALL_WORD =
  /^(?:In|On|At|Of|For|And|The|To|From|With|By|After|Near|As|Over|Amid|During|Among|Who|Which|Nearly|Including|Vs|Versus|\p{Lu}\p{Ll}+(?:edly|ingly|ously))$/u;
const TRAILING_SMALL_WORDS =
  /(?: (?:In|On|At|Of|For|And|The|To|From|With|By|After|Near|As|Over|Amid|During|Among|Who|Which|Nearly|Including|Vs|Versus))+$/u;

// Title-case headline words that follow a title without being a name ("Commander Killed").
const NOT_NAMES =
  /^(?:Christmas|Easter|Ramadan|Eid|New Year|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Killed|Dead|Shot|Says|Said|Arrested|Wounded|Injured|Attacked|Captured|Escapes?|Staff|Assembly|Secretary|Prosecutor|Command|Council|Commander|Officer|Court)\b/;

const ORG_HEAD =
  'Freedom Fighters|Brotherhood|Authority|Army|Forces|Front|Brigade|Brigades|Movement|Party|League|Council|Coalition|Group|Militia|Militias|Police|Corps|Cartel|Battalion|Battalions|Organization|Organisation|Regiment|Guard|Guards|Committee|Alliance|Mission|Tigers|Jihad|Command|Task Force|Wing|Division|Squadron|Department|Ministry|Agency|Society';
const CONNECT = String.raw`(?: (?:of|for|in|the|and|al-|of the|in the) ?| |-)`;
const HEADED = new RegExp(
  String.raw`\b(?:[${UP}][${LETTER}'’-]*|al-[${UP}][${LETTER}]*)(?:${CONNECT}(?:[${UP}][${LETTER}'’-]*|al-[${UP}][${LETTER}]*))*? (?:${ORG_HEAD})\b`,
  'gu',
);
// "Ministry of National Defense", "Department of Justice", "Office of the Prosecutor", "National
// Directorate of Security".
const MINISTRY =
  /\b(?:(?:National|General|Federal|Central|Supreme|High|Higher|Presidential|Independent) )?(?:(?:Ministry|Department|Office|Directorate|Commission|Bureau) (?:of|for)|Commission on) (?:the )?\p{Lu}[\p{L}'’-]*(?: (?:and |of |for )?\p{Lu}[\p{L}'’-]*){0,4}/gu;
// "Gali Kurdistan Satellite TV", "Afghan Bayan Radio", "Anadolu News Agency": a broadcaster or an
// agency by its name and what it is.
const MEDIA =
  /\b\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,3} (?:Satellite )?(?:TV|Television|Radio|News Agency|News Network|Broadcasting Corporation)\b/gu;
const DESCRIPTOR = String.raw`(?:(?:Anti|Pro)-[${UP}][${LETTER}-]*|Government|Governmental|Security|Armed|Unknown|Unidentified|Local|Tribal|Rebel|Regime|Opposition|Islamist|Jihadist|Enemy|Foreign|Illegal|Irregular|Allied|Joint|Special|Suspected)`;
const DESCRIPTOR_ONLY = new RegExp(String.raw`^(?:${DESCRIPTOR} )+(?:${ORG_HEAD})$`, 'u');
const HEAD_WORD = new RegExp(String.raw`\b(?:${ORG_HEAD})\b`);
/**
 * Arabic names of armed groups lead with their head word: front (Jabhat), army (Jaysh), brigade
 * (Liwa), brigades (Kataib), companies (Saraya), legion (Faylaq), movement (Harakat), party (Hizb),
 * body (Hay'at), group (Jama'at), supporters (Ansar), soldiers (Jund), free men (Ahrar), guardians
 * (Hurras), leagues (Asa'ib): "Jabhat al-Nusra", "Jaysh al-Islam", "Kataib Hezbollah". South Asian
 * names join head and name by the Persian izafat or the Arabic article written "ul/ud/ut"
 * (army: Lashkar; movement: Tehrik, Harkat): "Jaish-e-Mohammed", "Jamaat ul Ahrar", "Tehrik-i-Taliban".
 */
const ARABIC_ORG = new RegExp(
  String.raw`\b(?:Jabhat|Jabha|Jaysh|Jaish|Jeish|Liwa|Liwaa|Kataib|Kata['’]ib|Saraya|Faylaq|Failaq|Harakat|Harakah|Hizb|Hay['’]at|Hayat|Hayyat|Hayaat|Hayyaat|Jama['’]at|Jamaat|Ansar|Ansarul|Ansaroul|Jund|Ahrar|Hurras|Asa['’]ib|Asaib|Lashkar|Tehrik|Tehreek|Harkat|Sipah|Jamiat)(?:[ -](?:(?:al|Al|el|ad|ash|as|ar|at|az|wal|e|i|ul|ud|ut|us|ur)[- ])?[${UP}][${LETTER}'’]*){1,5}`,
  'gu',
);
// Long organisation names that end in a place or a people ("Islamic State in the Greater Sahara").
const STATE_IN = /\b(?:Islamic State|al-Qaeda|Al-Qaeda) in (?:the )?(?:\p{Lu}\p{L}+)(?: \p{Lu}\p{L}+){0,2}/gu;

// Letters, then at most a short number ("M23", "FARC-EP"); not reference codes such as "S1431".
const ACRONYM = /^[A-Z]{2,7}(?:[0-9]{1,2})?(?:-[A-Z0-9]{1,4})?$|^[A-Z][0-9]{2}$/;
// A month or a weekday in capitals ("YEI JULY 2016 – JANUARY 2017"), not an organisation.
const CAPS_CALENDAR =
  /^(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)$/;
// Aircraft and weapon designators ("KC-135R", "MQ-9", "AK-47"), not organisations.
const DESIGNATOR = /^[A-Z]{1,3}-\d{1,3}[A-Z]?$/;
// Capitals that are not organisations in news copy.
const NOT_ACRONYMS = new Set([
  // a post, a disc, time zones and Pakistani areas ("KP province", "NWA drone attacks")
  'VP',
  'DVD',
  'EDT',
  'EST',
  'CST',
  'PST',
  'KP',
  'NWA',
  // things, units and measures in military and technical copy, not actors
  'UAV',
  'UAVs',
  'UAS',
  'VBIEDs',
  'RPGs',
  'MRAP',
  'MANPADS',
  'GPS',
  'MHZ',
  'MHz',
  'KHZ',
  'GHZ',
  'MW',
  'KW',
  'KM',
  'FEC',
  'IP',
  'MRI',
  'CT',
  'SMS',
  'PDF',
  'URL',
  'DNA',
  'HQ',
  // police ranks, weapons and an admin unit, not actors
  'AIG',
  'DIG',
  'IGP',
  'IED',
  'IEDs',
  'VBIED',
  'LGA',
  'UPDATE',
  'LD',
  'TV',
  'AM',
  'PM',
  'GMT',
  'UTC',
  'US',
  'UK',
  'USA',
  'II',
  'III',
  'IV',
  'VS',
  'OK',
  'AU',
  'CR',
  'DRC',
  'UAE',
  'CAR',
  'WRAPUP',
  'REPORT',
  'OF',
  'NE',
  'NW',
  'SE',
  'SW',
  'HORN',
  'AFRICA',
  'AGOA',
  'NEWS',
  'UN',
  'ID',
  'PHOTO',
  'VIDEO',
  'WATCH',
  'LIVE',
  'BREAKING',
  'ANNEX',
  'NO',
  'RPG',
  'IED',
  'IEDS',
  'AK',
  'MP',
  'MPS',
]);
// Words after (or before) an acronym that make it an actor: "NPA attack", "with ANDSF".
const ACTOR_NEXT =
  /^(?:rebels?|militants?|fighters?|members?|forces|attacks?|militias?|militiamen|camps?|officials?|men|artillery|bandits|troops|jets|positions|insurgents|guerrillas|commanders?|leaders?|soldiers|operatives|gunmen|base|bases|says|said|claims?|killed|kills|kill|stronghold|hideouts?|personnel|spokesman)$/i;
const ACTOR_BEFORE = /^(?:by|with|against|between|and|from)$/i;

const FORCE_WORDS: Record<string, string> = {
  army: 'armed forces',
  'armed forces': 'armed forces',
  forces: 'armed forces',
  'security forces': 'security forces',
  military: 'armed forces',
  'air force': 'air force',
  navy: 'navy',
  police: 'police',
  // "Turkish troops", "Iraqi special forces": the country's forces (two annotators of the UCDP
  // headlines, blind to each other, both read them so; "soldiers" they split on, and stay people).
  troops: 'armed forces',
  'special forces': 'armed forces',
  gendarmerie: 'gendarmerie',
  'general staff': 'General Staff',
  parliament: 'parliament',
};
// "Niger's military government", "the Malian military junta": the rulers, not the forces.
const NOT_FORCES_AFTER = String.raw`(?!\s+(?:government|junta|regime|rulers?|leaders?|council|authorities|coup)\b)`;
const FORCE_AFTER = new RegExp(
  // "Syrian regime army": the rulers' forces are the country's
  String.raw`^\s+(?:junta |regime )?(armed forces|security forces|special forces|air force|general staff|army|forces|military|navy|police|troops|gendarmerie|parliament)\b${NOT_FORCES_AFTER}`,
  'i',
);
const COUNTRY_FORCE_AFTER = new RegExp(
  // "Myanmar Junta Forces", "Myanmar Regime Forces" too
  String.raw`^(?:['’]s)?\s+(?:junta |regime )?(armed forces|security forces|special forces|air force|general staff|army|military|navy|police|troops|gendarmerie|parliament|(?<=(?:junta|regime) )forces)\b${NOT_FORCES_AFTER}`,
  'i',
);
// "Colombia forces kill 9", "Iraq forces have killed": after a country's name, "forces" is a noun
// when a verb follows; "the war in Ukraine forces Europe to act" is the verb (an object follows, or the
// country is a preposition's).
const COUNTRY_FORCES_NOUN =
  /^\s+(forces)(?=\s+(?!(?:the|a|an|his|her|their|its|them|him|us|me|you|it|to|back|out|up|down|more|all)\b)\p{Ll}|\s*[.,;:]|\s*$)/u;
const OBJECT_OF_PREPOSITION = /\b(?:in|of|from|at|on|to|for|into|over|across)\s+$/i;
// ACLED's way of naming a state's forces: "Military Forces of Sudan", "Police Forces of Nigeria".
const FORCES_OF_BEFORE = /\b(Military|Armed|Police|Security) Forces of (?:the )?$/;
const SHORT_ORG = /^(?:Coalition|Alliance)$/;
const MAN_REGIME = /\b(\p{Lu}\p{Ll}+(?:[- ]\p{Lu}\p{Ll}+)?)(?:['’]s(?: \p{Ll}+)?)? regime\b/gu;
// "Nyatura militia", "Maute group", "Mai-Mai Yakutumba fighters": a name no list knows, then what
// it is. Adjectives of peoples and faiths ("Kurdish fighters", "Sunni militias") are not names.
const GROUP_NOUN = String.raw`(?:militia|militias|militiamen|rebels|insurgents|guerrillas|members|militants|fighters|group|faction|cartel|gang|forces|vigilantes|raiders|commanders?|emir|spokesman|tribe|tribesmen|clan|clansmen)`;
const NAMED_GROUP = new RegExp(
  String.raw`\b([${UP}][${LETTER}'’]+(?:-[${LOW}]+)?(?:[- ][${UP}][${LETTER}'’]+){0,3}) ${GROUP_NOUN}\b`,
  'gu',
);
// "Anti-balaka" is a name; "Anti-Government", "anti-terror" say what a group is against.
const ANTI_NAME =
  /^Anti-(?!(?:government|terror|riot|drug|narcotic|crime|kidnap|gang|insurgen|jihad|tank|aircraft|regime|rebel)\p{L}*)(?=\p{L})/iu;
const groupWords = (name: string) => name.replace(ANTI_NAME, '').split(/[- ]/);
/**
 * The actor slot of a clash or an attack: "clash with Abu Sayyaf", "ambush by Raia Mutomboki",
 * "fighting between Twa and Luba militias". A capitalised name there that no list knows is a group.
 */
const ACTOR_SLOT = new RegExp(
  String.raw`\b(?:(?:clash(?:es|ed)?|fighting|fights?|battles?|skirmish(?:es)?|confrontations?) (?:with|between|against)|(?:attack(?:s|ed)?|ambush(?:es|ed)?|raids?|killed|abducted|kidnapped|claimed) by|between) (?:the )?([${UP}][${LETTER}'’]+(?:-[${LETTER}][${LETTER}'’]*)?(?: [${UP}][${LETTER}'’]+(?:-[${LETTER}][${LETTER}'’]*)?){0,2})(?: and (?:the )?([${UP}][${LETTER}'’]+(?:-[${LETTER}][${LETTER}'’]*)?(?: [${UP}][${LETTER}'’]+){0,2}))?`,
  'gu',
);
const QUOTE_OPEN = /^["“«]$/;
const QUOTE_CLOSE = /^["”»]$/;
// Before a bare "between", what lies between places rather than sides.
const ROUTE_BEFORE =
  /\b(?:road|roads|highway|route|area|areas|region|zone|border|line|lines|corridor|stretch|crossing|way|distance|villages|towns|cities|located|lies|lying|situated)\s+$/i;
const NUMBERED_UNIT = /\b(?:Brigade|Battalion|Regiment) \d{1,3}\b(?![.,:]?\d)/g;
const GROUP_NOUN_CUE = new RegExp(String.raw`[${UP}][${LETTER}'’-]+ ${GROUP_NOUN}\b`, 'u');
const NOT_GROUP_NAME =
  /(?:ist|ish|ese|ian|ean|ic)$|^(?:Arab|Tuareg|Sunni|Shia|Shiite|Shi['’]ite|Shi['’]a|Druze|Alawite|Yazidi|Christian|Muslim|Jewish|Tribal|Local|Armed|Rebel|Unknown|Unidentified|Suspected|Government|Opposition|Regime|Security|Foreign|Several|Some|Many|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Dozens|Hundreds|Anti|Pro|Community|Village|Vigilante|Youth|Ethnic|Allied|Federal|State|Police|Army|Former|Ex|Defected|Other|Rival|Enemy|The|A|An|Our|Your|Their|His|Her|Its|These|Those|All|Both|Most|Few|Militia|Militant|Jihadi|More|Dozen|Scores|Hundred|Thousands|Eleven|Twelve|No|Any|Another|Each|Every|This|That|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\p{Lu}\p{Ll}+(?:teen|ty))$/u;

// Peoples, whose fighters are no named group ("Uzbek fighters", "Kurd militants").
const PEOPLES =
  /^(?:Uzbeks?|Tajiks?|Kurds?|Pashtuns?|Baloch|Baluch|Hazaras?|Fulanis?|Turkmens?|Chechens?|Uighurs?|Uyghurs?|Rohingyas?|Dinkas?|Nuers?|Murles?|Hausas?|Igbos?|Yorubas?|Tivs?|Beroms?|Lendus?|Hemas?)$/;

// Afghan and Pakistani place names end in these ("Yahya Khel", "Mohammad Rahim Kalay"), and after the
// izafat "-ye"/"-e" a name is a place's ("Alaqehdari-ye Yahya Khel").
const PLACE_TAIL =
  / (?:Khel|Kheyl|Kalay|Kelay|Kala|Kalai|Qala|Kili|Killi|Kot|Kowt|Abad|Deh|Dara|Darreh|Chowk|Bazaar|Bazar|Mandi|Masjid|Mosque|Sufla|Ulya)$/;
const IZAFAT_BEFORE = /-(?:ye|e|i) $/;

/** The run of text between spaces that holds start..end. */
const chunkAround = (text: string, start: number, end: number) =>
  text.slice(
    text.lastIndexOf(' ', start) + 1,
    text.indexOf(' ', end) === -1 ? undefined : text.indexOf(' ', end),
  );
const overlapsAny = (start: number, end: number, spans: { start: number; end: number }[]) =>
  spans.some((s) => start < s.end && end > s.start);

// Words that open listed people's names without being given names ("King Abdullah", "Abu Bakr").
const NOT_GIVEN =
  /^(?:Prince|Princess|King|Queen|Sheikh|Sheik|Emir|Abu|Abd|Abdel|Abdul|Umm|Saint|San|General|President|Mullah|Haji|Sir|Field|Senior|Grand|Ayatollah|Seyyed|Duwa)$/;

/**
 * The given names that open the listed people's full names ("Mohammed", "Volodymyr"): a run of
 * capitals that starts with one is a person wherever it stands, the other guards permitting. Taken
 * from the curated list, never from the texts scored.
 */
export function givenNamesOf(people: readonly { name: string; aliases?: readonly string[] }[]): Set<string> {
  const given = new Set<string>();
  for (const p of people)
    for (const n of [p.name, ...(p.aliases ?? [])]) {
      const [first, second] = n.split(' ');
      if (second && first && /^\p{Lu}\p{Ll}{2,}$/u.test(first) && !NOT_GIVEN.test(first)) given.add(first);
    }
  return given;
}
/** A place only as a province or as another town's other spelling: weaker than a given name. */
function weakPlace(k: Resolved & { kind: 'place' }): boolean {
  return k.candidates.every((c) => c.place.kind === 'region' || !c.canonical);
}

// The rest of the run is looked ahead at, not consumed: in "American Justin Gimelstob" the run from
// "American" (no given name) must not swallow the one from "Justin".
// A run never starts inside a hyphenated word: "Jean-Baptiste X" is a run from "Jean".
const GIVEN_RUN = new RegExp(
  String.raw`(?<![${LETTER}'’-])([${UP}][${LOW}]{2,}(?:-[${UP}][${LOW}]{2,})?)(?=((?: ${NAME_PARTICLE}?${NAME_WORD}){1,3}))`,
  'gu',
);

/**
 * The unknown people and organisations `text` marks as such, longest first where they overlap.
 * `storyPeople` are the full names the story's earlier updates named: a surname alone here is one of them.
 * `forcesOf` names a country's listed armed forces ("Russian Armed Forces" for RU), if listed.
 * `commonWords` are lower-case English words (common-words.txt): no part of a name in a Title Case headline.
 * `placeNamed` says whether a spelling names a listed place.
 */
export function findPatternNames(
  text: string,
  tokens: Token[],
  mentions: Resolved[],
  givenNames: ReadonlySet<string> = new Set(),
  storyPeople: readonly string[] = [],
  listed: (word: string) => boolean = () => false,
  forcesOf: (iso2: string) => string | undefined = () => undefined,
  commonWords: ReadonlySet<string> = new Set(),
  placeNamed: (word: string) => boolean = () => false,
): PatternName[] {
  const known = mentions.map((m) => ({ start: m.match.start, end: m.match.end }));
  // A title before a name outweighs a town spelled like one of its words ("Journalist Rafael Mena").
  const knownNames = mentions
    .filter((m) => m.kind !== 'place')
    .map((m) => ({ start: m.match.start, end: m.match.end }));
  // In a title-case headline ("At Least 1 Person Is Confirmed Dead") capitals say nothing. The
  // name's own words are left out: in "Benito Portillo Torres, killed in Culiacán" they would make
  // a plain sentence look title-cased.
  const titleCase = (start: number, end = start) => {
    const sentence = tokens.find((t) => t.end >= start)?.sentence;
    if (sentence === undefined) return false;
    const long = tokens.filter(
      (t) => t.sentence === sentence && t.text.length >= 4 && (t.end <= start || t.start >= end),
    );
    const capital = long.filter((t) => /^\p{Lu}/u.test(t.text)).length;
    if (long.length < 3 || capital / long.length < 0.75) return false;
    // Title case leaves only its small words in lowercase: "Boris Johnson met the Iraqi Foreign
    // Minister … in London today" is a sentence full of names, not a headline.
    return !tokens.some(
      (t) =>
        t.sentence === sentence &&
        (t.end <= start || t.start >= end) &&
        /^\p{Ll}{3,}$/u.test(t.text) &&
        !TITLE_CASE_SMALL_WORDS.has(t.text),
    );
  };
  // Not a person whatever the cue: common nouns, a group named after a man, an affiliation.
  // (`weak` cues only: after a title, "Governor Zulum visits" is a man and a verb.)
  const notPerson = (name: string, end: number, weak = true) =>
    NOT_NAME_WORDS.test(name) ||
    GROUP_AFTER.test(text.slice(end, end + 24)) ||
    (weak && MODIFIED_AFTER.test(text.slice(end, end + 16))) ||
    AFFILIATION_AFTER.test(text.slice(end, end + 12));
  const lowercaseWords = new Set<string>();
  const writtenLowercase = (word: string) => {
    if (lowercaseWords.size === 0)
      for (const t of tokens) if (/^\p{Ll}/u.test(t.text)) lowercaseWords.add(t.text);
    return lowercaseWords.has(word.toLowerCase());
  };
  // One word a cue found alone is no person's name when it is a pronoun or common plural, a listed
  // place or group, a word the text writes in lower case, or a people ("Russians", "Pakistanis").
  const notLoneName = (word: string) =>
    NOT_A_NAME_ALONE.test(word) ||
    PLURAL_NOUN.test(word) ||
    listed(word) ||
    writtenLowercase(word) ||
    /(?:ese|ian|ish|ans)$/.test(word);
  const out: PatternName[] = [];
  const push = (p: PatternName) => {
    if (overlapsAny(p.start, p.end, out)) return;
    // "the battle of “Sarajna al-Jiyad”": a name quoted whole is an operation's or a slogan's.
    if (
      p.kind === 'person' &&
      QUOTE_OPEN.test(text[p.start - 1] ?? '') &&
      QUOTE_CLOSE.test(text[p.end] ?? '')
    )
      return;
    out.push(p);
  };
  // Where only a place stands, a given name first or not ("shelling on Jeb al-Jarrah", "clashes in
  // Jeb al-Jarrah", "the triangle of Shaer – Jeb al-Jarrah"): what fighting is in, shells or strikes hit.
  const strikeOrFront = (start: number, end: number) => {
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 12);
    if (/^['’]s\b/.test(after)) return false; // "strikes on Ahmed al-Hassan's convoy"
    return (
      /\b(?:clashes|fighting|battles?|shelling|bombardment|(?:air)?strikes?|raids?) (?:in|on|near|around|at)\s+$/i.test(
        before,
      ) ||
      (STRUCK_BEFORE.test(before.slice(-24)) &&
        (!/\b(?:target\w*|attacks? on)\s+$/i.test(before) || STRIKE_IN_CLAUSE.test(before))) ||
      // a front line: "the triangle of X – Y", "X – Jeb al-Jarrah – Z", "X – Y triangle"
      // (a dash on one side alone may be a dateline's: "KABUL – Ahmed Hassan, a shopkeeper")
      (/\b(?:triangle|axis|front|line)s? of\s+$/i.test(before) && /^\s*[–—-]/.test(after)) ||
      (/[–—-]\s*$/.test(before) && /^\s*(?:[–—-]|(?:triangle|axis|front)\b)/.test(after))
    );
  };
  // `weak`: the cue is only capitalisation, which a title-case headline empties of meaning.
  // `placesBlock`: a place spelled like one of the name's words keeps it from being a person.
  const person = (
    m: RegExpMatchArray,
    confidence: number,
    weak = false,
    placesBlock = weak,
    givenFirst = false,
  ) => {
    let whole = m[1];
    if (!whole || m.index === undefined) return;
    let start = m.index + m[0].lastIndexOf(whole);
    // "in Sheikh Zuweid", "near Sheikh Miskin": after a locative word a title starts a place's name.
    // Titles of office ("from Spokesman John Kirby") start no place's name, nor does a given name
    // after "from" or "to" ("a request from Ulf Henricsson").
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    // "in Col. Progreso": after a locative word Mexican news's "Col." is a colonia, not a colonel.
    if (/^Col\. /.test(m[0]) && (LOCATIVE_BEFORE.test(before) || /\b(?:on|at|of)\s+$/.test(before))) return;
    if (
      LOCATIVE_BEFORE.test(before) &&
      !OFFICE_TITLE.test(m[0]) &&
      !(givenFirst && /\b(?:from|to)\s+$/i.test(before))
    )
      return;
    // "shells target Sheikh Maqsoud", "raids on Sheikh Meskin", "airstrikes on Maaret Misrin": what
    // is struck is a place. What is targeted or attacked may be a man, unless a title opens a place.
    const struck = text.slice(Math.max(0, m.index - 24), m.index);
    if (
      /^\s*(?:Sheikh|Shaykh|Shaikh) /.test(m[0])
        ? STRUCK_BEFORE.test(struck)
        : strikeOrFront(m.index + m[0].indexOf(whole), m.index + m[0].indexOf(whole) + whole.length)
    )
      return;
    // "Sheikh Miskin", "Sheikh Maqsoud neighbourhood": a place's name, title and all.
    const cueStart = m.index;
    // A province, or a town's other spelling, on a given name the cue found is no place's name
    // ("Paul", "Victoria" Nuland; "Ahmad" is a spelling of Kotli).
    const provinceOnly = (k: Resolved & { kind: 'place' }) =>
      k.match.start === start && givenNames.has(k.match.text) && weakPlace(k);
    if (
      mentions.some(
        (k) => k.kind === 'place' && k.match.start <= cueStart && k.match.end > start && !provinceOnly(k),
      )
    )
      return;
    // "Then Artan blew himself up": a sentence's opening word is not part of the name.
    const opener = SENTENCE_OPENER.exec(whole)?.[0];
    // "In Kharkiv, a woman was killed": a locative opener puts a place there, as one before the cue does.
    if (opener && LOCATIVE_BEFORE.test(opener) && !OFFICE_TITLE.test(whole.slice(opener.length))) return;
    if (opener) {
      whole = whole.slice(opener.length);
      start += opener.length;
    }
    // "Journalist Javier Valdez killed": the title is not part of the name.
    const title = LEADING_TITLE.exec(whole)?.[0];
    const titled = title !== undefined || LEADING_TITLE.test(m[0]);
    if (title) {
      whole = whole.slice(title.length);
      start += title.length;
    }
    // "The Secretary General of the party", "the next Chief Executive will": a title of two words,
    // no name after it.
    if (TITLE_ALONE.test(whole) || TITLE_ALONE.test(m[0].trim())) return;
    // "Gen. Paul Malong's forces": the man, whose forces they are.
    const possessive = /['’]s$/.test(whole);
    if (possessive) whole = whole.slice(0, -2);
    // "Evo Morales' party": a name ending in s owns with the apostrophe alone.
    else if (/s['’]$/.test(whole)) whole = whole.slice(0, -1);
    // A title-case headline capitalises the words after the name ("… Juan Carlos Muniz In
    // Zacatecas", "President Buhari Condemns Attack"): the name ends before them.
    const words = whole.split(' ');
    // "Doctor Abducted In Borno", "Captain Of Guard Unit": no name after the title at all.
    if (HEADLINE_VERBS.test(words[0] ?? '') || SMALL_WORD.test(words[0] ?? '')) return;
    // "… Rahimullah Zadran In Paktia": the name ends before a headline's small word as before its verb.
    // "quoted Mr. Syed Hamid Saturday as saying": a weekday after two names, or after a title and one,
    // ends the name ("Mr. Alonso Thursday"; "Late Sunday" is no name at all).
    const verbAt = words.findIndex(
      (w, i) =>
        i > 0 && (HEADLINE_VERBS.test(w) || SMALL_WORD.test(w) || ((i > 1 || titled) && WEEKDAY.test(w))),
    );
    let name = (verbAt === -1 ? whole : words.slice(0, verbAt).join(' ')).replace(TRAILING_SMALL_WORDS, '');
    let end = start + name.length;
    if (weak && titleCase(start, end)) return;
    // In a title-case headline a capital says nothing: "Taliban Commander Involved in …" is no name
    // when the text writes the word in lowercase elsewhere ("was involved").
    if (titleCase(start, end) && name.split(/[ -]/).some((w) => writtenLowercase(w))) return;
    // One English word alone is no name where a capital says nothing of it: after "Major" or
    // "General", adjectives too ("Score Major Successes"); set off by a comma after a role ("set
    // Catholic Priest, Vehicle ablaze", and a place there too: "chief, Borno"); opening a sentence
    // ("Merchant is assassinated").
    const englishWord = !name.includes(' ') && commonWords.has(name.toLowerCase());
    const cue = text.slice(cueStart, start);
    if (englishWord && /\b(?:Major|General)\s+$/.test(cue)) return;
    if (!name.includes(' ') && cue.includes(',') && (englishWord || listed(name))) return;
    if (englishWord && tokens.find((t) => t.start === start)?.sentenceStart === true) return;
    // In a Title Case headline an English word is no part of a name: "Officer Death Toll Mount",
    // "Juan Arjón López Found Dead" (the name ends before it).
    if (titleCase(start, end)) {
      const parts = name.split(' ');
      const common = (w: string) =>
        commonWords.has(w.toLowerCase()) && !givenNames.has(w) && !PARTICLE_ALONE.test(w);
      const cut = parts.findIndex(common);
      if (cut === 0) return;
      if (cut > 0) {
        name = parts.slice(0, cut).join(' ');
        end = start + name.length;
        // What is left must still be a name: "El" or a given name alone ("Major Karen Base") is not.
        if (cut === 1 && (givenNames.has(name) || PARTICLE_ALONE.test(name))) return;
      }
    }
    // "Troops Kill Commander, Recover Arms": after a comma a headline goes on to its next clause.
    if (titleCase(start, end) && text.slice(cueStart, start).includes(',')) return;
    if (PLACE_TAIL.test(name) || IZAFAT_BEFORE.test(text.slice(Math.max(0, start - 4), start))) return;
    // "an Uzbek Takfiri who", "the Grand Mosque's": an article makes the capitals a description.
    if (weak && /\b(?:a|an|the)\s+$/i.test(text.slice(Math.max(0, start - 5), start))) return;
    const first = name.split(/[ -]/)[0] ?? '';
    // After a title "Abu Ali" is a man; without one "Abu Kamal" is a town.
    // A kunya names a man on any cue ("Abu Ghadiya was arrested"); a town spelled so is a place there.
    if ((NOT_PERSON_HEAD.test(first) && !KUNYA.test(`${first} `)) || NOT_NAMES.test(name)) return;
    if (!name.includes(' ') && NOT_A_NAME_ALONE.test(name)) return;
    if (PLACE_AFTER.test(text.slice(end, end + 16))) return;
    // "near Isa Moradi, Kunduz Province": a name its province follows is a place's, on a weak cue.
    if (weak && AREA_AFTER.test(text.slice(end, end + 40))) return;
    // "Brian Wagner": a one-word organisation's name after a given name is the man's surname.
    const surnameOrg = (k: { start: number; end: number }) =>
      givenFirst &&
      k.end === end &&
      k.start > start &&
      mentions.some(
        (x) =>
          x.kind === 'org' &&
          x.match.start === k.start &&
          x.match.end === k.end &&
          /^\p{Lu}\p{Ll}+$/u.test(x.match.text),
      );
    // "The mayor of Tacambaro, Salvador Bastida Garcia,": a country's name opening a longer name the
    // cue marks is a given name (the pipeline then drops the country).
    const givenCountry = (k: { start: number; end: number }) =>
      k.start === start &&
      k.end < end &&
      /^\p{Lu}\p{Ll}+$/u.test(text.slice(k.start, k.end)) && // one word: "Hong Kong Chief Executive" is none
      !LEADING_TITLE.test(text.slice(k.end + 1, end)) &&
      mentions.some(
        (x) => x.kind === 'country' && !x.demonym && x.match.start === k.start && x.match.end === k.end,
      );
    const blocking = (placesBlock ? known : knownNames).filter((k) => !surnameOrg(k) && !givenCountry(k));
    if (overlapsAny(start, end, blocking)) return;
    if (possessive ? NOT_NAME_WORDS.test(name) : notPerson(name, end, weak)) return;
    push({ kind: 'person', name, matched: name, start, end, confidence });
  };

  // "<Demonym> army/forces", "<Country> army", "Mali's army": the forces are that country's.
  for (const m of mentions) {
    if (m.kind !== 'country') continue;
    const following = text.slice(m.match.end, m.match.end + 22);
    const after = m.demonym
      ? FORCE_AFTER.exec(following)
      : (COUNTRY_FORCE_AFTER.exec(following) ??
        (OBJECT_OF_PREPOSITION.test(text.slice(Math.max(0, m.match.start - 12), m.match.start))
          ? null
          : COUNTRY_FORCES_NOUN.exec(text.slice(m.match.end, m.match.end + 40))));
    if (!after?.[1]) continue;
    const end = m.match.end + after[0].length;
    const what = FORCE_WORDS[after[1].toLowerCase()] ?? 'armed forces';
    const next = mentions.find((x) => x.match.start >= m.match.end && x.match.start < end);
    if (next) continue; // "Russian Armed Forces" in the lists already
    push({
      kind: 'org',
      // "Russian forces" and "Russian army" are one entity: the listed one where there is one.
      name: (what === 'armed forces' && forcesOf(m.country.iso2)) || `${m.country.name} ${what}`,
      matched: text.slice(m.match.start, end),
      start: m.match.start,
      end,
      confidence: 0.9,
    });
  }
  // "Istanbul police raids", "Kano State Police": a town's or a region's police.
  for (const m of mentions) {
    if (m.kind !== 'place') continue;
    const after =
      /^(?:['’]s)?\s+(?:State\s+)?[Pp]olice\b(?!\s+(?:station|stations|post|posts|officers?|men|man|headquarters|HQ)\b)/.exec(
        text.slice(m.match.end, m.match.end + 40),
      );
    if (!after) continue;
    const end = m.match.end + after[0].length;
    if (
      overlapsAny(
        m.match.start,
        end,
        mentions.filter((x) => x !== m).map((x) => x.match),
      )
    )
      continue;
    const matched = text.slice(m.match.start, end);
    push({
      kind: 'org',
      name: matched.replace(/['’]s\b/, ''),
      matched,
      start: m.match.start,
      end,
      confidence: 0.8,
    });
  }
  for (const m of text.includes('Forces of ') ? mentions : []) {
    if (m.kind !== 'country' || m.demonym) continue;
    const before = FORCES_OF_BEFORE.exec(text.slice(Math.max(0, m.match.start - 30), m.match.start));
    if (!before?.[1]) continue;
    const start = m.match.start - before[0].length;
    const what =
      before[1] === 'Police' ? 'police' : before[1] === 'Security' ? 'security forces' : 'armed forces';
    push({
      kind: 'org',
      name: (what === 'armed forces' && forcesOf(m.country.iso2)) || `${m.country.name} ${what}`,
      matched: text.slice(start, m.match.end),
      start,
      end: m.match.end,
      confidence: 0.9,
    });
  }
  // Each pattern runs only when its cue word is in the text: most updates have none of them.
  const has = (cue: RegExp) => cue.test(text);
  if (has(/\b(?:(?:Ministry|Department|Office|Directorate|Commission|Bureau) (?:of|for)|Commission on) /))
    for (const m of text.matchAll(MINISTRY))
      if (m.index !== undefined && !overlapsAny(m.index, m.index + m[0].length, known))
        push({
          kind: 'org',
          name: m[0],
          matched: m[0],
          start: m.index,
          end: m.index + m[0].length,
          confidence: 0.8,
        });
  if (has(/\b(?:TV|Television|Radio|News Agency|News Network|Broadcasting Corporation)\b/))
    for (const m of text.matchAll(MEDIA)) {
      if (m.index === undefined) continue;
      // "The", "State", "Radio Free Europe": what opens the span is no broadcaster's name
      const span = m[0].replace(
        /^(?:The|A|An|On|In|At|By|For|From|To|Told|Said|State|National|Local|Pakistan|Afghan) (?=\p{Lu})/u,
        '',
      );
      const start = m.index + m[0].length - span.length;
      if (/^(?:TV|Television|Radio)$/.test(span.split(' ')[0] ?? '')) continue;
      // a place may stand in a broadcaster's name ("Kurdistan 24", "Gali Kurdistan Satellite TV")
      if (!overlapsAny(start, start + span.length, knownNames))
        push({ kind: 'org', name: span, matched: span, start, end: start + span.length, confidence: 0.8 });
    }
  if (has(/\b(?:Islamic State|al-Qaeda|Al-Qaeda) in /))
    for (const m of text.matchAll(STATE_IN))
      if (m.index !== undefined)
        push({
          kind: 'org',
          name: m[0],
          matched: m[0],
          start: m.index,
          end: m.index + m[0].length,
          confidence: 0.85,
        });

  // "Jama'at Nusrat al-Islam wal Muslimeen (JNIM)": the words before a bracketed acronym name it.
  for (const m of text.includes('(') ? text.matchAll(/\(([A-Z][A-Z0-9-]{1,7})\)/g) : []) {
    if (m.index === undefined) continue;
    const before = text.slice(Math.max(0, m.index - 90), m.index).trimEnd();
    const found =
      /((?:(?:\p{Lu}[\p{L}'’-]*|al-\p{Lu}[\p{L}]*|of|the|wal|al|in|for|and|de|du|des|la|le) ){1,9}(?:\p{Lu}[\p{L}'’-]*))$/u.exec(
        before,
      )?.[1];
    if (!found) continue;
    // It starts at the word the acronym's first letter stands for ("Fighters of Jama'at…" → "Jama'at…").
    const initial = (m[1] ?? '').charAt(0);
    const words = found.split(' ');
    const first = words.findIndex((w) => w.replace(/^al-/, '').charAt(0).toUpperCase() === initial);
    if (first === -1 || words.length - first < 2) continue;
    const long = words.slice(first).join(' ');
    const start =
      m.index - (text.slice(0, m.index).length - text.slice(0, m.index).trimEnd().length) - long.length;
    const end = start + long.length;
    if (known.some((k) => k.start === start && k.end === end)) continue;
    const initials = long
      .split(/[\s-]+/)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w[0])
      .join('');
    // Keep it only when the acronym could abbreviate it (JNIM ~ Jama'at Nusrat al-Islam wal Muslimeen).
    if (!(m[1] ?? '').split('').some((c) => initials.includes(c))) continue;
    if (overlapsAny(start, end, known)) continue;
    push({ kind: 'org', name: long, matched: long, start, end, confidence: 0.85 });
  }
  if (text.includes('(')) {
    for (const m of text.matchAll(BRACKETED)) person(m, 0.85);
    for (const m of text.matchAll(KIN_AFTER)) person(m, 0.8);
  }
  for (const m of text.matchAll(APPOSITIVE)) person(m, 0.7, true);
  if (text.includes('v. ')) for (const m of text.matchAll(VERSUS)) person(m, 0.75);
  for (const m of text.matchAll(TITLED)) person(m, 0.8);
  if (text.includes(' of ')) for (const m of text.matchAll(TITLED_OF)) person(m, 0.8);
  // The role after the name is cue enough: a town spelled like one of its words does not block it.
  if (text.includes(', ')) for (const m of text.matchAll(ROLE_AFTER)) person(m, 0.75, true, false);
  if (text.includes(', ')) for (const m of text.matchAll(ROLE_APPOSITIVE)) person(m, 0.75, true, false);
  if (text.includes(', '))
    for (const m of text.matchAll(LONE_APPOSITIVE)) {
      const before = text.slice(Math.max(0, (m.index ?? 0) - 30), m.index);
      if (
        /(?:\p{Lu}[\p{L}'’.-]*|\b(?:[Tt]he|[Aa]n?|[Oo]f))\s+$/u.test(before) ||
        NOT_A_NAME_ALONE.test(m[1] ?? '') ||
        SENTENCE_ADVERB.test(m[1] ?? '')
      )
        continue;
      person(m, 0.6, true);
    }
  if (/[A-Z]{3}/.test(text)) {
    const capsName = (caps: string) => caps.replace(/[ -]/g, '').length >= 3 && !NOT_ACRONYMS.has(caps);
    for (const m of text.matchAll(HEAD_CAPS)) if (capsName(m[1] ?? '')) person(m, 0.75);
    for (const m of text.matchAll(GIVEN_CAPS)) {
      const [whole, given = '', caps = ''] = m;
      if (m.index === undefined || !givenNames.has(given.split('-')[0] ?? '') || !capsName(caps)) continue;
      if (overlapsAny(m.index, m.index + whole.length, known)) continue;
      push({
        kind: 'person',
        name: whole,
        matched: whole,
        start: m.index,
        end: m.index + whole.length,
        confidence: 0.7,
      });
    }
  }
  for (const m of text.matchAll(ONE_NAME_ROLE)) {
    const group = m[1] ?? m[2];
    if (!group || NOT_A_NAME_ALONE.test(group) || SENTENCE_ADVERB.test(group) || m.index === undefined)
      continue;
    const at = m.index + (m[1] ? 0 : m[0].lastIndexOf(group));
    person(Object.assign([group, group], { index: at, input: text }) as RegExpMatchArray, 0.7, true);
  }
  for (const m of text.matchAll(VICTIM)) {
    // "shells targeting Ein Tarma", "the coalition targeted Baguz Fawqani": what shelling or a
    // strike targets is a place ("a rival family targeted Ya'akov Alperon" is a man).
    if (
      /\btarget(?:ed|ing) $/.test(m[0].slice(0, m[0].length - (m[1]?.length ?? 0))) &&
      STRIKE_IN_CLAUSE.test(text.slice(Math.max(0, (m.index ?? 0) - 40), m.index))
    )
      continue;
    person(m, 0.7, true);
    if (m[2] && m.index !== undefined) {
      // the second of "X and Y"
      const at = m.index + m[0].lastIndexOf(m[2]);
      person(
        Object.assign([m[2], m[2]], { index: at, input: text }) as unknown as RegExpMatchArray,
        0.7,
        true,
      );
    }
  }
  for (const m of HUMAN_ACT_CUE.test(text) ? text.matchAll(HUMAN_ACT) : []) {
    const group = m.slice(1).find((g) => g !== undefined);
    if (!group || NOT_A_NAME_ALONE.test(group)) continue;
    person(Object.assign([m[0], group], { index: m.index, input: text }) as RegExpMatchArray, 0.65, true);
  }
  if (SPEAKS_CUE.test(text))
    for (const m of text.matchAll(SPEAKER)) {
      const group = m[1];
      if (!group) continue;
      person(Object.assign([m[0], group], { index: m.index, input: text }) as RegExpMatchArray, 0.65, true);
    }
  if (text.includes(' said'))
    for (const m of text.matchAll(QUOTE_SAID)) {
      const group = m.slice(1).find((g) => g !== undefined);
      if (!group || NOT_A_NAME_ALONE.test(group)) continue;
      // A full name quoted is a person even if a town is spelled like one of its words ("Philip
      // Hammond"); one word may be a capital speaking for its government ("…,” said Moscow).
      const single = !group.includes(' ');
      person(
        Object.assign([m[0], group], { index: m.index, input: text }) as RegExpMatchArray,
        0.65,
        true,
        single,
      );
    }
  // "FARC dissident Guacho, who shot dead…": one word a relative "who" follows, after a lower-case
  // word (not opening a sentence), names a person; listed places and groups aside ("Hamas, who").
  if (text.includes(', who '))
    for (const m of text.matchAll(LONE_WHO)) {
      const group = m[1];
      if (!group || notLoneName(group) || NOT_GROUP_NAME.test(group) || group.endsWith('s')) continue;
      person(m, 0.65, true);
    }
  if (LEGAL_CUE.test(text))
    for (const m of text.matchAll(LEGAL_OBJECT)) {
      const group = m[1];
      if (!group || (group.includes(' ') ? NOT_A_NAME_ALONE.test(group) : notLoneName(group))) continue;
      person(m, 0.65, true);
    }
  if (text.includes(' were '))
    for (const m of text.matchAll(PAIR_ACT)) {
      // Two full names and a human act: a place's name inside one ("Juan Carlos Herrera") does
      // not make it a place.
      person(m, 0.65, true, false);
      const second = m[2];
      if (second && m.index !== undefined)
        person(
          Object.assign([second, second], {
            index: m.index + m[0].lastIndexOf(second),
            input: text,
          }) as RegExpMatchArray,
          0.65,
          true,
          false,
        );
    }
  for (const m of text.matchAll(PLURAL_ROLE)) {
    person(m, 0.7, true);
    if (m[2] && m.index !== undefined)
      person(
        Object.assign([m[2], m[2]], {
          index: m.index + m[0].lastIndexOf(m[2]),
          input: text,
        }) as RegExpMatchArray,
        0.7,
        true,
      );
  }
  if (/ and (?:his|her) /.test(text)) for (const m of text.matchAll(WITH_KIN)) person(m, 0.65, true);
  if (text.includes('attempt on ')) for (const m of text.matchAll(ATTEMPT_ON)) person(m, 0.7, true);
  if (givenNames.size > 0)
    for (const m of text.matchAll(GIVEN_RUN)) {
      const [, given = '', rest = ''] = m;
      if (!givenNames.has(given.split('-')[0] ?? '') || m.index === undefined) continue;
      // A town on the given name blocks the run ("Sydney Road"); one on a later word does not
      // ("BP head Robert Dudley": Dudley is a town too), nor a province or a town's other spelling
      // on a given name ("Paul Dergarabedian": Paul is in Cape Verde; "Ahmad Rahami": Kotli).
      const at = m.index;
      if (
        mentions.some(
          (k) => k.kind === 'place' && k.match.start < at + given.length && k.match.end > at && !weakPlace(k),
        )
      )
        continue;
      // After another capitalised word the given name is inside a longer name ("Lay Bala Karz",
      // "Jafar Hamdi Idris" read from "Hamdi"), unless that word is a title, a possessive or a name
      // the text already knows, a country's included ("American Justin Gimelstob").
      const prev = /(\p{Lu}[\p{L}'’-]*) $/u.exec(text.slice(Math.max(0, at - 30), at))?.[1];
      if (
        prev &&
        !/['’]s$/.test(prev) &&
        !/-\p{Ll}/u.test(prev) && // "Ex-rebel", "Pro-government": a description, not a name
        !WEEKDAY.test(prev) && // "Officials said Sunday Jean Rene Anthony was killed"
        !SENTENCE_ADVERB.test(prev) && // "Yesterday Robert Smith told reporters"
        !TITLE_ALONE.test(prev) &&
        !PARTY_MEMBER.test(prev) && // "Illinois Republican Henry Hyde"
        !mentions.some((k) => k.match.end === at - 1)
      )
        continue;
      const run = given + rest;
      person(
        Object.assign([run, run], { index: at, input: text }) as RegExpMatchArray,
        0.6,
        true,
        false,
        true,
      );
    }
  if (/['’]s /.test(text))
    for (const m of text.matchAll(POSSESSED)) if (!NOT_A_NAME_ALONE.test(m[1] ?? '')) person(m, 0.65, true);
  if (text.includes(' of ')) for (const m of text.matchAll(OF_PERSON)) person(m, 0.65, true);
  // "Islamic State's Baghdadi", "Hezbollah's Nasrallah": a group's man, by the name the text gives him
  for (const org of /['’]s \p{Lu}/u.test(text) ? mentions : []) {
    if (org.kind !== 'org') continue;
    const after = text.slice(org.match.end, org.match.end + 40);
    const named = new RegExp(String.raw`^['’]s (${FULL_NAME}|${NAME_WORD})(?![${LETTER}'’-])`, 'u').exec(
      after,
    );
    const name = named?.[1];
    // "VOA's Persian service", "VOA's Ethnomusicologist": a language or a trade, not a name
    if (!name || commonWords.has(name.toLowerCase()) || listed(name) || NOT_GROUP_NAME.test(name)) continue;
    person(
      Object.assign([named[0], name], { index: org.match.end, input: text }) as RegExpMatchArray,
      0.6,
      true,
    );
  }
  if (/\bpro[- ]\p{Lu}/u.test(text))
    for (const m of text.matchAll(PRO_MAN)) {
      const name = m[1] ?? '';
      if (NOT_A_NAME_ALONE.test(name) || NOT_GROUP_NAME.test(name) || /(?:ern|ist|ism)$/.test(name)) continue;
      const start = (m.index ?? 0) + m[0].length - name.length;
      const end = start + name.length;
      // "pro Gaddafi militants": the militants are his side, so the group guard does not apply.
      if (overlapsAny(start, end, known) || titleCase(start, end)) continue;
      push({ kind: 'person', name, matched: name, start, end, confidence: 0.6 });
    }
  if (text.includes('named '))
    for (const m of text.matchAll(NAMED))
      if (!PLACE_NAMED.test(text.slice(Math.max(0, (m.index ?? 0) - 14), m.index))) person(m, 0.75);
  if (
    has(
      /\b(?:(?:government|administration|regime|loyalists|supporters|followers|militia|militiamen|fighters|forces|faction|men) of|loyal to|allied (?:to|with)) /,
    )
  )
    for (const m of text.matchAll(GOVERNMENT_OF)) person(m, 0.7, true);
  if (has(/\b(?:[Ss]on|[Dd]aughter|[Bb]rother|[Ss]ister|[Ww]ife|[Ff]ather|[Mm]other|[Uu]ncle|[Nn]ephew) of /))
    for (const m of text.matchAll(KIN)) person(m, 0.8);
  if (/\b(?:his|her|their) (?:\p{Ll}+ )?\p{Ll}+,? \p{Lu}/u.test(text))
    for (const m of text.matchAll(KIN_NAMED)) person(m, 0.75, true, false);
  // Before particle names: "Liwa Suqur al-Jabal" is a brigade, not a man called Suqur al-Jabal.
  for (const m of text.matchAll(ARABIC_ORG)) {
    if (m.index === undefined) continue;
    const start = m.index;
    const end = start + m[0].length;
    const inside = known.filter((k) => k.start >= start && k.end <= end);
    if (inside.some((k) => k.start === start && k.end === end)) continue;
    if (overlapsAny(start, end, known) && inside.length === 0) continue;
    push({ kind: 'org', name: m[0], matched: m[0], start, end, confidence: 0.8 });
  }

  // Where a village stands in a sentence: after a locative or what strikes it, before an area word,
  // a dash of a front line ("Shaer – Jeb al-Jarrah – Shomariyyeh"), or as what fighters hold.
  const placeLike = (start: number, end: number) => {
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 24);
    return (
      /^\p{Lu}\p{Ll}+ing\b/u.test(text.slice(start, end)) ||
      LOCATIVE_BEFORE.test(before.slice(-12)) ||
      STRUCK_BEFORE.test(before.slice(-24)) ||
      /\b(?:of|on|in|to|and)\s+$/.test(before) ||
      /^\s*[–—-]\s/.test(after) ||
      /[–—-]\s*$/.test(before) ||
      /^\s+(?:and|in(?! (?:19|20)\d\d\b)|area|countryside|front|axis|triangle|massacre|invasion|battle)\b/.test(
        after,
      )
    );
  };
  const particles = has(/(?:al-|el-| bin | ibn | bint | Abu | Abdel | Abdul | [Oo]uld | [Aa]g )/);
  for (const m of particles ? text.matchAll(PARTICLE_NAME) : []) {
    if (m.index === undefined) continue;
    const first = m[0].replace(KUNYA, '').split(' ')[0] ?? '';
    const start = m.index;
    const end = start + m[0].length;
    if (NOT_PERSON_HEAD.test(first) || overlapsAny(start, end, known) || titleCase(start, end)) continue;
    if (PLACE_AFTER.test(text.slice(end, end + 16)) || notPerson(m[0], end)) continue;
    // "Tlul al-Safa", "Jeb al-Jarrah", "Soqur al-Sham": Syrian villages and brigades are written
    // like two-word names too; there the first word must be a given name ("bin", a kunya or a third
    // word make a man's name anyway).
    if (
      givenNames.size > 0 &&
      TWO_WORD_AL.test(m[0]) &&
      !/\p{Lu}[\p{L}'’-]* $/u.test(text.slice(Math.max(0, start - 30), start)) &&
      (givenNames.has(first) ? strikeOrFront(start, end) : placeLike(start, end))
    )
      continue;
    const sentenceStart = tokens.find((t) => t.start === start)?.sentenceStart ?? false;
    push({ kind: 'person', name: m[0], matched: m[0], start, end, confidence: sentenceStart ? 0.55 : 0.65 });
  }

  // Organisations by head word ("Yarmouk Army", "People's Militia"), unless a list knows them.
  for (const m of HEAD_WORD.test(text) ? text.matchAll(HEADED) : []) {
    if (m.index === undefined) continue;
    let start = m.index;
    let span = m[0];
    // "Cases of Civilian Casualties in Combined Joint Task Force": what happened in an organisation is
    // not its name (names with "in" end in a place: "Islamic State in Iraq", no head word)
    const within = / in (?:the )?(?!.* in )/.exec(span);
    if (within && within.index > 0) {
      const cut = within.index + within[0].length;
      start += cut;
      span = span.slice(cut);
    }
    // "Clashes Between Forces", "…, Where Forces Kill 10": a preposition or "where" ends what comes before
    const joint =
      / (?:Between|Against|Among|Amid|Where|When|While) (?!.* (?:Between|Against|Among|Amid|Where|When|While) )/.exec(
        span,
      );
    if (joint) {
      start += joint.index + joint[0].length;
      span = span.slice(joint.index + joint[0].length);
    }
    // Drop a leading sentence word that is not part of the name ("In Yarmouk Army").
    const lead =
      /^(?:(?:The|In|At|On|By|For|From|With|And|Of|As|While|When|After|Before|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Some|Many) )+/.exec(
        span,
      );
    if (lead) {
      start += lead[0].length;
      span = span.slice(lead[0].length);
    }
    // "Fighting in Diyala Division", "Shelling of Tal Afar Command": a sentence's opening gerund and
    // its small word are not the name's.
    const gerund = /^\p{Lu}\p{Ll}+ing (?:in the|of the|in|of|for|and|the) /u.exec(span);
    if (gerund) {
      start += gerund[0].length;
      span = span.slice(gerund[0].length);
    }
    // "Taliban Kill Former Police Chief …", "… Says Army Spokesman": in a title-case headline the
    // name starts after the headline's verb, and "former" describes.
    if (titleCase(start, start + span.length)) {
      const words = span.split(' ');
      const verbAt = words.findLastIndex((w) => HEADLINE_VERBS.test(w) || HEADLINE_PLAIN_VERBS.test(w));
      const from = verbAt + 1 + (/^(?:Former|Ex)$/.test(words[verbAt + 1] ?? '') ? 1 : 0);
      if (from > 0) {
        // and a small word after the verb is not the name's ("Killed in Buni Yadi Brigade Attack")
        const small = /^(?:in|at|on|by|near|from|of|the|as)$/i.test(words[from] ?? '') ? 1 : 0;
        const cut = words.slice(0, from + small).join(' ').length + 1;
        start += cut;
        span = span.slice(cut);
      }
    }
    // "Kills Nine Police": a number left after the headline's verb counts, it does not name
    const count =
      /^(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Several|Dozens|Scores) /.exec(span);
    if (count) {
      start += count[0].length;
      span = span.slice(count[0].length);
    }
    const role = ROLE_OF.exec(span);
    if (role) {
      start += role[0].length;
      span = span.slice(role[0].length);
    }
    // "Chief Of Army Staff", "Commander of the Forces": a post, not an organisation
    if (!/ /.test(span)) continue;
    // "Anti-Government Militias", "Government Forces": what they are, not what they are called
    if (DESCRIPTOR_ONLY.test(span)) continue;
    const end = start + span.length;
    const inside = known.filter((k) => k.start >= start && k.end <= end);
    if (inside.some((k) => k.start === start && k.end === end)) continue;
    if (overlapsAny(start, end, known) && inside.length === 0) continue;
    // "Fresh Arakan Army Attack": a listed organisation that ends the span is the name; what stands
    // before it describes
    const listedOrg = (m: Resolved) => m.kind === 'org' && m.match.end === end && m.match.start > start;
    if (mentions.some(listedOrg)) continue;
    push({ kind: 'org', name: span, matched: span, start, end, confidence: 0.8 });
  }

  // "Brigade 93", "Battalion 502": a unit by its number.
  for (const m of /\b(?:Brigade|Battalion|Regiment) \d/.test(text) ? text.matchAll(NUMBERED_UNIT) : [])
    if (m.index !== undefined && !overlapsAny(m.index, m.index + m[0].length, known))
      push({
        kind: 'org',
        name: m[0],
        matched: m[0],
        start: m.index,
        end: m.index + m[0].length,
        confidence: 0.7,
      });

  for (const m of GROUP_NOUN_CUE.test(text) ? text.matchAll(NAMED_GROUP) : []) {
    if (!m[1] || m.index === undefined) continue;
    // "The Maute group", "In Nyatura militia attacks": the leading word is not the name's
    const lead =
      /^(?:(?:The|In|At|On|By|For|From|With|And|Of|A|An|No|Any|Another|Each|Every|This|That|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Some|Many) )+/.exec(
        m[1],
      )?.[0] ?? '';
    const name = m[1].slice(lead.length);
    const start = m.index + lead.length;
    const end = start + name.length;
    // "the Islamic State of Iraq and the Levant group": the end of a longer name, not a name
    // ("members of the Al Bu Nimr tribe", "tribesmen and the Darnaal clan" still are)
    if (/\p{Lu}[\p{L}'’-]* (?:of|and)(?: the)? $/u.test(text.slice(Math.max(0, start - 30), start))) continue;
    if (name === '' || groupWords(name).some((w) => NOT_GROUP_NAME.test(w) || PEOPLES.test(w))) continue;
    // "Unarmed militia", "Resistance fighters": one English word says what the group is, not who
    if (!/[- ]/.test(name) && commonWords.has(name.toLowerCase())) continue;
    // "Hadi forces", "Coalition forces": one word before "forces" is a man's or a label
    if (/ forces$/.test(m[0]) && !/[- ]/.test(name)) continue;
    // "Sinaloa cartel": a cartel or a gang takes its place's name
    // ("Anti-Balaka fighters": a town called Balaka does not make the name a place)
    const blocking = / (?:cartel|gang)$/.test(m[0]) || ANTI_NAME.test(name) ? knownNames : known;
    if (overlapsAny(start, end, blocking) || titleCase(start, end)) continue;
    push({ kind: 'org', name, matched: name, start, end, confidence: 0.7 });
  }

  for (const m of text.matchAll(ACTOR_SLOT)) {
    if (m.index === undefined) continue;
    for (const group of [m[1], m[2]]) {
      if (!group) continue;
      const start = m.index + m[0].lastIndexOf(group);
      const end = start + group.length;
      const words = groupWords(group);
      // Acronyms are handled below; descriptors, peoples' adjectives and numbers are not names.
      if (/^[A-Z0-9-]+$/.test(group) || words.some((w) => NOT_GROUP_NAME.test(w) || NOT_NAME_WORDS.test(w)))
        continue;
      if (overlapsAny(start, end, known) || titleCase(start, end)) continue;
      // "the road between Deir Ezzor city and …", "the area between Tal Tamr and Abu Rasin": places.
      if (
        m[0].startsWith('between') &&
        (ROUTE_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index)) ||
          PLACE_AFTER.test(text.slice(end, end + 16)))
      )
        continue;
      // "the STC and Hadi forces": one word before "forces" is a man's or a label
      if (!/[- ]/.test(group) && /^ (?:forces|troops|loyalists|supporters)\b/.test(text.slice(end, end + 12)))
        continue;
      push({ kind: 'org', name: group, matched: group, start, end, confidence: 0.6 });
    }
  }

  // Acronyms: defined in the text ("Full Name (ACR)") or standing as an actor.
  const upper = tokens.filter((t) => /\p{Lu}/u.test(t.text) && t.text === t.text.toUpperCase()).length;
  const shouting = upper > tokens.length / 2;
  const capsWord = (t: Token | undefined) => t !== undefined && /^[A-Z]{2,}$/.test(t.text);
  // "GBAGBO" after "Laurent GBAGBO": the man's family name, not an acronym.
  const capsSurnames = new Set(out.flatMap((p) => (p.kind === 'person' ? [p.name.split(' ').at(-1)] : [])));
  tokens.forEach((t, i) => {
    if (capsSurnames.has(t.text)) return;
    // A run of capitals ("HORN OF AFRICA REPORT") is a shouted headline, not acronyms.
    if (capsWord(tokens[i - 1]) || capsWord(tokens[i + 1])) return;
    if (shouting || !ACRONYM.test(t.text) || NOT_ACRONYMS.has(t.text) || DESIGNATOR.test(t.text)) return;
    if (CAPS_CALENDAR.test(t.text)) return;
    // "A/HRC/37/CRP.2": a document's symbol, not organisations ("Handout/EPA" is the agency)
    if (/[/][^\s]*\d|\d[^\s]*[/]/.test(chunkAround(text, t.start, t.end))) return;
    // "ANKARA announced": a town in capitals stands for its government
    if (t.text.length >= 4 && placeNamed(titleCased(t.text))) return;
    // "KABUL, Afghanistan (May 2) –", "BAGHDAD - ": a dateline's town in capitals, not an organisation.
    if (
      (t.start === 0 || text[t.start - 1] === '\n') &&
      /^(?:, \p{Lu}|\s+[-–—]\s)/u.test(text.slice(t.end, t.end + 3))
    )
      return;
    if (overlapsAny(t.start, t.end, known) || overlapsAny(t.start, t.end, out)) return;
    const defined = text[t.start - 1] === '(' && text[t.end] === ')';
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    const actor =
      (next !== undefined && next.sentence === t.sentence && ACTOR_NEXT.test(next.text)) ||
      (prev !== undefined && prev.sentence === t.sentence && ACTOR_BEFORE.test(prev.text));
    const confidence = defined ? 0.9 : actor ? 0.75 : 0.5;
    push({ kind: 'org', name: t.text, matched: t.text, start: t.start, end: t.end, confidence });
  });
  // "the Asad regime", "the Maduro regime": a government named after its man is an organisation.
  if (text.includes(' regime'))
    for (const m of text.matchAll(MAN_REGIME)) {
      const man = m[1]?.replace(/^(?:The|A|An) /, '');
      if (!man || m.index === undefined || NOT_GROUP_NAME.test(man)) continue;
      const start = m.index + m[0].lastIndexOf(man);
      const end = m.index + m[0].length;
      // "Assad’s brutal regime" is written so; its name is "Assad regime".
      push({
        kind: 'org',
        name: `${man} regime`,
        matched: text.slice(start, end),
        start,
        end,
        confidence: 0.7,
      });
    }
  // "Coalition aircraft struck …", "the Coalition said": written with a capital inside a sentence,
  // the word names one coalition, as a short form of its name.
  const short = tokens.filter(
    (t, i) => SHORT_ORG.test(t.text) && !/^\p{Lu}/u.test(tokens[i - 1]?.text ?? 'x'),
  );
  if (short.some((t) => !t.sentenceStart && !titleCase(t.start, t.end)))
    for (const t of short)
      if (!titleCase(t.start, t.end) && !overlapsAny(t.start, t.end, known))
        push({ kind: 'org', name: t.text, matched: t.text, start: t.start, end: t.end, confidence: 0.6 });
  const rare = (word: string) => !givenNames.has(word) && !listed(word) && !writtenLowercase(word);
  // "Tsarnaev, then 19, … Dzhokhar Tsarnaev opens": a given name (or a rare word) before a surname
  // the text shows to be a person's makes a person's full name.
  for (const p of [...out]) {
    if (p.kind !== 'person' || !/^\p{Lu}\p{Ll}{3,}$/u.test(p.name)) continue;
    for (const m of text.matchAll(
      new RegExp(String.raw`(?<![${LETTER}'’.-])([${UP}][${LOW}]{2,}) ${p.name}(?![${LETTER}-])`, 'gu'),
    )) {
      const first = m[1]!;
      if (CLAUSE_OPENER.test(first) || TITLE_ALONE.test(first) || NOT_NAME_WORDS.test(first)) continue;
      if (NOT_A_NAME_ALONE.test(first) || !(givenNames.has(first) || rare(first))) continue;
      if (/\p{Lu}[\p{L}'’-]* $/u.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
      push({
        kind: 'person',
        name: m[0],
        matched: m[0],
        start: m.index,
        end: m.index + m[0].length,
        confidence: 0.65,
      });
    }
  }
  for (const p of surnamesAlone(text, out, known, knownNames, storyPeople, rare)) push(p);
  // "Gates said", "Yanukovych told": one word no list knows, speaking, is a person's surname. Not
  // after an article or another capital, not a plural or a people, not a word the text writes in
  // lowercase.
  if (SPEAKS_CUE.test(text))
    for (const m of text.matchAll(LONE_SPEAKER)) {
      const word = m[1] ?? '';
      const start = m.index ?? 0;
      const end = start + word.length;
      if (NOT_A_NAME_ALONE.test(word) || NOT_NAME_WORDS.test(word) || PLURAL_NOUN.test(word)) continue;
      if (writtenLowercase(word) || /(?:ese|ian|ish|ans)$/.test(word)) continue;
      // A listed place, organisation or given name ("Tehran said" is its government; "Gordon" whose?).
      if (listed(word) || givenNames.has(word) || TITLE_ALONE.test(word)) continue;
      if (overlapsAny(start, end, known) || overlapsAny(start, end, out)) continue;
      if (
        // (a capital word ending a sentence, "…Fleur van Dissel. Kiraithe says", opens no longer
        // name; an abbreviation does: "U.S. Embassy said", "Gen. Rahimi said")
        /(?:\b(?:[Tt]he|an?|its|their|his|her|our)|\p{Lu}[\p{L}'’-]*|(?:\p{Lu}\.)+|\b\p{Lu}\p{Ll}{0,3}\.) $/u.test(
          text.slice(Math.max(0, start - 20), start),
        )
      )
        continue;
      push({ kind: 'person', name: word, matched: word, start, end, confidence: 0.55 });
    }
  return out.sort((a, b) => a.start - b.start);
}

/** The confidence of a surname alone that names a person only an earlier update of the story named in full. */
const STORY_SURNAME_CONFIDENCE = 0.6;

/**
 * "Gen. Gary Volesky said … Volesky added": once a text, or an earlier update of its story, names a
 * person in full, the surname alone (with or without its article: "al-Zarqawi", "Zarqawi") is that
 * person again, where it is not part of a longer capitalised run and nothing else was found there.
 * So is the full name again when an earlier update named it, and a first name alone ("Dzhokhar")
 * that is that person's alone and `rare`: no common given name ("John" could be anyone), no word a
 * list knows or the text writes in lower case.
 */
function surnamesAlone(
  text: string,
  found: PatternName[],
  known: { start: number; end: number }[],
  knownNames: { start: number; end: number }[],
  storyPeople: readonly string[],
  rare: (word: string) => boolean,
): PatternName[] {
  const out: PatternName[] = [];
  const here = new Set(found.map((p) => p.name));
  const earlier = storyPeople
    .filter((name) => !here.has(name))
    .map((name) => ({ kind: 'person' as const, name, confidence: STORY_SURNAME_CONFIDENCE }));
  const people = [...found, ...earlier].filter((p) => p.kind === 'person');
  const firstNames = new Map<string, number>();
  for (const p of new Set(people.map((q) => q.name))) {
    const [first, ...rest] = p.split(' ');
    if (first && rest.length > 0) firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  const NAME_FORM = /^\p{Lu}\p{Ll}[\p{L}'’-]*$|^[A-Z]{4,}$/u;
  for (const p of people) {
    const words = p.name.split(' ');
    const last = words[words.length - 1];
    if (words.length < 2 || last === undefined || NOT_NAME_WORDS.test(last)) continue;
    const bare = last.replace(/^(?:al|el)-/, '');
    // Letters, apostrophes and hyphens only: the forms go into a pattern as they are.
    if (bare.length < 4 || !NAME_FORM.test(bare)) continue;
    const forms = new Set([last, bare[0]!.toUpperCase() + bare.slice(1)]);
    // "Mr. Volesky", found by its title on its own, is the same man.
    for (const q of found) if (q.kind === 'person' && forms.has(q.name)) q.name = p.name;
    const first = words[0]!;
    const rareFirst =
      first.length >= 4 &&
      NAME_FORM.test(first) &&
      firstNames.get(first) === 1 &&
      rare(first) &&
      !NOT_NAME_WORDS.test(first) &&
      !NOT_GROUP_NAME.test(first) &&
      !NOT_PERSON_HEAD.test(first) &&
      !NOT_A_NAME_ALONE.test(first);
    const patterns = [...forms];
    if (rareFirst) {
      patterns.push(first);
      for (const q of found) if (q.kind === 'person' && q.name === first) q.name = p.name;
    }
    if (!here.has(p.name) && words.every((w) => /^[\p{L}'’.-]+$/u.test(w)))
      patterns.push(words.map((w) => w.replace(/\./g, '\\.')).join(' '));
    for (const form of patterns)
      for (const m of text.matchAll(
        new RegExp(String.raw`(?<![${LETTER}'’-])${form}(?![${LETTER}-]|['’](?!s\b)[${LETTER}])`, 'gu'),
      )) {
        const start = m.index;
        const end = start + m[0].length;
        if (
          overlapsAny(start, end, found) ||
          overlapsAny(start, end, knownNames) ||
          overlapsAny(start, end, out)
        )
          continue;
        // A town spelled like the surname ("Dayton", "Holloway") gives way to the person, unless a
        // locative word puts the town there ("in Dayton").
        if (
          overlapsAny(start, end, known) &&
          LOCATIVE_BEFORE.test(text.slice(Math.max(0, start - 12), start))
        )
          continue;
        // Inside another run of capitals ("the Volesky Brigade", "Ali Volesky") it is someone or
        // something else; after a sentence's end ("in Pakistan. Volesky arrived") or a title with its
        // stop ("Gen. Volesky") it is not inside one.
        if (/\p{Lu}[\p{L}'’-]* $/u.test(text.slice(Math.max(0, start - 20), start))) continue;
        if (/^ \p{Lu}/u.test(text.slice(end, end + 2))) continue;
        out.push({ kind: 'person', name: p.name, matched: m[0], start, end, confidence: p.confidence });
      }
  }
  return out;
}
