// Fills in the per-event functions of a generated handler the way a developer does ("put your
// code here"): each stub's logging line becomes a call that reports to the HandlerProbe and ends as
// the test decides. Everything else in the file stays exactly as generated.

/** The TypeScript source with every `handlers` stub reporting to the probe as `app`. */
export function withTypeScriptProbe(source: string, app: string): string {
  let stubs = 0;
  const filled = source.replace(
    /(async (\w+)\((events?): [^)]*\): Promise<void> \{\n)(\s+)console\.info\([^\n]*\);/g,
    (_match, head: string, fn: string, parameter: string, indentation: string) => {
      stubs++;
      return `${head}${indentation}await probe(${JSON.stringify(fn)}, ${parameter});`;
    },
  );
  if (stubs === 0) throw new Error(`no handler stubs found in the generated file of ${app}`);
  return `${filled}
async function probe(fn: string, event: unknown): Promise<void> {
  const answer = await fetch(process.env.WEBHOOK_PROBE_URL as string, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app: ${JSON.stringify(app)}, fn, event }),
  });
  const { fail } = (await answer.json()) as { fail: string | null };
  if (fail !== null) throw new Error(fail);
}
`;
}

/** The Python source with every `on_*` stub reporting to the probe as `app`. */
export function withPythonProbe(source: string, app: string): string {
  let stubs = 0;
  const filled = source.replace(
    /(def (on_\w+)\((events?): [^)]*\) -> None:\n\s+"""[^\n]*"""\n)(\s+)logger\.info\([^\n]*\)/g,
    (_match, head: string, fn: string, parameter: string, indentation: string) => {
      stubs++;
      return `${head}${indentation}probe(${JSON.stringify(fn)}, ${parameter})`;
    },
  );
  if (stubs === 0) throw new Error(`no handler stubs found in the generated file of ${app}`);
  return `${filled}

def probe(fn: str, event: object) -> None:
    import json
    import os
    import urllib.request

    body = json.dumps({"app": ${JSON.stringify(app)}, "fn": fn, "event": event}).encode()
    request = urllib.request.Request(os.environ["WEBHOOK_PROBE_URL"], data=body, headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=120) as answer:
        fail = json.load(answer)["fail"]
    if fail is not None:
        raise RuntimeError(fail)
`;
}
