/** The months of `DD-MMM-YY`, in order. */
export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const FORMAT = /^(\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Reads the brief's `DD-MMM-YY HH:mm:ss` (month in any case) as a UTC instant, or null when the
 * text is not in that form or names no real date-time. Two-digit years follow the POSIX pivot:
 * 69-99 are 1969-1999, 00-68 are 2000-2068.
 */
export function parseTimePlaced(text: string): Date | null {
  const parts = FORMAT.exec(text);
  if (!parts) return null;
  const [, dd, mmm, yy, hh, mi, ss] = parts;
  const month = MONTHS.indexOf(mmm.toUpperCase());
  const year = Number(yy) + (Number(yy) >= 69 ? 1900 : 2000);
  const [day, hour, minute, second] = [dd, hh, mi, ss].map(Number);
  if (month < 0 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month, day, hour, minute, second));
  // Date.UTC rolls 31-FEB over into March: a changed day means the date does not exist.
  return date.getUTCDate() === day && date.getUTCMonth() === month ? date : null;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as `DD-MMM-YY HH:mm:ss` in UTC, whole seconds, which parseTimePlaced reads back as the
 * same second for the years it spans (1969-2068).
 */
export function formatTimePlaced(date: Date): string {
  const day = `${two(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${two(date.getUTCFullYear() % 100)}`;
  return `${day} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
}
