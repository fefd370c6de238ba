const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A month by its number (1 January … 12 December), as people name it. */
export const monthName = (month: number): string => MONTHS[month - 1] ?? '';

/** "25 May 2026": a calendar date (`YYYY-MM-DD`) as people read it, the same for every viewer (it has no time of day to move). */
export const dateInWords = (date: string): string => {
  const [year = '', month = 1, day = 1] = date.split('-');
  return `${Number(day)} ${monthName(Number(month))} ${year}`;
};
