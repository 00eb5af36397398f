import { useEffect } from 'react';
import type { FindingInfo } from '../../shared/contract';
import { call } from './api';
import { findingsSignal } from './findingsSignal';
import { useLoad, type Loaded } from './useLoad';

export function useFindings(includeAcknowledged: boolean): Loaded<FindingInfo[]> {
  const loaded = useLoad(() => call('findings.list', { includeAcknowledged }), String(includeAcknowledged));
  const { reload } = loaded;
  useEffect(() => findingsSignal.subscribe(reload), [reload]);
  return loaded;
}
