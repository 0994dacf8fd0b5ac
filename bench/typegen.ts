// Times generateTypes against quicktype-core (TypeScript, just types) on the same JSON text:
// (a) every @octokit/webhooks-examples event, one generation per event over all its examples;
// (b) one deterministic ~5 MB payload, an array of order-like objects.
// Both sides start from JSON text: ours includes JSON.parse, quicktype parses its samples itself.
import { InputData, jsonInputForTargetLanguage, quicktype } from 'quicktype-core';
import { generateTypes } from '../src/core';
import { octokitEvents } from '../test/unit/codegen/octokitExamples';
import { syntheticOrders } from './syntheticOrders';

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
