import type { SessionInfo } from '../../../../shared/contract';
import { hrefFor } from '../../router';
import { useFindings } from '../../useFindings';

/** Open integrity findings stay in front of everyone until an administrator acknowledges them. */
export function FindingsBanner({ session }: { session: SessionInfo }) {
  const { data } = useFindings(false);
  const open = data?.filter((f) => !f.acknowledgedAt) ?? [];
  if (open.length === 0) return null;
  const isAdmin = session.roles.includes('administrator');
  return (
    <section className="banner-danger" role="region" aria-label="Open integrity findings">
      <strong>
        {open.length === 1 ? '1 open integrity finding' : `${open.length} open integrity findings`}
      </strong>
      <ul>
        {open.slice(0, 3).map((f) => (
          <li key={f.id}>{f.summary}</li>
        ))}
        {open.length > 3 && <li>…and {open.length - 3} more</li>}
      </ul>
      <a href={hrefFor({ name: 'custody' })}>
        {isAdmin ? 'Review and acknowledge in the custody log' : 'Review in the custody log; an administrator must acknowledge it'}
      </a>
    </section>
  );
}
