/** Placeholder: the records-request desk is built in its own change. */
export function RequestsScreen() {
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">Requests</h1>
      <p className="muted">Requests — coming next</p>
    </section>
  );
}
