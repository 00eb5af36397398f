import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Tabs } from '../../components/Tabs';
import { DueSection } from './DueSection';
import { HoldsSection } from './HoldsSection';
import { BatchesSection } from './BatchesSection';
import { DestroyedSection } from './DestroyedSection';
import { RulesSection } from './RulesSection';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';

const TABS = [
  { id: 'due', label: 'Due soon' },
  { id: 'holds', label: 'On hold' },
  { id: 'batches', label: 'Batches awaiting approval' },
  { id: 'destroyed', label: 'Destroyed' },
  { id: 'rules', label: 'Rules' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** Retention: the schedule's daily review, holds, the second person's approval, tombstones and certificates. */
export function RetentionScreen({ session }: { session: SessionInfo }) {
  const [tab, setTab] = useState<Tab>('due');
  const data = useLoad(
    async () => {
      const [due, holds, batches, tombstones, rules, appeal] = await Promise.all([
        call('retention.due', { withinDays: 14 }),
        call('holds.list', {}),
        call('destruction.batches', {}),
        call('destruction.tombstones', {}),
        call('retention.rules', {}),
        call('retention.settings', {}),
      ]);
      return { due, holds, batches, tombstones, rules, appeal };
    },
    'retention',
  );
  const d = data.data;
  // Dates are the agency's calendar days, not UTC ones.
  const { timeZone } = useAgencyTimeZone();
  const waiting = d?.batches.filter((b) => b.state === 'proposed').length ?? 0;
  const counts: Partial<Record<Tab, number>> = d ? { due: d.due.length, holds: d.holds.length, batches: waiting, destroyed: d.tombstones.length } : {};
  const tabs = TABS.map((t) => ({ id: t.id, label: counts[t.id] === undefined ? t.label : `${t.label} (${counts[t.id]})` }));
  return (
    <section className="stack" aria-labelledby="retention-title">
      <h1 id="retention-title">Retention</h1>
      <ErrorAlert message={data.error} />
      <Tabs label="Retention" tabs={tabs} selected={tab} onSelect={setTab}>
        {d && (
          <>
            {tab === 'due' && <DueSection due={d.due} session={session} timeZone={timeZone} onChanged={data.reload} />}
            {tab === 'holds' && <HoldsSection holds={d.holds} session={session} timeZone={timeZone} onChanged={data.reload} />}
            {tab === 'batches' && <BatchesSection batches={d.batches} session={session} timeZone={timeZone} onChanged={data.reload} />}
            {tab === 'destroyed' && <DestroyedSection tombstones={d.tombstones} timeZone={timeZone} />}
            {tab === 'rules' && <RulesSection rules={d.rules} appeal={d.appeal} session={session} onChanged={data.reload} />}
          </>
        )}
      </Tabs>
    </section>
  );
}
