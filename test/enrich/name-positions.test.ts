/**
 * People no list knows, found by where their names stand (issue 13, fourth pass), and date forms
 * report prose uses: each test is a sentence written for it, with what must (or must not) come out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const enrich = (text: string) => enricher.enrich(text, { published: '2019-07-10T12:00:00Z' });
const people = (text: string) => enrich(text).people.map((p) => p.name);
const dates = (text: string) => enrich(text).dates.map((d) => [d.text, d.start.slice(0, 10)]);

test('what only people do after a name marks it', () => {
  assert.deepEqual(people('The bomb went off as Karim Osei Mensah told reporters about the talks.'), [
    'Karim Osei Mensah',
  ]);
  assert.deepEqual(people('Two days later Tarvo was arrested at the border.'), ['Tarvo']);
  assert.deepEqual(people('Rockets hit a house owned by Jalil Nasruddin Hotak, who escaped unhurt.'), [
    'Jalil Nasruddin Hotak',
  ]);
  assert.deepEqual(people('Among the dead was Amina Yusuf Garba (34), a teacher.'), ['Amina Yusuf Garba']);
  // a pronoun, a place or a description is not a name
  assert.deepEqual(people('He was arrested in Mosul on Tuesday.'), []);
  assert.deepEqual(people('The attacker, an Uzbek Takfiri who had entered illegally, was caught.'), []);
});

test('a reflexive, an attacker’s act or an age next to a name marks it', () => {
  assert.deepEqual(people('Then Artan blew himself up.'), ['Artan']);
  assert.deepEqual(people('He blew himself up near the gate.'), []);
  assert.deepEqual(people('The blast came when Kasim Redwan Uddin detonated a vest.'), [
    'Kasim Redwan Uddin',
  ]);
  assert.deepEqual(people('Police said Kasim Redwan Uddin, a 22-year-old, acted alone.'), [
    'Kasim Redwan Uddin',
  ]);
  assert.deepEqual(people('The 22-year-old student Kasim Redwan Uddin was held.'), ['Kasim Redwan Uddin']);
  assert.deepEqual(people('A 19-year-old Palestinian stabbed a guard.'), []);
});

test('what only people have marks the name that owns it', () => {
  assert.deepEqual(people("Gunmen stormed Idris Bakare Lawal's home before dawn."), ['Idris Bakare Lawal']);
  assert.deepEqual(people('Mourners at the funeral of Soraya Behzadi Nouri were fired on.'), [
    'Soraya Behzadi Nouri',
  ]);
  assert.deepEqual(people("Kowalczuk's lawyers appealed, and Abasova's kidnappers asked for money."), [
    'Kowalczuk',
    'Abasova',
  ]);
  // a country's or a group's possessions are not a person's
  assert.deepEqual(people("Syria's army shelled the town."), []);
  assert.deepEqual(people("Moscow's spokesman denied it."), []);
  // nor a common noun's that opens a caption
  assert.deepEqual(people("Child's body pulled from rubble after the strike."), []);
  assert.deepEqual(people("Children's hospital hit by artillery."), []);
});

test('roles and ranks reports use before a name mark it', () => {
  assert.deepEqual(people('Local politician Ruslan Tagirov Beslan was shot outside his office.'), [
    'Ruslan Tagirov Beslan',
  ]);
  assert.deepEqual(people('The suspect, Hamza Idrisov, was detained.'), ['Hamza Idrisov']);
  assert.deepEqual(people('Police named the victim as Lena Marquardt.'), ['Lena Marquardt']);
  assert.deepEqual(people('Representative Odile Prasker of Ohio sent a letter.'), ['Odile Prasker']);
  assert.deepEqual(people('Correspondent Tavish Oyelaran filed from Lagos.'), ['Tavish Oyelaran']);
  // a weekday after a role is a date, not a name
  assert.deepEqual(people('The victim Tuesday was a farmer from the village.'), []);
});

test('a title-case headline role marks the name after it, which ends before the next small word', () => {
  assert.deepEqual(people('Gunmen Kill Tribal Elder Rahimullah Zadran In Paktia'), ['Rahimullah Zadran']);
  assert.deepEqual(people('Militants Shoot Dead Politician Arjun Prasad Koirala'), ['Arjun Prasad Koirala']);
  // the role with no name after it names nobody
  assert.deepEqual(people('Doctor Abducted In Borno'), []);
  assert.deepEqual(people('Opposition Leader Says Vote Was Rigged'), []);
});

test('who a person is in a report (refugee, student, asylum seeker) marks the name; surnames may hold a second capital', () => {
  assert.deepEqual(people('A Syrian refugee, Karim Bouzid, stabbed three people.'), ['Karim Bouzid']);
  assert.deepEqual(people("Police shot student Liam O'Sullivan McNally near the gate."), [
    "Liam O'Sullivan McNally",
  ]);
  assert.deepEqual(people('The student Union condemned the attack.'), []);
});

test('names after a plural role, beside "and his wife", after "attempt on" are people', () => {
  assert.deepEqual(people('Gunmen killed journalists Ana Ruiz Delgado and Luis Ortega Paz in Veracruz.'), [
    'Ana Ruiz Delgado',
    'Luis Ortega Paz',
  ]);
  assert.deepEqual(people('The convoy carried Nasrat Wali Zadran and his bodyguards to the border.'), [
    'Nasrat Wali Zadran',
  ]);
  assert.deepEqual(people('An assassination attempt on Gerald Mbeki Tshabalala failed.'), [
    'Gerald Mbeki Tshabalala',
  ]);
  // a unit's base after a plural role is no person
  assert.deepEqual(people('Rockets hit soldiers Camp Bastion had sheltered.'), []);
});

test('a side named after its man names the man, not a group', () => {
  assert.deepEqual(people('The hijackers were pro Delacroix militants from the south.'), ['Delacroix']);
  assert.deepEqual(people('Pro-Western and pro-Turkish militias clashed in the north.'), []);
  assert.deepEqual(people('Fighters loyal to Tarik Wendo Okassa attacked a checkpoint.'), [
    'Tarik Wendo Okassa',
  ]);
  assert.deepEqual(people('The militia of Oruno Kamesa raided the market.'), ['Oruno Kamesa']);
  // a known group or a country after the same words stays what it is
  assert.deepEqual(people('Fighters of Hayat Tahrir al-Sham and forces of South Sudan moved in.'), []);
});

test('two full names before an act only people suffer are both people, a place word inside one too', () => {
  assert.deepEqual(people('Residents said Selu Kamaro and Aminata Bakoro were abducted.'), [
    'Selu Kamaro',
    'Aminata Bakoro',
  ]);
  assert.deepEqual(people('Police said Luis Ortega Herrera and Ana Ruiz were killed.'), [
    'Luis Ortega Herrera',
    'Ana Ruiz',
  ]);
  assert.deepEqual(people('Sierra Leone and Burkina Faso were hit by floods.'), []);
});

test('a run of capitals that opens with a listed given name is a person', () => {
  // "Mohammed" opens listed names; the rest of this man's name is in no list
  assert.deepEqual(people('Troops fired on a car carrying Mohammed Rafiq Durrani near the border.'), [
    'Mohammed Rafiq Durrani',
  ]);
  // a building, a base, a road or a village named after a man is not the man
  assert.deepEqual(people('Shells hit the Mohammed Rafiq Durrani Hospital at night.'), []);
  assert.deepEqual(people('Rockets hit Salman Bin Abdulaziz Airbase near the coast.'), []);
  assert.deepEqual(people('Shells fell near Hassan Abdi Road.'), []);
  assert.deepEqual(people('Drones struck Ali Khel village.'), []);
});

test('abbreviated months beside a day and fixed feasts are dates', () => {
  assert.deepEqual(dates('A bomb exploded on Jan. 21 near the market.'), [['Jan. 21', '2019-01-21']]);
  assert.deepEqual(dates('He spoke at his Jan.14th press conference; Mar5 is a code.'), [
    ['Jan.14th', '2019-01-14'],
  ]);
  assert.deepEqual(dates('The attack of Sept. 11, 2018 was remembered.'), [['Sept. 11, 2018', '2018-09-11']]);
  assert.deepEqual(dates('Gunmen attacked on 4 Jul 2019.'), [['on 4 Jul 2019', '2019-07-04']]);
  assert.deepEqual(dates('A church was bombed on Christmas Day.'), [['Christmas Day', '2018-12-25']]);
  assert.deepEqual(dates("Revellers were shot on New Year's Eve 2016."), [
    ["New Year's Eve 2016", '2016-12-31'],
  ]);
  // "Mar" alone is a word or a name, not March
  assert.deepEqual(dates('Clashes were reported in Mar Elias.'), []);
});

test('a surname alone after the full name is the same person, "Mr." and article forms too', () => {
  const r = enrich(
    'Gen. Marek Osterlund said the raid worked. Osterlund added that Mr. Osterlund would return to the Osterlund Barracks.',
  );
  assert.deepEqual(
    r.people.map((p) => [p.name, p.matched]),
    [['Marek Osterlund', ['Marek Osterlund', 'Osterlund']]],
  );
  assert.deepEqual(
    enrich(
      'The leader, Abu Talha al-Weheidi, was killed. Weheidi had led it; al-Weheidi’s death mattered.',
    ).people.map((p) => p.matched),
    [['Abu Talha al-Weheidi', 'Weheidi', 'al-Weheidi']],
  );
});

test('offices of state before a name mark it, after "from" too; a two-word title alone names nobody', () => {
  assert.deepEqual(people('US Secretary of State Dana Whitcombe met Defence Secretary Ola Brandt.'), [
    'Dana Whitcombe',
    'Ola Brandt',
  ]);
  assert.deepEqual(people('The Foreign Secretary, Imogen Hartley, said so.'), ['Imogen Hartley']);
  assert.deepEqual(people('The quote came from Spokesperson Lena Morvik.'), ['Lena Morvik']);
  assert.deepEqual(people('The Secretary General of the party spoke.'), []);
});

test('a kunya name is a man on an act only people suffer; a town spelled so stays a place', () => {
  assert.deepEqual(people('Abu Tarbush was killed in a raid on the house.'), ['Abu Tarbush']);
  assert.deepEqual(people('Abu Dhabi was hit by a drone.'), []);
});

test('who is quoted is a person: after the quote, before "said:", past a rank; a capital speaking is not', () => {
  assert.deepEqual(people('“We will not allow it,” said Oskarsen. “We act.”'), ['Oskarsen']);
  assert.deepEqual(people('“It is painful,” Vantrell said in a statement.'), ['Vantrell']);
  assert.deepEqual(people('Philip Hammond said: The talks will go on.'), ['Philip Hammond']);
  assert.deepEqual(people('“They fled,” said Col. Wendel Marsh of the joint command.'), ['Wendel Marsh']);
  assert.deepEqual(people('“We act,” said Moscow.'), []);
  // A full name that says or reports something, not a capital speaking for its government.
  assert.deepEqual(people('Tavish Oyelaran reports from Lagos.'), ['Tavish Oyelaran']);
  assert.deepEqual(people("The agency's Tavish Oyelaran says the count is done."), ['Tavish Oyelaran']);
  assert.deepEqual(people('Ankara says the YPG is an offshoot of the PKK.'), []);
  // Organisations named by what their members are, and a time of day, say things too.
  assert.deepEqual(people('Reporters Without Borders says the two men were jailed.'), []);
  assert.deepEqual(people('The Committee to Protect Journalists said the killing was planned.'), []);
  assert.deepEqual(people('Late Sunday, the health ministry said the boy was ill.'), []);
  assert.deepEqual(people('The next Chief Executive will complete the term.'), []);
  // A quote mark typed the wrong way round before the name still closes the quote.
  assert.deepEqual(people('“Tankers carry the fight, “Brannagh said. “Nobody flies without them.”'), [
    'Brannagh',
  ]);
});

test('an Arabic article written with a space stays inside a name', () => {
  assert.deepEqual(people('The attack was inspired by the preacher Anwar al Awlaki.'), ['Anwar al Awlaki']);
  assert.deepEqual(people('Fighters of Jaysh al Islam shelled the town.'), []);
});

test("a title of a place's office, then the name ending the sentence", () => {
  assert.deepEqual(people('Rebels killed the village chief of Mamove, Kakule Mbusa.'), ['Kakule Mbusa']);
  assert.deepEqual(people('The mayor of Kharkiv, Ihor Terekhov, said the city held.'), ['Ihor Terekhov']);
});

test('an aid worker, a driver or a volunteer before a name is a title', () => {
  assert.deepEqual(people('Fighters executed aid worker Hauwa Liman in the camp.'), ['Hauwa Liman']);
  assert.deepEqual(people('A Red Cross volunteer Halima Bello died of her wounds.'), ['Halima Bello']);
});

test('what a court or a prosecutor does to someone marks the name', () => {
  assert.deepEqual(people('Prosecutors accused Kowalczuk of beating a detainee.'), ['Kowalczuk']);
  assert.deepEqual(people('A court sentenced Aboubakar Djoumbe to ten years.'), ['Aboubakar Djoumbe']);
  // A place or a people accused is no one.
  assert.deepEqual(people('Kyiv accused Moscow of war crimes, and accused Russians of looting.'), []);
});

test('one word speaking after a sentence that ended on a name is a surname of its own', () => {
  assert.deepEqual(
    people('The suspects met Fleur van Dissel. Kiraithe says they entered the country in May.'),
    ['Fleur van Dissel', 'Kiraithe'],
  );
});

test('an embassy speaking or a faith targeted is no one', () => {
  assert.deepEqual(people('The U.S. Embassy said the agent was arriving in Baku on Friday.'), []);
  assert.deepEqual(people('Death squads are targeting Sunni Arabs in the capital.'), []);
});

test('one word a relative "who" follows, after a description, is a person', () => {
  assert.deepEqual(people('The FARC dissident Walterio, who shot dead three soldiers, was killed.'), [
    'Walterio',
  ]);
  assert.deepEqual(people('Rockets came from Gaza, where Hamas, who rule the strip, fired them.'), []);
  // A Spanish plural article opens a group's name, not a man's ("the killers of Los Damaso").
  assert.deepEqual(people('Police hunt the killers of Las Fuerzas Especiales de Los Damaso.'), []);
});

test('in a Title Case headline an English word is no part of a name', () => {
  assert.deepEqual(people('Senior Myanmar Army Officer Death Toll Mount in Northern Rakhine State'), []);
  assert.deepEqual(people('Lawmaker Laments Helplessness As Over 25 Are Massacred in Plateau'), []);
  // The name ends before the word: "Found" is the headline's, not the man's.
  assert.deepEqual(people('Journalist Juan Arjón López Found Dead in Guerrero Ravine'), ['Juan Arjón López']);
  // Adverbs and "Among" are no names either.
  assert.deepEqual(people('Police Major Among 12 Regime Personnel Killed in Station Attacks'), []);
});

test('a colonia and an English word opening a sentence are no one', () => {
  assert.deepEqual(people('A man is shot to death in Col. Ciudad Renacimiento of Acapulco.'), []);
  assert.deepEqual(people('Merchant is assassinated in Zamora.'), []);
  // Nor does a pronoun, a demonym or a faith open a name in a headline.
  assert.deepEqual(people('He Was Found With a Bullet in the Head Next To Another Minor'), []);
  assert.deepEqual(people('Floods add misery after Philippine Muslim rebel siege.'), []);
  assert.deepEqual(people('JTF kills top Boko Haram chief, Borno.'), []);
  assert.deepEqual(people("Cameroon's forces score Major Successes in Ngoshe [document]."), []);
  assert.deepEqual(people('Bandits set Catholic Priest, Vehicle ablaze in Taraba.'), []);
  // A colonel is still a colonel.
  assert.deepEqual(people('Col. Ahmed Taha Rashid was killed near Tikrit.'), ['Ahmed Taha Rashid']);
});
