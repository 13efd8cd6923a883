import type { KubeEvent } from '../../api/types';

export function EventsTable({ events }: { events: KubeEvent[] }) {
  if (events.length === 0) return <p class="muted">No events.</p>;
  return (
    <table class="plain">
      <caption class="sr-only">Kubernetes events</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Reason</th>
          <th scope="col">Source</th>
          <th scope="col">Message</th>
          <th scope="col">Count</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr key={i}>
            <td>{e.type === 'Warning' ? <span class="badge warn">Warning</span> : e.type}</td>
            <td>{e.reason}</td>
            <td>{e.source ?? ''}</td>
            <td>{e.message}</td>
            <td>{e.count ?? 1}</td>
            <td>{e.lastTimestamp ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
