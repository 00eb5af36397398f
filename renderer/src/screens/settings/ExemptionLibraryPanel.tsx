import { call } from '../../api';
import { countOf } from '../../../../shared/plural';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';

/** What a legal reviewer may cite. Paragraph letters of KRS 61.168(4) not yet checked by counsel are marked. */
export function ExemptionLibraryPanel() {
  const list = useLoad(() => call('exemptions.list', {}), 'exemptions');
  return (
    <section className="panel stack" aria-labelledby="exemptions-title">
      <h2 id="exemptions-title">Exemption library</h2>
      <p className="muted small">
        Entries marked &ldquo;unverified&rdquo; carry a KRS 61.168(4) paragraph letter that counsel has not yet checked against the current statute; letters cite
        them as written here.
      </p>
      <ErrorAlert message={list.error} />
      <table className="data-table exemptions-table">
        <caption>{list.data ? countOf(list.data.length, 'ground') : 'Loading…'}</caption>
        <thead>
          <tr>
            <th scope="col">Citation</th>
            <th scope="col">Ground</th>
            <th scope="col">Id</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.map((x) => (
            <tr key={x.id}>
              <td className="nowrap">
                {x.cite} {x.unverified && <span className="badge badge-warn">unverified</span>}
              </td>
              <td>
                <strong>{x.title}</strong>
                <div className="small muted">{x.text}</div>
              </td>
              <td className="mono small">{x.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
