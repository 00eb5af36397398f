import { SYSTEM_USE_NOTICE } from './systemUseNotice';

interface Props {
  /** The agency's notice from the core; the built-in one if it has none. */
  text: string | null | undefined;
  acknowledged: boolean;
  onAcknowledged: (v: boolean) => void;
}

/** CJIS AC-8: shown before sign-in and accepted with a tick, which the core records. */
export function SystemUseNotice({ text, acknowledged, onAcknowledged }: Props) {
  const paragraphs = text && text.trim() ? text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean) : SYSTEM_USE_NOTICE;
  return (
    <section className="system-notice" aria-labelledby="notice-title">
      <h2 id="notice-title">System use notice</h2>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <label className="check">
        <input type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledged(e.target.checked)} />
        <span>I have read and accept this notice</span>
      </label>
    </section>
  );
}
