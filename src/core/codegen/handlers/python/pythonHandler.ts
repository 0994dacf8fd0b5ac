import { fastapiTemplate } from '../fastapi';
import { flaskTemplate } from '../flask';
import type { HandlerProvider } from '../handlerProvider';
import type { GeneratedHandler, HandlerSpec } from '../handlerSpec';
import { answersText, hasDedupe, resolveDeliveryId } from '../pipeline';
import { joinSections, wrap } from '../sourceText';
import { checkPythonNames, pythonDispatchSection, pythonEventNameSection, pythonHandlersSection } from './pythonDispatch';
import type { PythonFrameworkTemplate } from './pythonFramework';
import { PYTHON_HELPERS } from './pythonHelpers';
import {
  PYTHON_DELIVERY_LEDGER,
  PYTHON_IDEMPOTENCY_NOTE,
  pythonDeliveryIdFunction,
  pythonDeliveryTypes,
  pythonFormAnswerConstant,
  pythonParsePayload,
  pythonReceiveSection,
} from './pythonPipeline';
import { docstringText, pep8BlankLines, pyString } from './pythonSyntax';

const FRAMEWORKS = { flask: flaskTemplate, fastapi: fastapiTemplate } as const satisfies Record<string, PythonFrameworkTemplate>;

export type PythonFramework = keyof typeof FRAMEWORKS;

export function isPythonFramework(framework: string): framework is PythonFramework {
  return Object.prototype.hasOwnProperty.call(FRAMEWORKS, framework);
}

/** Names from `typing` the generated module may use, imported when it does. */
const TYPING_NAMES = ['Literal', 'NotRequired', 'TypeAlias', 'TypedDict', 'cast'];

/**
 * One Python module (3.11+) that receives a provider's webhooks in Flask or FastAPI, with the
 * guarantees of the TypeScript handlers: verification over the raw bytes with the standard library
 * (`cryptography` only for Ed25519 and ECDSA), 401/400 answers, delivery ids processed once, an
 * immediate 2xx and typed per-event functions run after it. Functions first, payload types last
 * (`from __future__ import annotations` lets them name types declared below).
 */
export function generatePythonHandler(spec: HandlerSpec, framework: PythonFramework, provider: HandlerProvider): GeneratedHandler {
  checkPythonNames(spec);
  const template = FRAMEWORKS[framework];
  const module = moduleName(spec.provider);
  const secretEnvVar = spec.secretEnvVar ?? provider.defaultSecretEnvVar;
  const publicOriginEnvVar = `${provider.envPrefix}_WEBHOOK_PUBLIC_ORIGIN`;
  const dedupe = hasDedupe(spec, provider);
  const form = provider.payloadFormat.form;
  const fragment = provider.python;

  const body = joinSections([
    pythonHandlersSection(spec, provider.deliveryId.kind === 'batch'),
    template.adapter({ spec, answersText: answersText(provider), blueprintName: `${module}_webhook` }),
    pythonDeliveryTypes(answersText(provider)),
    pythonReceiveSection(spec, provider),
    fragment.verifyFunction,
    pythonParsePayload(form),
    pythonFormAnswerConstant(form),
    fragment.acceptedAnswer,
    pythonDeliveryIdFunction(resolveDeliveryId(spec, provider), provider.displayName),
    pythonEventNameSection(spec),
    pythonDispatchSection(spec, provider.displayName),
    dedupe && PYTHON_DELIVERY_LEDGER,
  ]);
  const helpers = helpersUsedBy(body);
  const rest = joinSections([body, ...helpers.map((h) => h.source)]);
  const types = spec.typesSource.trim();

  const constants = [
    `ROUTE_PATH = ${pyString(spec.routePath)}`,
    `SECRET_ENV_VAR = ${pyString(secretEnvVar)}`,
    /\bPUBLIC_ORIGIN_ENV_VAR\b/.test(rest) && `# The public origin the provider posts to (it signs the full URL).\nPUBLIC_ORIGIN_ENV_VAR = ${pyString(publicOriginEnvVar)}`,
    '# Enough for any common provider (GitHub caps payloads at 25 MB).\nMAX_BODY_BYTES = 25 * 1024 * 1024',
    /\bTOLERANCE_SECONDS\b/.test(rest) &&
      `# How far a signed timestamp may be from now, either way, before it counts as a replay (${provider.displayName}'s own tolerance).\nTOLERANCE_SECONDS = ${provider.toleranceSeconds}`,
    dedupe && "# How long a processed delivery id is remembered: longer than the provider's retries go on.\nDEDUPE_TTL_SECONDS = 24 * 60 * 60",
    dedupe && '# How long a delivery id stays claimed while its function runs; past it the function is taken for hung.\nPROCESSING_LIMIT_SECONDS = 60 * 60',
  ].filter((c): c is string => typeof c === 'string');

  const everything = `${rest}\n${types}`;
  const source = joinSections([
    moduleDocstring(spec, template, provider, module, secretEnvVar, dedupe),
    'from __future__ import annotations',
    importsSection(everything, template, provider, helpers),
    `${constants.join('\n')}\n\nlogger = logging.getLogger(__name__)`,
    rest,
    types && `# Payload types, inferred from captured deliveries.\n\n${types}`,
  ]);
  const envVars = [secretEnvVar, ...(/\bPUBLIC_ORIGIN_ENV_VAR\b/.test(rest) ? [publicOriginEnvVar] : [])];
  return {
    fileName: `${module}.py`,
    source: pep8BlankLines(source),
    dependencies: [...new Set([...template.packages, ...fragment.packages.map((p) => p.name)])].sort(),
    envVars,
  };
}

/** A module name Python can import: `standard-webhooks` → `standard_webhooks`, `custom:acme` → `acme`. */
export function moduleName(provider: string): string {
  const name = provider.replace(/^custom:/, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(name) ? name : `webhook_${name}`;
}

function helpersUsedBy(body: string): typeof PYTHON_HELPERS[number][] {
  const used = new Set<string>();
  let text = body;
  for (let changed = true; changed; ) {
    changed = false;
    for (const helper of PYTHON_HELPERS) {
      if (!used.has(helper.name) && new RegExp(`\\b${helper.name}\\(`).test(text)) {
        used.add(helper.name);
        text += `\n${helper.source}`;
        changed = true;
      }
    }
  }
  return PYTHON_HELPERS.filter((helper) => used.has(helper.name));
}

function moduleDocstring(spec: HandlerSpec, template: PythonFrameworkTemplate, provider: HandlerProvider, module: string, secretEnvVar: string, dedupe: boolean): string {
  const answer = provider.known
    ? `401 if the signature does not verify with ${secretEnvVar}, 400 if the body does not parse, and a 2xx otherwise`
    : '401 for EVERY delivery until verify_signature below is implemented, then 400 if the body does not parse, and a 2xx otherwise';
  const sender = spec.serviceName ? ` (as ${spec.serviceName} sends them)` : '';
  const paragraphs = [
    `POST ${spec.routePath} is answered at once: ${answer}. The event's function below runs after the answer has been sent, so slow work never makes the sender time out and retry. ${template.afterAnswer}`,
    ...(dedupe ? [PYTHON_IDEMPOTENCY_NOTE] : []),
    `${template.usage(module, spec)} Needs Python 3.11+ and pip install ${[...new Set([...template.packages, ...provider.python.packages.map((p) => p.name)])].join(' ')}.`,
    ...provider.python.packages.map((p) => `${p.name}: ${p.why}, so its signatures are checked with ${p.name}.`),
  ];
  const lines = [`"""${docstringText(`${provider.displayName} webhooks${sender} for ${template.displayName}, generated by Webhook Workbench.`)}`];
  for (const paragraph of paragraphs) lines.push('', ...wrap(docstringText(paragraph), 96));
  return [...lines, '"""'].join('\n');
}

function importsSection(source: string, template: PythonFrameworkTemplate, provider: HandlerProvider, helpers: readonly { imports: readonly string[]; fromImports: readonly string[] }[]): string {
  const modules = new Set(['logging', 'os', ...template.stdlib, ...provider.python.imports, ...helpers.flatMap((h) => h.imports)]);
  if (/\bthreading\.|\btime\./.test(source)) {
    if (/\bthreading\./.test(source)) modules.add('threading');
    if (/\btime\./.test(source)) modules.add('time');
  }
  const from = new Map<string, Set<string>>();
  const add = (line: string) => {
    const match = /^from (\S+) import (.+)$/.exec(line);
    if (!match) return;
    const names = from.get(match[1]) ?? new Set<string>();
    for (const name of match[2].split(',')) names.add(name.trim());
    from.set(match[1], names);
  };
  add('from collections.abc import Callable');
  add('from dataclasses import dataclass');
  if (/\breplace\(/.test(source)) add('from dataclasses import replace');
  if (/\bparse_qsl\(/.test(source)) add('from urllib.parse import parse_qsl');
  const typing = TYPING_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(source));
  if (typing.length) add(`from typing import ${typing.join(', ')}`);
  for (const line of [...provider.python.fromImports, ...helpers.flatMap((h) => h.fromImports)]) add(line);
  const stdlibFrom = [...from].filter(([module]) => !module.startsWith('cryptography'));
  const thirdParty = [...from].filter(([module]) => module.startsWith('cryptography'));
  const render = (entries: Array<[string, Set<string>]>) => entries.sort(([a], [b]) => a.localeCompare(b)).map(([module, names]) => `from ${module} import ${[...names].sort().join(', ')}`);
  const stdlib = [...[...modules].sort().map((m) => `import ${m}`), ...render(stdlibFrom)];
  const external = [...render(thirdParty), ...template.imports].sort();
  return `${stdlib.join('\n')}\n\n${external.join('\n')}`;
}
