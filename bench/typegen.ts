// Times generateTypes against quicktype-core (TypeScript, just types) on the same JSON text:
// (a) every @octokit/webhooks-examples event, one generation per event over all its examples;
// (b) one deterministic ~5 MB payload, an array of order-like objects.
// Both sides start from JSON text: ours includes JSON.parse, quicktype parses its samples itself.
import { InputData, jsonInputForTargetLanguage, quicktype } from 'quicktype-core';
import { generateTypes } from '../src/core';
import { octokitEvents } from '../test/unit/codegen/octokitExamples';

interface Input {
  name: string;
  /** One list of JSON texts per generation, with the root type name to use. */
  generations: Array<{ rootName: string; jsons: string[] }>;
}

const WARMUP_RUNS = 2;
const TIMED_RUNS = 5;

async function ours(input: Input): Promise<void> {
  for (const { rootName, jsons } of input.generations) {
    generateTypes(jsons.map((json) => JSON.parse(json) as unknown), { rootName });
  }
}

async function theirs(input: Input): Promise<void> {
  for (const { rootName, jsons } of input.generations) {
    const jsonInput = jsonInputForTargetLanguage('typescript');
    await jsonInput.addSource({ name: rootName, samples: jsons });
    const inputData = new InputData();
    inputData.addInput(jsonInput);
    await quicktype({ inputData, lang: 'typescript', rendererOptions: { 'just-types': 'true' } });
  }
}

/** Median wall time in milliseconds over the timed runs, after warm-up runs. */
async function time(run: (input: Input) => Promise<void>, input: Input): Promise<number> {
  for (let i = 0; i < WARMUP_RUNS; i++) await run(input);
  const times: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const start = process.hrtime.bigint();
    await run(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

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

function syntheticOrders(targetBytes: number): string {
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

async function main(): Promise<void> {
  const events = octokitEvents();
  const octokit: Input = {
    name: `octokit examples (${events.length} events)`,
    generations: events.map((event) => ({ rootName: event.typeName, jsons: event.examples.map((example) => JSON.stringify(example)) })),
  };
  const ordersJson = syntheticOrders(5 * 1024 * 1024);
  const large: Input = { name: `synthetic orders (${(ordersJson.length / 1024 / 1024).toFixed(1)} MB)`, generations: [{ rootName: 'Orders', jsons: [ordersJson] }] };

  const results: Array<{ ours: number; theirs: number }> = [];
  for (const input of [octokit, large]) {
    const oursMs = await time(ours, input);
    const theirsMs = await time(theirs, input);
    results.push({ ours: oursMs, theirs: theirsMs });
    console.log(`${input.name}: ours ${oursMs.toFixed(1)} ms, quicktype ${theirsMs.toFixed(1)} ms, quicktype/ours x${(theirsMs / oursMs).toFixed(1)}`);
  }
  const [a, b] = results;
  const ratio = (r: { ours: number; theirs: number }) => (r.theirs / r.ours).toFixed(1);
  console.log(
    `typegen: ours ${a.ours.toFixed(1)} ms vs quicktype ${a.theirs.toFixed(1)} ms on octokit examples (x${ratio(a)}), ` +
      `ours ${b.ours.toFixed(1)} ms vs ${b.theirs.toFixed(1)} ms on 5 MB (x${ratio(b)})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
