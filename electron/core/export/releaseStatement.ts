import { createHash, sign } from 'node:crypto';
import type { CheckpointKey } from '../custody/checkpointKey';
import { keyFingerprint } from '../custody/trust';

/**
 * The signed release statement: an in-toto Statement v1 (https://in-toto.io/Statement/v1) whose
 * subjects are every data/ file with its SHA-256 and SHA-512, and whose predicate says what was
 * released under which decision, in a DSSE envelope (payloadType application/vnd.in-toto+json)
 * signed with Ed25519 over PAE(type, body) = "DSSEv1 " LEN(type) " " type " " LEN(body) " " body.
 * The key is the installation's checkpoint key (keys/checkpoint-ed25519.pem): the same key
 * signs the custody checkpoints and the legal decisions, so one fingerprint (printed on the
 * letter and custody reports) vouches for all three.
 */

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const PREDICATE_TYPE = 'https://custodian.invalid/release-package/v1';

export function pae(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `, 'utf8'), body]);
}

export function signedStatement(key: CheckpointKey, subjects: { name: string; sha256: string; sha512: string }[], predicate: Record<string, unknown>): { text: string; sha256: string } {
  const statement = {
    _type: STATEMENT_TYPE,
    subject: subjects.map((s) => ({ name: s.name, digest: { sha256: s.sha256, sha512: s.sha512 } })),
    predicateType: PREDICATE_TYPE,
    predicate,
  };
  const body = Buffer.from(JSON.stringify(statement), 'utf8');
  const sig = sign(null, pae(PAYLOAD_TYPE, body), key.privateKey);
  const envelope = { payloadType: PAYLOAD_TYPE, payload: body.toString('base64'), signatures: [{ keyid: `sha256:${keyFingerprint(key.publicKeyPem) ?? ''}`, sig: sig.toString('base64') }] };
  const text = `${JSON.stringify(envelope, null, 2)}\n`;
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}
