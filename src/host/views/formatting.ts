export { formatBytes } from '../../shared/formatBytes';

/** Today's captures show the time of day; older ones the date as well. */
export function formatArrival(receivedAt: number, now = Date.now()): string {
  const date = new Date(receivedAt);
  const time = date.toLocaleTimeString(undefined, { hour12: false });
  return new Date(now).toDateString() === date.toDateString() ? time : `${date.toLocaleDateString()} ${time}`;
}
