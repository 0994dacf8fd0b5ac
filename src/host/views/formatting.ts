/** 1234 → "1.2 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Today's captures show the time of day; older ones the date as well. */
export function formatArrival(receivedAt: number, now = Date.now()): string {
  const date = new Date(receivedAt);
  const time = date.toLocaleTimeString(undefined, { hour12: false });
  return new Date(now).toDateString() === date.toDateString() ? time : `${date.toLocaleDateString()} ${time}`;
}
