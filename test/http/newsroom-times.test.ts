/**
 * One rule for times in the newsroom's pages that belong to no one desk (the audit log and its filter,
 * the API tokens table, the statements library): the newsroom's zone with its abbreviation, the ISO
 * instant in `datetime`, never UTC when the desks keep another clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dateInZone } from '../../src/domain/days.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long newsroom passphrase';

describe('times in the newsroom’s own pages', () => {
  let t: TestApp;
  let admin: { cookie: string; 'x-csrf-token': string };

  before(async () => {
    t = await createTestApp();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Ukraine Live', timezone: 'Europe/Kyiv' },
    });
    await t.accounts.addUser({ email: 'ad@example.org', name: 'Ada', role: 'admin', password: PASSWORD });
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'ad@example.org', password: PASSWORD },
    });
    admin = {
      cookie: String(session.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': session.json().csrfToken,
    };
  });
  after(() => t.close());

  const page = (url: string) => t.app.inject({ url, headers: { cookie: admin.cookie } });
  /** Kyiv's abbreviation at this moment: EET in winter, EEST in summer. */
  const kyiv = () =>
    /(EEST|EET)/.exec(
      new Date().toLocaleString('en-GB', { timeZone: 'Europe/Kyiv', timeZoneName: 'short' }),
    )?.[1] ?? 'EET';

  it('filters the audit log by the newsroom’s days and shows its times in that zone', async () => {
    const audit = await page('/newsroom/admin/audit');
    assert.equal(audit.statusCode, 200);
    assert.doesNotMatch(audit.body, /UTC/);
    assert.match(audit.body, new RegExp(`From \\(day, ${kyiv()}\\)`));
    assert.match(
      audit.body,
      new RegExp(`<time datetime="\\d{4}-\\d\\d-\\d\\dT[^"]+Z">[^<]+ ${kyiv()}</time>`),
    );
    // The export is of the same days as the page: it names the zone they are in.
    assert.match(audit.body, /href="\/api\/v1\/audit\/export\?format=csv&amp;timezone=Europe%2FKyiv"/);

    // A day is the zone's: an entry made now is in today's Kiritimati day (UTC+14) read there, and
    // not in that same calendar day read in Pago Pago (UTC−11), which starts a day later.
    const day = dateInZone(new Date(), 'Pacific/Kiritimati');
    const list = (zone: string) =>
      t.app.inject({
        url: `/api/v1/audit?from=${day}&to=${day}&timezone=${encodeURIComponent(zone)}&limit=500`,
        headers: t.auth(t.adminToken),
      });
    assert.ok((await list('Pacific/Kiritimati')).json().items.length > 0);
    assert.equal((await list('Pacific/Pago_Pago')).json().items.length, 0);
    const bad = await list('Mars/Olympus');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().field, 'timezone');
    // The newsroom's page reads its filter's days in Kyiv.
    const today = dateInZone(new Date(), 'Europe/Kyiv');
    const filtered = await page(`/newsroom/admin/audit?from=${today}&to=${today}`);
    assert.match(filtered.body, /desk\.create/);
  });

  it('shows API tokens’ times in the newsroom’s zone', async () => {
    const tokens = await page('/newsroom/admin/tokens');
    assert.equal(tokens.statusCode, 200);
    assert.doesNotMatch(tokens.body, /\(UTC\)/);
    assert.match(
      tokens.body,
      new RegExp(`<td data-label="Created"><time datetime="[^"]+Z">[^<]+ ${kyiv()}</time>`),
    );
  });

  it('reads and shows the statements library’s times in the newsroom’s zone', async () => {
    const desk = await page('/newsroom/statements');
    assert.match(desk.body, new RegExp(`Published \\(${kyiv()}\\)`));
    const posted = await t.app.inject({
      method: 'POST',
      url: '/newsroom/statements',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: admin['x-csrf-token'],
        issuer: 'Office of the President of Ukraine',
        title: 'Readout of a call',
        publishedAt: '2026-03-19T11:30',
        url: '',
        text: 'The President held a phone call with the Prime Minister of Estmark about air defence.',
      }).toString(),
    });
    assert.equal(posted.statusCode, 303, posted.body);
    const id = /\/newsroom\/statements\/([0-9a-z]+)$/.exec(String(posted.headers.location))![1]!;
    // 11:30 on a Kyiv clock in March (EET, UTC+2) is 09:30 UTC.
    const stored = await t.app.inject({ url: `/api/v1/statements/${id}` });
    assert.equal(stored.json().publishedAt, '2026-03-19T09:30:00.000Z');
    const shown = await page(`/newsroom/statements/${id}`);
    assert.match(shown.body, /<time datetime="2026-03-19T09:30:00.000Z">19 March 2026 at 11:30 EET<\/time>/);
    const list = await page('/newsroom/statements');
    assert.match(list.body, /19 March 2026 at 11:30 EET/);
  });
});
