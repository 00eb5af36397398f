import type { Envelope } from '../../shared/contract';
import type { ErrorData } from '../../shared/errors';

/**
 * IPC arguments are structured clones from a renderer, so nothing about their shape is
 * trusted. The core validates `input` against the contract; this only checks the envelope.
 */
export function parseEnvelope(value: unknown): Envelope | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { method, input, session } = value as Record<string, unknown>;
  if (typeof method !== 'string' || method.length === 0 || method.length > 200) return null;
  if (session !== undefined && typeof session !== 'string') return null;
  return session === undefined ? { method, input } : { method, input, session };
}

export const BAD_ENVELOPE: ErrorData = {
  code: 'BAD_INPUT',
  message: 'Custodian received a request it could not read. Nothing was changed.',
};

export const UNTRUSTED_SENDER: ErrorData = {
  code: 'FORBIDDEN',
  message: 'This request did not come from the Custodian window and was refused.',
};
