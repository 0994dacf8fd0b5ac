import { checkEventNames } from './dispatch';
import { handlerProvider } from './handlerProvider';
import type { GeneratedHandler, HandlerSpec } from './handlerSpec';
import { generatePythonHandler, isPythonFramework } from './python/pythonHandler';
import { generateTypeScriptHandler, isTypeScriptFramework } from './typescriptHandler';

/**
 * Generates one self-contained file that receives a provider's webhooks in the chosen framework,
 * in its language (TypeScript, or Python for Flask and FastAPI): raw body, signature check with the
 * language's standard library, 401/400 answers, each delivery id processed once, an immediate 2xx,
 * and typed per-event functions run after the response.
 */
export function generateHandler(spec: HandlerSpec): GeneratedHandler {
  if (!spec.routePath.startsWith('/')) throw new Error(`Route path must start with '/': ${spec.routePath}`);
  const provider = handlerProvider(spec.provider, spec.customProviders);
  if (isTypeScriptFramework(spec.framework)) {
    checkEventNames(spec);
    return generateTypeScriptHandler(spec, spec.framework, provider);
  }
  if (isPythonFramework(spec.framework)) return generatePythonHandler(spec, spec.framework, provider);
  throw new Error(`Unknown framework: ${String(spec.framework)}`);
}
