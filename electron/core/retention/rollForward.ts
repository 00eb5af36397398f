import type { CoreContext } from '../coreContext';
import { storeCertificate } from './certificate';
import { runDestruction } from './destroyBatch';

/**
 * Start-up hook (ingest/reconcile.ts): an approved destruction a crash interrupted is finished.
 * The approval was recorded and every item marked 'destroying' in that transaction, so rolling
 * forward is what the approver decided; afterwards every item is either whole or destroyed
 * with its tombstone, and each destroyed batch has its certificate.
 */
export async function rollForwardDestructions(core: CoreContext): Promise<number[]> {
  const batches = (core.db.prepare("SELECT DISTINCT b.id FROM destruction_batches b LEFT JOIN destruction_items di ON di.batch_id = b.id WHERE b.state = 'approved' OR (b.state = 'destroyed' AND b.certificate_item_id IS NULL) OR di.state = 'destroying' ORDER BY b.id").all() as { id: number }[]).map((r) => r.id);
  const actor = core.systemActor();
  for (const id of batches) {
    runDestruction(core, actor, id);
    await storeCertificate(core, actor, id);
  }
  return batches;
}
