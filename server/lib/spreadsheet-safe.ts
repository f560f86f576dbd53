/**
 * Text a spreadsheet will show rather than run. Excel, LibreOffice and Google Sheets treat a
 * cell starting with =, +, -, @ (or a tab or carriage return before one) as a formula, so a name
 * like `=HYPERLINK("http://evil.example","click")` from a crawled profile or an imported file
 * would become a live link or worse. A leading apostrophe makes it text (OWASP "CSV injection").
 * Every CSV export uses this one rule.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
