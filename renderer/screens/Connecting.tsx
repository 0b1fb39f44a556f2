// Shown until the counter service has told us the shop's status (currency, mode), or why it cannot.
import { loadStatus, useCounter } from '../store';

export function Connecting() {
  const error = useCounter((state) => state.lastErrors.status);
  if (!error) return <p className="connecting">Connecting to the counter service…</p>;
  return (
    <div className="connecting" role="alert">
      <h2>The counter is not ready</h2>
      <p>{error.message}</p>
      <button type="button" className="button button--primary" onClick={() => void loadStatus()}>
        Try again
      </button>
    </div>
  );
}
