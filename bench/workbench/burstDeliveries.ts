// What the burst sends: small Stripe-like JSON events, each with a marker that names it uniquely in
// the tree (its URL) and in the payload view (its id), so the bench can wait for exactly that one.

export const BURST_ROUTE = '/bench/burst';

/** `-end` closes the marker, so `i1` never matches inside `i10`. */
export function burstMarker(run: number, i: number): string {
  return `evt-r${run}-i${i}-end`;
}

export function burstPath(run: number, i: number): string {
  return `${BURST_ROUTE}?r=${run}&i=${i}-end`;
}

/** The marker of the delivery a tree row shows, from the row's text; undefined for other rows. */
export function markerOfRow(text: string): string | undefined {
  const match = /\/bench\/burst\?r=(\d+)&i=(\d+)-end/.exec(text);
  return match ? burstMarker(Number(match[1]), Number(match[2])) : undefined;
}

export function burstBody(run: number, i: number): string {
  return JSON.stringify({
    id: burstMarker(run, i),
    object: 'event',
    type: 'invoice.paid',
    created: 1_700_000_000 + i,
    livemode: false,
    data: {
      object: {
        id: `in_${run}_${i}`,
        object: 'invoice',
        amount_paid: 1000 + (i % 97) * 13,
        currency: 'usd',
        customer: `cus_${i % 211}`,
        lines: { object: 'list', data: [{ id: `il_${i}`, amount: 1000 + (i % 97) * 13, quantity: 1 }] },
      },
    },
  });
}
