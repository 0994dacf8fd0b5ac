import type { CustomProvider } from '../../providers/custom/customProvider';
import type { EventSource } from '../../providers/providerDefinition';
import type { ProviderId } from '../../providers/registry';

/** Web frameworks a handler can be generated for: TypeScript ones, then Python ones. */
export type HandlerFramework = 'express' | 'fastify' | 'nextjs' | 'hono' | 'node-http' | 'flask' | 'fastapi';

export type HandlerLanguage = 'typescript' | 'python';

const PYTHON_FRAMEWORKS: ReadonlySet<HandlerFramework> = new Set(['flask', 'fastapi']);

/** The language a framework's handler is written in. */
export function languageOf(framework: HandlerFramework): HandlerLanguage {
  return PYTHON_FRAMEWORKS.has(framework) ? 'python' : 'typescript';
}

/**
 * Providers whose signature scheme the generated code verifies. Any other string is accepted too:
 * the handler then gets a verification hook that rejects every delivery until someone writes it.
 */
export type KnownProvider = ProviderId;

/** One event the handler gets a typed function for. */
export interface HandlerEventSpec {
  /** The event name as the provider sends it: `push`, `customer.created`, `app_mention`. */
  name: string;
  /** The name of its payload type, declared in `HandlerSpec.typesSource`: `PushEvent`. */
  typeName: string;
}

export type { EventSource };

/** Where a delivery carries the id a redelivery repeats (used to process each delivery once). */
export type DeliveryIdSource = { kind: 'header'; header: string } | { kind: 'field'; field: string } | { kind: 'none' };

/** What to generate. */
export interface HandlerSpec {
  framework: HandlerFramework;
  /** A `KnownProvider`, a `custom:<id>` from `customProviders`, or any other id for a provider whose scheme is not known. */
  provider: KnownProvider | (string & {});
  /** The custom providers from the settings, so a `custom:<id>` provider is verified like a built-in one. */
  customProviders?: readonly CustomProvider[];
  /**
   * Declarations of the payload types in the framework's language (TypeScript, or Python
   * `TypedDict`s), as generated from captured payloads. Embedded verbatim in the generated file.
   */
  typesSource: string;
  /** Import lines `typesSource` needs: an official type package's (TypeScript only). */
  typeImports?: readonly string[];
  /** The package `typesSource` takes some event types from, and which, for the header comment. */
  officialTypes?: { package: string; events: readonly string[] };
  /** The type every payload is assignable to, declared in `typesSource`. */
  rootTypeName: string;
  /** The events that get a typed function; any other event is acknowledged and logged. */
  events: HandlerEventSpec[];
  eventSource: EventSource;
  /** The path the provider posts to, e.g. `/webhooks/github`. */
  routePath: string;
  /** Environment variable holding the signing secret; defaults per provider (`GITHUB_WEBHOOK_SECRET`). */
  secretEnvVar?: string;
  /** The service behind a shared scheme that the captures show (Clerk, Resend), for the header comment. */
  serviceName?: string;
  /** Overrides the provider's own delivery id (needed for unknown providers to deduplicate). */
  deliveryId?: DeliveryIdSource;
  /**
   * The installed version of the framework package, when known (`15.2.0`). For Next.js it decides
   * whether `after()` from `next/server` (15.1+) schedules the post-response work; unknown means yes.
   */
  frameworkVersion?: string;
}

/** One generated source file. */
export interface GeneratedHandler {
  /**
   * Where the file belongs, relative to the project root or source folder: `github.ts`, for Next.js
   * the App Router route file (`app/webhooks/github/route.ts`), for Python a module (`github.py`).
   */
  fileName: string;
  /** The file's source. */
  source: string;
  /** Packages the file imports (npm for TypeScript, pip for Python), sorted. */
  dependencies: string[];
  /** Environment variables the file reads: the secret first, then e.g. the public URL. */
  envVars: string[];
}
