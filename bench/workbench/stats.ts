/** Nearest-rank percentile (p in 0..100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(0) : 'n/a';
}

/** `median (min–max, n=N)` for a line of samples. */
export function spread(values: readonly number[]): string {
  if (!values.length) return 'n/a';
  return `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))}, n=${values.length})`;
}
