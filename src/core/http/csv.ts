/**
 * CSV cells that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd`, `-2+3`,
 * `@SUM(…)`, or a leading tab or carriage return) are written with a leading apostrophe, so
 * they show as the text they are. Plain numbers (`-5`, `+1.5`) are left alone. Every CSV the
 * platform writes goes through this: `cast: { string: escapeFormula }` for csv-stringify.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
