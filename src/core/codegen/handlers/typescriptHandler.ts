import { deliveryIdFunction } from './deliveryIdCode';
import { dispatchSection, eventNameSection, handlersSection } from './dispatch';
import { expressTemplate } from './express';
import { fastifyTemplate } from './fastify';
import type { FrameworkTemplate } from './frameworkTemplate';
import type { HandlerProvider } from './handlerProvider';
import type { GeneratedHandler, HandlerSpec } from './handlerSpec';
import { honoTemplate } from './hono';
import { quote } from './identifiers';
import { nextjsTemplate } from './nextjs';
import { nodeHttpTemplate } from './nodeHttp';
import {
  answersText,
  DELIVERY_LEDGER,
  deliveryTypesSection,
  formAnswerConstant,
  hasDedupe,
  HELPERS,
  IDEMPOTENCY_NOTE,
  parsePayloadSection,
  receiveSection,
  resolveDeliveryId,
} from './pipeline';
import { dedent, joinSections, wrap } from './sourceText';

const FRAMEWORKS = {
  express: expressTemplate,
  fastify: fastifyTemplate,
  nextjs: nextjsTemplate,
  hono: honoTemplate,
  'node-http': nodeHttpTemplate,
} as const satisfies Record<string, FrameworkTemplate>;

export type TypeScriptFramework = keyof typeof FRAMEWORKS;

export function isTypeScriptFramework(framework: string): framework is TypeScriptFramework {
  return Object.prototype.hasOwnProperty.call(FRAMEWORKS, framework);
}

/**
 * One self-contained TypeScript file that receives a provider's webhooks in the chosen framework:
 * raw body, signature check (node:crypto only), 401/400 answers, delivery ids processed once, an
 * immediate 2xx, and typed per-event functions run after the response. The functions come first,
 * the machinery after them, the payload types last.
 */
export function generateTypeScriptHandler(spec: HandlerSpec, framework: TypeScriptFramework, provider: HandlerProvider): GeneratedHandler {
  const template = FRAMEWORKS[framework];
  const secretEnvVar = spec.secretEnvVar ?? provider.defaultSecretEnvVar;
  const publicOriginEnvVar = `${provider.envPrefix}_WEBHOOK_PUBLIC_ORIGIN`;
  const exported = template.exportsInternals;
  const dedupe = hasDedupe(spec, provider);
  const form = provider.payloadFormat.form;
  const fragment = provider.typescript;

  const body = joinSections([
    handlersSection(spec, exported, provider.deliveryId.kind === 'batch'),
    template.adapter({ spec, answersText: answersText(provider) }),
    deliveryTypesSection(exported, answersText(provider)),
    receiveSection(spec, provider, exported),
    fragment.verifyFunction,
    form ? parsePayloadSection(form) : undefined,
    formAnswerConstant(form),
    fragment.acceptedAnswer,
    deliveryIdFunction(resolveDeliveryId(spec, provider), provider.displayName, exported),
    eventNameSection(spec),
    dispatchSection(spec, provider.displayName),
    dedupe && DELIVERY_LEDGER,
    template.runAfterResponse(spec),
  ]);
  // Helpers are added when something calls them; publicUrl calls nothing, so one pass is enough.
  const helpers = HELPERS.filter((h) => new RegExp(`\\b${h.name}\\(`).test(body)).map((h) => h.source);
  const rest = joinSections([body, ...helpers]);

  const constants = [
    /\bROUTE_PATH\b/.test(rest) && `const ROUTE_PATH = ${quote(spec.routePath)};`,
    `const SECRET_ENV_VAR = ${quote(secretEnvVar)};`,
    /\bPUBLIC_ORIGIN_ENV_VAR\b/.test(rest) &&
      `/** The public origin the provider posts to (it signs the full URL). */\nconst PUBLIC_ORIGIN_ENV_VAR = ${quote(publicOriginEnvVar)};`,
    /\bMAX_BODY_BYTES\b/.test(rest) && `/** Enough for any common provider (GitHub caps payloads at 25 MB). */\nconst MAX_BODY_BYTES = 25 * 1024 * 1024;`,
    /\bTOLERANCE_SECONDS\b/.test(rest) &&
      `/** How far a signed timestamp may be from now, either way, before it counts as a replay (${provider.displayName}'s own tolerance). */\nconst TOLERANCE_SECONDS = ${provider.toleranceSeconds};`,
    dedupe && `/** How long a processed delivery id is remembered: longer than the provider's retries go on. */\nconst DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;`,
    dedupe && `/** How long a delivery id stays claimed while its function runs; past it the function is taken for hung. */\nconst PROCESSING_LIMIT_MS = 60 * 60 * 1000;`,
  ].filter((c): c is string => typeof c === 'string');

  const source = joinSections([
    headerComment(spec, template, provider, secretEnvVar, dedupe),
    importsSection(spec, template, provider),
    constants.join('\n'),
    rest,
    typesSection(spec),
  ]);
  const envVars = [secretEnvVar, ...(/\bPUBLIC_ORIGIN_ENV_VAR\b/.test(rest) ? [publicOriginEnvVar] : [])];
  return {
    fileName: template.fileName(spec, spec.provider),
    source,
    dependencies: [...template.dependencies, ...(spec.officialTypes ? [spec.officialTypes.package] : [])].sort(),
    envVars,
  };
}

function headerComment(spec: HandlerSpec, template: FrameworkTemplate, provider: HandlerProvider, secretEnvVar: string, dedupe: boolean): string {
  const answer = provider.known
    ? `401 if the signature does not verify with ${secretEnvVar}, 400 if the body does not parse, and a 2xx otherwise`
    : `401 for EVERY delivery until verifySignature below is implemented, then 400 if the body does not parse, and a 2xx otherwise`;
  const sender = spec.serviceName ? ` (as ${spec.serviceName} sends them)` : '';
  const lines = [
    `${provider.displayName} webhooks${sender} for ${template.displayName}, generated by Webhook Workbench.`,
    '',
    ...wrap(
      `POST ${spec.routePath} is answered at once: ${answer}. The event's function in \`handlers\` runs after the answer has been sent, so slow work never makes the sender time out and retry.`,
      96,
    ),
  ];
  if (dedupe) lines.push('', ...wrap(IDEMPOTENCY_NOTE, 96));
  if (spec.officialTypes) {
    lines.push('', ...wrap(`Payload types: ${spec.officialTypes.package} (found in your workspace) types ${spec.officialTypes.events.join(', ')}; the other types at the end are inferred from captured deliveries.`, 96));
  }
  lines.push('', ...wrap(template.usage(spec), 96));
  return lines.map((l) => (l ? `// ${l}` : '//')).join('\n');
}

function importsSection(spec: HandlerSpec, template: FrameworkTemplate, provider: HandlerProvider): string {
  const crypto = [...provider.typescript.cryptoImports].sort();
  const nodeImports = crypto.length ? [`import { ${crypto.join(', ')} } from 'node:crypto';`] : [];
  return [...nodeImports, ...template.imports(spec), ...(spec.typeImports ?? [])].join('\n');
}

function typesSection(spec: HandlerSpec): string {
  const types = dedent(spec.typesSource);
  if (!types) return '';
  const origin = spec.officialTypes ? `official types from ${spec.officialTypes.package}, the rest inferred from captured deliveries` : 'inferred from captured deliveries';
  return `// Payload types, ${origin}.\n${types}`;
}
