import { m0010 } from './m0010_foundation';
import { m0020 } from './m0020_recordings';
import { m0030 } from './m0030_requests';
import { m0040 } from './m0040_accounts_hardening';
import { m0050 } from './m0050_request_due_frozen';
import { m0060 } from './m0060_school_clearance';
import { m0080 } from './m0080_minors_unset';
import { m0090 } from './m0090_redaction';
import { m0100 } from './m0100_release_exports';
import { m0110 } from './m0110_retention';
import { m0120 } from './m0120_custody_log_filters';
import { m0130 } from './m0130_detection';
import { m0140 } from './m0140_checkpoint_seals';
import { m0150 } from './m0150_library_query_speed';
import { m0160 } from './m0160_detection_edits';
import { m0170 } from './m0170_library_rows';
import { m0180 } from './m0180_checkpoint_range_seal';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In steps of ten, applied in order; each feature adds its own file. */
export const migrations: Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0080, m0090, m0100, m0110, m0120, m0130, m0140, m0150, m0160, m0170, m0180];
