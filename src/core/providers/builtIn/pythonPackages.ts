/**
 * Python's standard library has HMAC and hashes but no Ed25519 or ECDSA. Generated Python handlers
 * verify those with `cryptography` (pyca): audited, the package FastAPI and Flask projects most
 * often have already (Debian ships it as python3-cryptography), and the one both Discord and
 * SendGrid signatures can be checked with. A pure-Python verifier in the generated file would be
 * code nobody reviews guarding the endpoint.
 */
export const CRYPTOGRAPHY_PACKAGE = {
  name: 'cryptography',
  why: "Python's standard library has no Ed25519 or ECDSA verification",
} as const;
