// One object of the tree: its live and desired manifests, the diff, its Events, a Pod's log.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ResourceNode } from '../../api/types';
import { DiffView } from '../../components/DiffView';
import { Tabs } from '../../components/Tabs';
import { useAsync } from '../../components/useAsync';
import { useShell } from '../../context';
import { EventsTable } from './EventsTable';

export function ObjectPanel(props: { namespace: string; app: string; node: ResourceNode; onClose: () => void }) {
  const { api } = useShell();
  const [tab, setTab] = useState('diff');
  const n = props.node;
  const isPod = n.kind === 'Pod' && n.group === '';
  const tabs = [
    { id: 'live', label: 'Live' },
    { id: 'desired', label: 'Desired' },
    { id: 'diff', label: 'Diff' },
    { id: 'events', label: 'Events' },
    ...(isPod ? [{ id: 'logs', label: 'Logs' }] : []),
  ];
  const manifests = useAsync(() => api.manifests(props.namespace, props.app, n), [n.kind, n.name, n.namespace]);
  const diff = useAsync(() => api.diff(props.namespace, props.app, n), [n.kind, n.name, n.namespace]);

  return (
    <section class="panel" aria-labelledby="object-title" data-testid="object-panel">
      <h2 id="object-title">
        <span>
          {n.kind} {n.namespace ? `${n.namespace}/` : ''}
          {n.name}
        </span>
        <button type="button" onClick={props.onClose} aria-label="Close object">
          ✕
        </button>
      </h2>
      {n.health?.message && <p class="muted">{n.health.message}</p>}
      <Tabs label="Object views" idPrefix="obj" tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'live' && <Yaml text={manifests.value?.live} empty="Not in the cluster." error={manifests.error} />}
        {tab === 'desired' && <Yaml text={manifests.value?.desired} empty="Not in Git: to be pruned." error={manifests.error} />}
        {tab === 'diff' &&
          (diff.error ? (
            <p class="error">{diff.error.message}</p>
          ) : diff.value ? (
            <DiffView diff={diff.value.items.map((d) => d.diff).join('\n')} />
          ) : (
            <p>Loading…</p>
          ))}
        {tab === 'events' && <ObjectEvents namespace={props.namespace} app={props.app} node={n} />}
        {tab === 'logs' && <PodLog namespace={props.namespace} app={props.app} node={n} />}
      </Tabs>
    </section>
  );
}

function Yaml(props: { text?: string; empty: string; error?: Error }) {
  if (props.error) return <p class="error">{props.error.message}</p>;
  if (props.text === undefined) return <p class="muted">{props.empty}</p>;
  return <pre class="code">{props.text}</pre>;
}

function ObjectEvents(props: { namespace: string; app: string; node: ResourceNode }) {
  const { api } = useShell();
  const events = useAsync(() => api.events(props.namespace, props.app, props.node), [props.node.name, props.node.kind]);
  if (events.error) return <p class="error">{events.error.message}</p>;
  if (!events.value) return <p>Loading…</p>;
  return <EventsTable events={events.value.items} />;
}

/** The log streams while the tab is open; leaving the tab aborts the request. */
function PodLog(props: { namespace: string; app: string; node: ResourceNode }) {
  const { api } = useShell();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const abort = new AbortController();
    setText('');
    api
      .logs(props.namespace, props.app, { namespace: props.node.namespace ?? '', name: props.node.name }, (t) => setText((s) => s + t), abort.signal)
      .catch((e: Error) => abort.signal.aborted || setError(e.message));
    return () => abort.abort();
  }, [props.node.name]);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);
  return (
    <>
      {error && <p class="error">{error}</p>}
      <pre class="code" ref={box} aria-live="off" aria-label={`Log of Pod ${props.node.name}`} data-testid="pod-log" style="max-height:60vh">
        {text || 'Waiting for log lines…'}
      </pre>
    </>
  );
}
