// One application: state, actions, the resource tree with its objects, operation and history.
import { useEffect, useState } from 'preact/hooks';
import { subscribeApps } from '../../api/stream';
import type { ResourceNode } from '../../api/types';
import { HealthBadge, SyncBadge } from '../../components/Badges';
import { Tabs } from '../../components/Tabs';
import { useAsync } from '../../components/useAsync';
import { useShell } from '../../context';
import { detailPath } from '../../state/router';
import { flatten, refKey } from '../../state/tree';
import { waitingOf } from '../../state/waiting';
import { EventsTable } from './EventsTable';
import { HistoryView } from './HistoryView';
import { ObjectPanel } from './ObjectPanel';
import { OperationView } from './OperationView';
import { ResourceTreeView } from './ResourceTreeView';
import { ApprovalPanel, PinBanner, WaitingBanner } from './StatusBanners';
import { SyncDialog } from './SyncDialog';

const TABS = [
  { id: 'tree', label: 'Resources' },
  { id: 'operation', label: 'Operation' },
  { id: 'history', label: 'History' },
  { id: 'events', label: 'Events' },
];

export function DetailPage(props: { namespace: string; name: string; tab: string }) {
  const { api, navigate } = useShell();
  const { namespace: ns, name } = props;
  const app = useAsync(() => api.application(ns, name), [ns, name]);
  const tree = useAsync(() => api.resourceTree(ns, name), [ns, name]);
  const [selected, setSelected] = useState<ResourceNode | null>(null);
  // Rendering the desired state is the costly request: it is made once an object is opened.
  const [wantObjects, setWantObjects] = useState(false);
  const manifests = useAsync(() => (wantObjects ? api.manifests(ns, name) : new Promise<never>(() => undefined)), [ns, name, wantObjects]);
  const diff = useAsync(() => (wantObjects ? api.diff(ns, name) : new Promise<never>(() => undefined)), [ns, name, wantObjects]);
  const [syncing, setSyncing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // Reload on each change of this app that the stream reports.
  useEffect(
    () =>
      subscribeApps(
        {
          onChange: (c) => {
            if (c.app.namespace !== ns || c.app.name !== name) return;
            app.reload();
            tree.reload();
          },
        },
        new URLSearchParams({ namespace: ns, search: name }),
      ),
    [ns, name],
  );

  const act = (label: string, run: () => Promise<unknown>) =>
    run().then(
      () => {
        setNotice(`${label} requested.`);
        app.reload();
      },
      (e: Error) => setNotice(`${label} failed: ${e.message}`),
    );
  const open = (n: ResourceNode) => {
    setSelected(n);
    setWantObjects(true);
  };

  if (app.error) {
    return (
      <p class="error" role="alert">
        {app.error.message}
      </p>
    );
  }
  if (!app.value) return <p>Loading…</p>;
  const a = app.value.summary;
  const status = app.value.status ?? undefined;
  const managed = flatten(tree.value?.nodes ?? []).filter((n) => n.managed);

  return (
    <>
      <div class="detail-head">
        <h1>
          {a.namespace}/{a.name}
        </h1>
        <SyncBadge sync={a.sync} />
        <HealthBadge health={a.health} />
        {a.suspended && <span class="badge neutral">Suspended</span>}
        <span class="muted">
          {a.repoURL} {a.path} @ {a.targetRevision || 'HEAD'} → {a.cluster} · project {a.project}
        </span>
        <span style="flex:1" />
        <div class="actions">
          <button type="button" class="primary" onClick={() => setSyncing(true)}>
            Sync…
          </button>
          <button type="button" onClick={() => act('Refresh', () => api.refresh(ns, name))}>
            Refresh
          </button>
          {a.suspended ? (
            <button type="button" onClick={() => act('Resume', () => api.resume(ns, name))}>
              Resume
            </button>
          ) : (
            <button type="button" onClick={() => act('Suspend', () => api.suspend(ns, name))}>
              Suspend
            </button>
          )}
        </div>
      </div>
      <p role="status" class="muted notice" data-testid="notice">
        {notice ?? ''}
      </p>
      {a.healthMessage && <p class="muted">{a.healthMessage}</p>}
      <WaitingBanner waiting={waitingOf(app.value)} />
      <ApprovalPanel pending={status?.pendingApproval} onApprove={(rev) => act('Approval', () => api.approve(ns, name, rev))} />
      <PinBanner pin={status?.pinned} onUnpin={() => act('Clearing the pin', () => api.unpin(ns, name))} />
      <Tabs label="Application views" idPrefix="app" tabs={TABS} selected={props.tab} onSelect={(t) => navigate(detailPath(ns, name, t), true)}>
        {props.tab === 'tree' && (
          <div class={`split${selected ? ' with-panel' : ''}`}>
            <div style="overflow:auto">
              {tree.error && <p class="error">{tree.error.message}</p>}
              {tree.value && <ResourceTreeView appName={a.name} nodes={tree.value.nodes} selected={selected ? refKey(selected) : undefined} onSelect={open} />}
            </div>
            {selected && (
              <ObjectPanel namespace={ns} app={name} node={selected} manifests={manifests} diff={diff} onClose={() => setSelected(null)} />
            )}
          </div>
        )}
        {props.tab === 'operation' && (
          <OperationView op={status?.operationState} onTerminate={() => act('Terminate', () => api.terminateOperation(ns, name))} />
        )}
        {props.tab === 'history' && <HistoryTab ns={ns} name={name} onRollback={(id) => act('Rollback', () => api.rollback(ns, name, id))} />}
        {props.tab === 'events' && <AppEvents ns={ns} name={name} />}
      </Tabs>
      {syncing && (
        <SyncDialog
          namespace={ns}
          name={name}
          managed={managed}
          onClose={() => setSyncing(false)}
          onDone={() => {
            setSyncing(false);
            setNotice('Sync requested.');
            app.reload();
          }}
        />
      )}
    </>
  );
}

function HistoryTab(props: { ns: string; name: string; onRollback: (id: number) => Promise<unknown> }) {
  const { api } = useShell();
  const h = useAsync(() => api.history(props.ns, props.name), [props.ns, props.name]);
  if (h.error) return <p class="error">{h.error.message}</p>;
  if (!h.value) return <p>Loading…</p>;
  return <HistoryView items={h.value.entries} onRollback={(id) => props.onRollback(id).then(h.reload)} />;
}

function AppEvents(props: { ns: string; name: string }) {
  const { api } = useShell();
  const ev = useAsync(() => api.events(props.ns, props.name), [props.ns, props.name]);
  if (ev.error) return <p class="error">{ev.error.message}</p>;
  if (!ev.value) return <p>Loading…</p>;
  return <EventsTable events={ev.value.items} />;
}
