/** Renders a duration the way a developer reads it in a badge: "2 s", "7 min", "3 h", "12 d". */
export function formatDuration(ms: number): string {
  const seconds = Math.abs(ms) / 1000;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const minutes = seconds / 60;
  if (minutes < 120) return `${roundOne(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${roundOne(hours)} h`;
  return `${roundOne(hours / 24)} d`;
}

/** "2 s before arrival" or "3 min after arrival". */
export function describeAge(signedAt: number, now: number): string {
  const delta = now - signedAt;
  return `${formatDuration(delta)} ${delta >= 0 ? 'before' : 'after'} arrival`;
}

export function isWithinTolerance(signedAt: number, now: number, toleranceSeconds: number): boolean {
  return Math.abs(now - signedAt) <= toleranceSeconds * 1000;
}

/** Parses a Unix timestamp in whole seconds (or milliseconds) from header text; undefined if not an integer. */
export function parseUnixTime(text: string | undefined, unit: 's' | 'ms'): number | undefined {
  if (text === undefined || !/^\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return unit === 's' ? value * 1000 : value;
}

function roundOne(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}
