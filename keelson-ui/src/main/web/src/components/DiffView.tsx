// A unified diff with added and removed lines marked in words for screen readers as well.
export function DiffView({ diff }: { diff: string }) {
  if (!diff.trim()) return <p class="muted">No difference: the live object matches Git.</p>;
  return (
    <pre class="code diff" aria-label="Unified diff, desired against live">
      {diff.split('\n').map((line, i) => {
        const cls = line.startsWith('@@')
          ? 'hunk'
          : line.startsWith('+') && !line.startsWith('+++')
            ? 'add'
            : line.startsWith('-') && !line.startsWith('---')
              ? 'del'
              : '';
        return (
          <span key={i} class={cls}>
            {cls === 'add' && <span class="sr-only">added </span>}
            {cls === 'del' && <span class="sr-only">removed </span>}
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
