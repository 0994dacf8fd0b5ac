/** Regular expressions as they appear in generated handler code. */

/** A SHA-256 digest in hex: 64 characters. */
export const HEX_SHA256 = '/^[0-9a-f]{64}$/i';

/** The same in Python, for `re.fullmatch`. */
export const PY_HEX_SHA256 = 'r"[0-9a-fA-F]{64}"';
