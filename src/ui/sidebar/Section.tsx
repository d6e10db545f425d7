import type { ComponentChildren } from 'preact';

/**
 * A collapsible panel. Native <details>/<summary> gives keyboard access
 * (Enter/Space toggle) and the expanded state to screen readers for free.
 */
export function Section(props: { id: string; title: string; count?: number; children: ComponentChildren }) {
  return (
    <details class="pa-section" open data-section={props.id}>
      <summary class="pa-section-title">
        <span>{props.title}</span>
        {props.count !== undefined && <span class="pa-count">{props.count}</span>}
      </summary>
      <div class="pa-section-body">{props.children}</div>
    </details>
  );
}
