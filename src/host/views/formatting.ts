export { formatBytes } from '../../shared/formatBytes';

// One formatter each, made once: toLocaleTimeString() builds a new Intl formatter on every call,
// which cost the tree more than everything else it did per row.
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour12: false, hour: 'numeric', minute: 'numeric', second: 'numeric' });
const dayOfYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric' });

/** Today's captures show the time of day; older ones the date as well (as toLocale{Date,Time}String would). */
export function formatArrival(receivedAt: number, now = Date.now()): string {
  const date = new Date(receivedAt);
  const time = timeOfDay.format(date);
  return sameDay(date, new Date(now)) ? time : `${dayOfYear.format(date)} ${time}`;
}

/** When the local day that contains `now` ends (epoch ms): "today" in the tree means something else after it. */
export function endOfDay(now = Date.now()): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}
