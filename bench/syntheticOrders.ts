// A deterministic, realistic-looking large payload for the type generation benchmark and tests.

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A JSON array of order-like objects (nested, optional and nullable fields), about `targetBytes` long. */
export function syntheticOrders(targetBytes: number): string {
  const random = seededRandom(20240601);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const word = () => pick(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']);
  const address = () => ({ line1: `${Math.floor(random() * 999)} ${word()} street`, line2: random() < 0.3 ? 'Suite 4' : null,
    city: word(), postal_code: String(10000 + Math.floor(random() * 89999)), country: pick(['US', 'DE', 'FR', 'JP']) });
  const orders: unknown[] = [];
  let bytes = 2;
  for (let id = 1; bytes < targetBytes; id++) {
    const order = {
      id: `ord_${id}`,
      object: 'order',
      created: 1_700_000_000 + id * 37,
      status: pick(['pending', 'paid', 'shipped', 'refunded']),
      amount_total: Math.floor(random() * 100_000) / (random() < 0.5 ? 1 : 100),
      currency: pick(['usd', 'eur', 'jpy']),
      customer: { id: `cus_${id % 500}`, email: random() < 0.9 ? `${word()}${id}@example.com` : null, name: `${word()} ${word()}`,
        address: address(), ...(random() < 0.2 ? { tax_ids: [{ type: 'eu_vat', value: `DE${id}` }] } : {}) },
      shipping: random() < 0.8 ? { address: address(), carrier: pick(['ups', 'dhl', null]), tracking_number: random() < 0.5 ? `1Z${id}` : null } : null,
      line_items: Array.from({ length: 1 + Math.floor(random() * 5) }, (_, n) => ({
        id: `li_${id}_${n}`, quantity: 1 + Math.floor(random() * 3), price: { id: `price_${n}`, unit_amount: Math.floor(random() * 5000),
          recurring: random() < 0.3 ? { interval: pick(['month', 'year']), interval_count: 1 } : null },
        description: `${word()} ${word()}`, discounts: [], tax_rates: random() < 0.4 ? [{ id: 'txr_1', percentage: 19.0 }] : [],
      })),
      metadata: random() < 0.5 ? { campaign: word(), 'utm-source': word() } : {},
      livemode: random() < 0.5,
    };
    orders.push(order);
    bytes += JSON.stringify(order).length + 1;
  }
  return JSON.stringify(orders);
}
