/**
 * Rules for wording real conflict reporting uses (issue 13): each test is a sentence written for
 * it, and the name, place or date that must (or must not) come out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const enrich = (text: string, storyCountries: string[] = []) =>
  enricher.enrich(text, { published: '2024-05-10T12:00:00Z', storyCountries });
const place = (text: string, matched: string, storyCountries: string[] = []) =>
  enrich(text, storyCountries).places.find((p) => p.matched === matched);

test('a state wins over a small town of its name in another state, not over its own capital', () => {
  // Michoacan is a state and a village elsewhere in Mexico; Morelos also a spelling of Ecatepec.
  assert.equal(
    place('Gunmen killed five police officers in Michoacan.', 'Michoacan', ['MX'])?.kind,
    'region',
  );
  assert.equal(place('Two men were shot dead in Morelos.', 'Morelos', ['MX'])?.name, 'Morelos');
  // A big town by another full spelling stays the town ("Kiev" is Kyiv, not Kyiv Oblast).
  assert.equal(place('Drones hit Kiev overnight.', 'Kiev', ['UA'])?.kind, 'city');
  // Kunduz the town lies in Kunduz province: the town, as before.
  assert.equal(place('Taliban fighters entered Kunduz overnight.', 'Kunduz', ['AF'])?.kind, 'city');
});

test('a demonym a state shares with a territory names the state', () => {
  const r = enrich('French forces killed a jihadist commander in the Menaka region.', ['ML']);
  assert.deepEqual(
    r.organizations.map((o) => o.name),
    ['France armed forces'],
  );
});

test('a listed group is found whichever way its Arabic article is written', () => {
  for (const text of [
    'An AlQaeda affiliate attacked the base.',
    'Al-Qaida-linked militants attacked a police post.',
    'Fighters loyal to Al Qaeda were killed.',
  ])
    assert.deepEqual(
      enrich(text).organizations.map((o) => o.name),
      ['al-Qaeda'],
      text,
    );
});

const people = (text: string, storyCountries: string[] = []) =>
  enrich(text, storyCountries).people.map((p) => p.name);

test('titles and ranks real reports put before a name mark a person, the title left out', () => {
  assert.deepEqual(people('Former MP Abdul Rahman Rahmani shot dead in Kabul.', ['AF']), [
    'Abdul Rahman Rahmani',
  ]);
  assert.deepEqual(people('Al-Shabaab claims killing of MP Abdullahi Nur.', ['SO']), ['Abdullahi Nur']);
  assert.deepEqual(people('Lt. Col. Abu Ali killed in an ambush.', ['NG']), ['Abu Ali']);
  assert.deepEqual(people('Herders kill Catholic priest Rev. Fr. Paul Offu in Enugu.', ['NG']), [
    'Paul Offu',
  ]);
  assert.deepEqual(people('Police officer Muhammad Aslam shot dead in Quetta.', ['PK']), ['Muhammad Aslam']);
  assert.deepEqual(people('Journalist Javier Valdez killed in Sinaloa.', ['MX']), ['Javier Valdez']);
  assert.deepEqual(people('Sarpanch Ajay Pandita shot dead in Anantnag.', ['IN']), ['Ajay Pandita']);
  // and a role in the commas after it, abbreviations in the description too
  assert.deepEqual(people('Officials say Abu Saeed, a top lieutenant of the emir, was killed.', ['IQ']), [
    'Abu Saeed',
  ]);
  assert.deepEqual(people('Troops detained Hamza Taufiq, a U.S. loyalist, near Mosul.', ['IQ']), [
    'Hamza Taufiq',
  ]);
  assert.deepEqual(people('Police identified the dead gunman as Orlandez Gamboa.', ['IQ']), [
    'Orlandez Gamboa',
  ]);
});

test('name particles of Romance and Arabic names stay inside the name', () => {
  assert.deepEqual(people('Social leader Maria del Pilar Hurtado killed in Tierralta.', ['CO']), [
    'Maria del Pilar Hurtado',
  ]);
  assert.deepEqual(people('Death of Hamza Bin Laden confirmed.'), ['Hamza Bin Laden']);
});

test('a role, an age or a victim cue marks a person even when a town shares one of the words', () => {
  assert.deepEqual(people('Zahran Alloush, leader of Jaysh al-Islam, killed in air strike.', ['SY']), [
    'Zahran Alloush',
  ]);
  assert.deepEqual(people('Mohammed Khan, a tribal elder, was killed.', ['SY']), ['Mohammed Khan']);
  assert.deepEqual(people('Taliban kill Haji Mohammad Nabi in Helmand.', ['AF']), ['Mohammad Nabi']);
  assert.deepEqual(people('Two killed including Mohammad Ali and Zafar Iqbal.', ['PK']), [
    'Mohammad Ali',
    'Zafar Iqbal',
  ]);
  assert.deepEqual(people('Abdul Rashid Dostum survives attack.', ['AF']), ['Abdul Rashid Dostum']);
  // "X's forces" are a man's: the possessive is not part of his name.
  assert.deepEqual(people('Gen. Paul Malong’s forces clash with the army.', ['SS']), ['Paul Malong']);
});

test('a title that begins a place name does not make a person', () => {
  for (const text of [
    'Militants attack checkpoint in Sheikh Zuweid.',
    'Regime shells Sheikh Miskin in Daraa.',
    'Sheikh Maqsoud neighbourhood shelled.',
  ])
    assert.deepEqual(people(text, ['SY']), [], text);
});

const orgs = (text: string, storyCountries: string[] = []) =>
  enrich(text, storyCountries).organizations.map((o) => o.name);

test('a group no list knows is found in the actor slot of a clash or an attack', () => {
  assert.deepEqual(orgs('18 soldiers killed in clash with Bangsa Khalifa.', ['PH']), ['Bangsa Khalifa']);
  assert.deepEqual(orgs('Civilians killed in ambush by Raia Mutomboki.', ['CD']), ['Raia Mutomboki']);
  assert.deepEqual(orgs('Clashes between Dozo hunters and Fulani in Mopti.', ['ML']).sort(), [
    'Dozo',
    'Fulani',
  ]);
  // A man's name before "forces", a descriptor, a known place: not a group.
  assert.deepEqual(orgs('Clashes between the STC and Hadi forces.', ['YE']), [
    'Southern Transitional Council',
  ]);
  assert.deepEqual(orgs('Clashes with unknown gunmen in Daraa.', ['SY']), []);
  // What lies between two places is no clash: the road, the area between them.
  assert.deepEqual(
    orgs('Gunmen ambushed a bus on the road between Deir Ezzor city and Mayadin.', ['SY']),
    [],
  );
  assert.deepEqual(
    orgs('Turkish drones struck several spots in the area between Tal Tamr and Abu Rasin overnight.', ['SY']),
    [],
  );
  assert.deepEqual(orgs('Tensions rose between Harakat Hazm and Jaysh al-Izza.', ['SY']).sort(), [
    'Harakat Hazm',
    'Jaysh al-Izza',
  ]);
});

test('a head word after descriptors alone is not an organisation', () => {
  assert.deepEqual(orgs('Six Anti-Government Militias Kill During Clashes with ANDSF.', ['AF']), ['ANDSF']);
  assert.deepEqual(orgs('Government Forces Shell Rebel Positions.', ['SY']), []);
  assert.deepEqual(orgs('Pro-Government Militia commander killed in Faryab.', ['AF']), []);
  // in a title-case headline the name starts after the headline's verb
  assert.deepEqual(orgs('Taliban Kill Former Police Chief Abdul Wahid In Kunduz', ['AF']), ['Taliban']);
  assert.deepEqual(orgs('Two Soldiers Killed Near Boni, Says Army Spokesman Souleymane Dembele', ['ML']), []);
});

test('"Anti-" names a group when what follows is not what it is against', () => {
  assert.deepEqual(orgs('Anti-balaka militia attack peacekeepers in Bangassou.', ['CF']), ['Anti-balaka']);
  assert.deepEqual(orgs('Anti-Balaka fighters kill five.', ['CF']), ['Anti-Balaka']);
  assert.deepEqual(orgs('Ras Kamboni forces retook the town.', ['SO']), ['Ras Kamboni']);
});

test('a people named before "community" or "villages" is the people, not an armed group', () => {
  assert.deepEqual(orgs('Many feared killed as militia attacks Tiv community in Taraba.', ['NG']), []);
});

test('a place the text marks is found under another transliteration of its name in the story’s country', () => {
  assert.equal(place('Soldiers were killed in the vicinity of Morak town.', 'Morak', ['SY'])?.name, 'Murak');
  assert.equal(
    place('Russian warplanes strike Maarat al-Numan.', 'Maarat al-Numan', ['SY'])?.name,
    'Ma‘arrat an Nu‘man',
  );
  assert.equal(place('Turkish forces shell Tal Rifaat.', 'Tal Rifaat', ['SY'])?.name, 'Tall Rif‘at');
  // Before "countryside" or "governorate" it is the region.
  assert.equal(
    place('Gunmen attack a convoy in Deir Ezzor countryside.', 'Deir Ezzor', ['SY'])?.kind,
    'region',
  );
  // Not without a cue, not abroad, not for common words.
  assert.equal(place('Morak said nothing.', 'Morak', ['SY']), undefined);
  assert.equal(place('Soldiers were killed near Morak.', 'Morak', ['AF']), undefined);
  assert.deepEqual(
    enrich('Clashes in the Defense Ministry area and near the Human Rights office.', ['SY']).places,
    [],
  );
});

test('a name before "commander" or "leader" is the group the man belongs to, not the man', () => {
  const r = enrich('Explosion kills Sultan Qadir Division commander.', ['SY']);
  assert.deepEqual(
    r.people.map((p) => p.name),
    [],
  );
  assert.deepEqual(
    r.organizations.map((o) => o.name),
    ['Sultan Qadir Division'],
  );
  assert.deepEqual(people('Encounter kills Hizbul Mujahideen commander in Pulwama.', ['IN']), []);
  // Peoples' adjectives and common nouns before "leaders" stay what they are.
  assert.deepEqual(orgs('European leaders gathered in Berlin on Monday.'), []);
  assert.deepEqual(orgs('Prayer leader, ANA official gunned down in Farah.', ['AF']), ['ANA']);
});

test('a Syrian armed group that UCDP codes is an organisation, however the news spells it', () => {
  // Imported from GED's Syria events: written like a man's name, it is the Zenki movement.
  assert.deepEqual(people('Tensions rose between Nour al-Din al-Zenki and its rivals.', ['SY']), []);
  assert.deepEqual(orgs('Tensions rose between Nour al-Din al-Zenki and its rivals.', ['SY']), [
    'Nour al-Din al-Zenki',
  ]);
  assert.deepEqual(orgs('Sham Legion fighters and Hayyaat Tahrir Al-Sham clashed again.', ['SY']).sort(), [
    'Hayat Tahrir al-Sham',
    'Sham Legion',
  ]);
});

test('a news agency is an organisation, not a town, and says nothing of where the story is', () => {
  const text = 'Xinhua said the blast hit a market; Reuters and AFP could not confirm it.';
  assert.deepEqual(orgs(text).sort(), ['Agence France-Presse', 'Reuters', 'Xinhua']);
  assert.deepEqual(enrich(text).places, []);
  // A one-word group's name after a given name is a correspondent's surname.
  assert.deepEqual(people("VOA's Brian Wagner reports from the camp."), ['Brian Wagner']);
  assert.deepEqual(orgs("VOA's Brian Wagner reports from the camp."), ['Voice of America']);
  assert.deepEqual(orgs('Wagner fighters left the base.'), ['Wagner Group']);
  // The agency's country (France) does not make New Jersey a region abroad.
  const places = enrich('A fire gutted a warehouse in Kearny, New Jersey, AFP reported.').places;
  assert.deepEqual(
    places.map((p) => `${p.matched} ${p.country}`),
    ['Kearny US', 'New Jersey US'],
  );
});

test('a listed group is found when the text writes its name in lowercase or by its own spelling', () => {
  assert.deepEqual(orgs('Islamic state militants attacked the checkpoint.'), ['Islamic State']);
  assert.deepEqual(orgs('Police blamed Jamaah Ansharut Daulah for the bombing.', ['ID']), [
    'Jamaah Ansharut Daulah',
  ]);
});

test("a listed person's one-word name after another given name is someone else of that family", () => {
  assert.deepEqual(people('Ivanka Trump said the plan was good.'), ['Ivanka Trump']);
  assert.deepEqual(people('Sher Mohammad Akhundzada was wounded in Helmand.', ['AF']), []);
  // a title, a word of the person's own name or a sentence's function word leaves the person
  assert.deepEqual(people('But President Trump said it.'), ['Donald Trump']);
  assert.deepEqual(people('On Monday Putin flew to Minsk.'), ['Vladimir Putin']);
  assert.deepEqual(people('Party chairman Asif Zardari says the coalition is weak.', ['PK']), [
    'Asif Ali Zardari',
  ]);
  // a country's name opening a name the cue marks is a given name, and no country
  const mayor = enrich('The mayor of Tacambaro, Salvador Bastida Garcia, was shot dead.', ['MX']);
  assert.deepEqual(
    mayor.people.map((p) => p.name),
    ['Salvador Bastida Garcia'],
  );
  assert.deepEqual(mayor.countries, []);
  // "PTI" in Pakistan is the party, not the Press Trust of India
  assert.deepEqual(orgs('Police arrested PTI leader Malik Ahmed Khan in Bannu.', ['PK']), ['PTI']);
});

test("a country's troops, special forces and gendarmerie are its forces; its soldiers stay people", () => {
  const orgsOf = (text: string) => enrich(text).organizations.map((o) => [o.name, o.matched[0]]);
  assert.deepEqual(orgsOf('Turkish troops shelled the village.'), [
    ['Turkish Armed Forces', 'Turkish troops'],
  ]);
  assert.deepEqual(orgsOf('Nigeria troops repelled the attack.'), [
    ['Nigerian Armed Forces', 'Nigeria troops'],
  ]);
  assert.deepEqual(orgsOf('Iraqi special forces raided a house.'), [
    ['Iraqi Security Forces', 'Iraqi special forces'],
  ]);
  assert.deepEqual(orgsOf('Turkish gendarmerie detained three men.'), [
    ['Turkey gendarmerie', 'Turkish gendarmerie'],
  ]);
  assert.deepEqual(orgsOf('Two Turkish soldiers were wounded.'), []);
});

test('a hyphen between a force and a name joins two sides, not one word', () => {
  const orgsOf = (text: string) => enrich(text).organizations.map((o) => o.name);
  assert.deepEqual(orgsOf('Kurdish media say army-PKK clashes go on.'), ['PKK']);
  assert.deepEqual(orgsOf('Four killed in Philippine army-Muslim rebel clash.'), [
    'Armed Forces of the Philippines',
  ]);
  assert.deepEqual(orgsOf('Government-ELN talks resumed.'), ['ELN']);
});

test('a listed acronym of four letters or more is found in title case, unless it is an English word', () => {
  const orgsOf = (text: string) => enrich(text).organizations.map((o) => o.name);
  assert.deepEqual(orgsOf('A Farc rebel leader was killed in a raid.'), [
    'Revolutionary Armed Forces of Colombia',
  ]);
  assert.deepEqual(orgsOf('Isil fighters withdrew from the town.'), ['Islamic State']);
  assert.deepEqual(orgsOf('The two sides agreed to mend ties.'), []);
});

test('a broadcaster or news agency is found by its name and what it is', () => {
  const orgsOf = (text: string) => enrich(text).organizations.map((o) => o.matched[0]);
  assert.deepEqual(orgsOf('Gali Kurdistan Satellite TV reported the clash.'), [
    'Gali Kurdistan Satellite TV',
  ]);
  assert.deepEqual(orgsOf('Kabul: Afghan Bayan Radio said five were killed.'), ['Bayan Radio']);
  // no name before it: state TV, a radio
  assert.deepEqual(orgsOf('State TV said rebels attacked the town.'), []);
});

test("a town's police, a country's parliament and General Staff are organisations", () => {
  const orgsOf = (text: string) => enrich(text).organizations.map((o) => o.name);
  assert.deepEqual(orgsOf('A radical was killed in Istanbul police raids.'), ['Istanbul police']);
  assert.deepEqual(orgsOf('Two men were shot near a Kano police station.'), []);
  assert.deepEqual(orgsOf('Turkish General Staff says a PKK member was killed.'), [
    'PKK',
    'Turkey General Staff',
  ]);
  assert.deepEqual(orgsOf("Turkey's parliament voted on the motion."), ['Turkey parliament']);
});

test('capitals in a document symbol or a town shouted in capitals are no organisations', () => {
  const orgsOf = (text: string) => enrich(text).organizations.map((o) => o.name);
  assert.deepEqual(orgsOf('Report of the Commission: A/HRC/37/CRP.2.'), []);
  assert.deepEqual(orgsOf('ANKARA announced that three militants were killed.'), []);
  // a photo agency after a slash stays one
  assert.deepEqual(orgsOf('Photograph: Handout/EPA'), ['EPA']);
});

test('a headline shouted in capitals is read as title case, and its spellings are given as written', () => {
  const r = enrich('NO ESCAPE: CIVILIAN HARM DURING THE FALL OF AFGHANISTAN TO THE TALIBAN.');
  assert.deepEqual(
    r.organizations.map((o) => [o.name, o.matched]),
    [['Taliban', ['TALIBAN']]],
  );
  assert.deepEqual(
    r.places.map((p) => [p.name, p.matched]),
    [['Afghanistan', 'AFGHANISTAN']],
  );
  // an acronym the lists know stays one; a name the patterns take keeps the text's capitals
  assert.deepEqual(
    enrich('TURKISH JETS STRIKE PKK TARGETS IN NORTHERN IRAQ.').organizations.map((o) => o.name),
    ['PKK'],
  );
  assert.deepEqual(
    enrich('CASES OF CIVILIAN CASUALTIES IN COMBINED JOINT TASK FORCE OPERATIONS.').organizations.map(
      (o) => o.name,
    ),
    ['COMBINED JOINT TASK FORCE'],
  );
});

test('organisations in headlines: peoples, counts, prepositions and describing words are no part of a name', () => {
  const orgsOf = (text: string) => enrich(text).organizations.map((o) => o.name);
  assert.deepEqual(orgsOf('Philippine troops killed five Abu Sayyaf militants.'), [
    'Abu Sayyaf Group',
    'Armed Forces of the Philippines',
  ]);
  assert.deepEqual(orgsOf('Arab, Uzbek fighters among 13 killed in air strikes.'), []);
  assert.deepEqual(orgsOf('Clashes Between Forces Unsettle Western Equatoria State.'), []);
  assert.deepEqual(orgsOf('Fresh Arakan Army Attack Kills Nine Police in Rakhine.'), ['Arakan Army']);
  assert.deepEqual(orgsOf('Unarmed militia killed in the south by leftist rebels.'), []);
  assert.deepEqual(orgsOf('The Commission on Human Rights in South Sudan said 40 people died.'), [
    'Commission on Human Rights',
  ]);
  assert.deepEqual(orgsOf('A colonel and two gunmen were killed in KP province, the VP said.'), []);
  // a shouted headline keeps an acronym no list knows in capitals, and finds it as a group
  assert.deepEqual(orgsOf('THREE GSA REBELS KILLED.'), ['GSA']);
});

test("a person's relatives mark the person; a faith alone is nobody", () => {
  const peopleOf = (text: string) => enrich(text).people.map((p) => p.name);
  assert.deepEqual(
    peopleOf('Twenty fighters, including 3 relatives of Basit Usman, were killed in the clash.'),
    ['Basit Usman'],
  );
  assert.deepEqual(peopleOf('Muslim cleric, Christian pastor killed in Nigeria.'), []);
  assert.deepEqual(peopleOf('Christian Malanga led the attack on the palace.'), ['Christian Malanga']);
});

test("a group's man is a person by the name the text gives him; its service or trade is not", () => {
  const peopleOf = (text: string) => enrich(text).people.map((p) => p.name);
  assert.deepEqual(peopleOf("Aide to Islamic State's Baghdadi killed near Falluja."), ['Baghdadi']);
  assert.deepEqual(peopleOf("The law would let VOA's Persian service grow."), []);
  assert.deepEqual(peopleOf("The Taliban's Kandahar offensive stalled."), []);
});

test("a village put in a country's region ('in Ukraine's Kharkiv region') is looked for in that region", () => {
  // The built-in lists know a Hrushivka in Chernivtsi oblast only: placed at the named region
  // instead, for an editor to pin.
  const village = place(
    "Shelling hit the village of Hrushivka in Ukraine's Kharkiv region overnight.",
    'Hrushivka',
  );
  assert.equal(village?.precision, 'approximate');
  assert.equal(village?.admin1, 'Kharkiv');
});

test('"X (Kupiansk district, Kharkiv region)" puts X in the named area, type words and all', () => {
  const village = place('Shelling hit Hrushivka (Kupiansk district, Kharkiv region) overnight.', 'Hrushivka');
  assert.equal(village?.precision, 'approximate');
  assert.equal(village?.admin1, 'Kharkiv');
});
