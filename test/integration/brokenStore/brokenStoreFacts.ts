/** What prepareBrokenStore writes and the suite expects to find. */
export const INTACT_CAPTURES = 24;
/** The URL capture 1's damaged journal record reads as. */
export const DAMAGED_URL = '/hooks/intact/1X';
