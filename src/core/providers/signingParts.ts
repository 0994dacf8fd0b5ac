import { createPrivateKey, type KeyObject } from 'node:crypto';
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

/** A test private key (PKCS#8 PEM) of the expected type; a plain Error says what else it is. */
export function testPrivateKey(pem: string, type: 'ed25519' | 'ec'): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('The test private key is not a PKCS#8 PEM private key.');
  }
  if (key.asymmetricKeyType !== type) throw new Error(`The test private key is ${key.asymmetricKeyType ?? 'unknown'}, not ${type}.`);
  return key;
}
