// One object of the tree: its live and desired manifests, the diff, its Events, a Pod's log.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DiffView, ManifestsView, ResourceNode, ResourceRef } from '../../api/types';
import { DiffView as Diff } from '../../components/DiffView';
import { Tabs } from '../../components/Tabs';
import { type Async, useAsync } from '../../components/useAsync';
import { useShell } from '../../context';
import { toYaml } from '../../state/yaml';
import { EventsTable } from './EventsTable';

/** The same object: group, kind, namespace and name (the API version does not matter). */
export function sameObject(a: ResourceRef, b: ResourceRef): boolean {
  return a.group === b.group && a.kind === b.kind && (a.namespace ?? '') === (b.namespace ?? '') && a.name === b.name;
}

export function ObjectPanel(props: {
  namespace: string;
  app: string;
  node: ResourceNode;
  manifests: Async<ManifestsView>;
  diff: Async<DiffView>;
  onClose: () => void;
}) {
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
  const object = props.manifests.value?.objects.find((o) => sameObject(o, n));
  const objectDiff = props.diff.value?.objects.find((o) => sameObject(o, n));
  const notDesired = n.managed ? 'Not found among the desired objects.' : 'Created by another controller: not in Git.';

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
      {(n.health?.message || n.message) && <p class="muted">{n.health?.message ?? n.message}</p>}
      <Tabs label="Object views" idPrefix="obj" tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'live' && (
          <Loaded state={props.manifests}>
            {object?.live ? <pre class="code">{toYaml(object.live)}</pre> : <p class="muted">{object ? 'Not in the cluster yet.' : notDesired}</p>}
          </Loaded>
        )}
        {tab === 'desired' && (
          <Loaded state={props.manifests}>
            {object?.desired ? <pre class="code">{toYaml(object.desired)}</pre> : <p class="muted">{notDesired}</p>}
          </Loaded>
        )}
        {tab === 'diff' && (
          <Loaded state={props.diff}>
            <Diff diff={objectDiff?.diff ?? ''} />
          </Loaded>
        )}
        {tab === 'events' && <ObjectEvents namespace={props.namespace} app={props.app} node={n} />}
        {tab === 'logs' && <PodLog namespace={props.namespace} app={props.app} node={n} />}
      </Tabs>
    </section>
  );
}

function Loaded<T>(props: { state: Async<T>; children: ComponentChildren }) {
  if (props.state.error) return <p class="error">{props.state.error.message}</p>;
  if (props.state.value === undefined) return <p>Loading…</p>;
  return <>{props.children}</>;
}

function ObjectEvents(props: { namespace: string; app: string; node: ResourceNode }) {
  const { api } = useShell();
  const events = useAsync(() => api.events(props.namespace, props.app, props.node), [props.node.name, props.node.kind]);
  return <Loaded state={events}>{events.value && <EventsTable events={events.value.items} />}</Loaded>;
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
      .logs(props.namespace, props.app, { namespace: props.node.namespace ?? props.namespace, name: props.node.name }, (t) => setText((s) => s + t), abort.signal)
      .catch((e: Error) => abort.signal.aborted || setError(e.message));
    return () => abort.abort();
  }, [props.node.name]);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);
  return (
    <>
      {error && <p class="error">{error}</p>}
      <pre class="code" ref={box} aria-label={`Log of Pod ${props.node.name}`} data-testid="pod-log" style="max-height:60vh">
        {text || 'Waiting for log lines…'}
      </pre>
    </>
  );
}
