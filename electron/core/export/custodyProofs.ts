import type { CoreContext } from '../coreContext';
import { canonicalEntry, type CustodyRow } from '../custody/custodyEncoding';
import { custodyTree } from '../custody/merkle';
import { signedTreeNote } from '../custody/treeCheckpoint';

/**
 * The custody part of a package: the agency's signed tree checkpoint over the whole log at this
 * moment (custody/checkpoint.txt) and, per released file, the RFC 9162 inclusion proof of each
 * of its recording's custody entries (custody/<item>.proof). Entries about another request are
 * left out (they name another case); the audit paths are hashes only.
 */

export interface ProofEntry {
  seq: number;
  /** The entry's canonical encoding (docs/custody-verification.md §2), whose SHA-256 is its hash. */
  encoding: string;
  entryHash: string;
  /** Base64 SHA-256 node hashes, bottom first (RFC 9162 §2.1.3.1). */
  auditPath: string[];
}

export interface ItemProof {
  format: 'custodian-inclusion-proof-v1';
  origin: string;
  treeSize: number;
  rootHash: string;
  itemIds: string[];
  entries: ProofEntry[];
}

export interface CustodySnapshot {
  origin: string;
  treeSize: number;
  rootHash: string;
  note: string;
  proof(itemIds: readonly string[], requestId: number): ItemProof;
}

export function custodySnapshot(core: CoreContext): CustodySnapshot {
  const treeSize = core.custody.head().seq;
  const tree = custodyTree(core.db, core.key.privateKey, treeSize);
  const root = tree.root();
  const rootHash = root.toString('base64');
  const select = core.db.prepare('SELECT * FROM custody_log WHERE object_id = ? AND seq <= ? ORDER BY seq');
  return {
    origin: core.origin,
    treeSize,
    rootHash,
    note: signedTreeNote(core.key, core.origin, treeSize, root),
    proof(itemIds, requestId) {
      const rows = itemIds.flatMap((id) => select.all(id, treeSize) as CustodyRow[]).sort((a, b) => a.seq - b.seq);
      const entries = rows
        .filter((r) => {
          const details = JSON.parse(r.details) as { requestId?: unknown };
          return details.requestId === undefined || details.requestId === requestId;
        })
        .map((r) => {
          const { hash, ...rest } = r;
          return { seq: r.seq, encoding: canonicalEntry(rest), entryHash: hash, auditPath: tree.inclusionPath(r.seq - 1).map((b) => b.toString('base64')) };
        });
      return { format: 'custodian-inclusion-proof-v1', origin: core.origin, treeSize, rootHash, itemIds: [...itemIds], entries };
    },
  };
}
