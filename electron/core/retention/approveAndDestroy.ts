import type { DestructionBatchInfo } from '../../../shared/contract';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import { approveBatch, batchInfo } from './batches';
import { storeCertificate } from './certificate';
import { runDestruction, type StepObserver } from './destroyBatch';

/** The second person's approval, then the destruction it allows and the certificate. */
export async function approveAndDestroy(core: CoreContext, actor: Actor, batchId: number, onStep?: StepObserver): Promise<DestructionBatchInfo> {
  approveBatch(core, actor, batchId);
  onStep?.('approved', String(batchId));
  runDestruction(core, actor, batchId, onStep);
  await storeCertificate(core, actor, batchId);
  onStep?.('certificate-stored', String(batchId));
  return batchInfo(core, batchId);
}
