// WAI-ARIA tabs: arrow keys move between tabs, the selected one alone is in the tab order.
import type { ComponentChildren } from 'preact';

export interface TabDef {
  id: string;
  label: string;
}

export function Tabs(props: {
  label: string;
  idPrefix: string;
  tabs: TabDef[];
  selected: string;
  onSelect: (id: string) => void;
  children: ComponentChildren;
}) {
  const index = Math.max(0, props.tabs.findIndex((t) => t.id === props.selected));
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = props.tabs[(index + step + props.tabs.length) % props.tabs.length];
    props.onSelect(next.id);
    document.getElementById(`${props.idPrefix}-tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
        {props.tabs.map((t) => (
          <button
            key={t.id}
            role="tab"
            id={`${props.idPrefix}-tab-${t.id}`}
            aria-selected={t.id === props.selected}
            aria-controls={`${props.idPrefix}-panel`}
            tabIndex={t.id === props.selected ? 0 : -1}
            onClick={() => props.onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${props.idPrefix}-panel`} aria-labelledby={`${props.idPrefix}-tab-${props.selected}`}>
        {props.children}
      </div>
    </>
  );
}
