import type { SignedRequest, SigningRequest } from './providerDefinition';

/** Small pieces every signer uses. */

/** Whole Unix seconds, as the providers write them in headers. */
export function unixSeconds(now: number): string {
  return String(Math.floor(now / 1000));
}

export function bodyBytes(request: SigningRequest): Buffer {
  return Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
}

/** The request with new headers and the same body and URL. */
export function withHeaders(request: SigningRequest, rawHeaders: string[]): SignedRequest {
  return { rawHeaders, body: request.body, url: request.url };
}
