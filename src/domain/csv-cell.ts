/**
 * One CSV cell (RFC 4180) for every CSV the app writes, with spreadsheet formulas defused (OWASP "CSV
 * Injection"): a text cell starting with =, +, -, @, tab or carriage return would be run as a formula by
 * Excel, LibreOffice or Sheets, so it gets a leading ' that spreadsheets show as text. Numbers are data
 * (a longitude of -33.5 stays a number); null is an empty cell.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
