import type { ComponentChildren } from 'preact';

export interface SectionProps {
  id: string;
  title: string;
  count?: number;
  collapsed: boolean;
  onToggle: (id: string, collapsed: boolean) => void;
  children: ComponentChildren;
}

/**
 * A collapsible panel. Native <details>/<summary> gives keyboard access
 * (Enter/Space toggle) and the expanded state to screen readers for free;
 * the state is reported up so it can be remembered across pages.
 */
export function Section(props: SectionProps) {
  return (
    <details
      class="pa-section"
      open={!props.collapsed}
      data-section={props.id}
      onToggle={(e) => {
        const open = (e.currentTarget as HTMLDetailsElement).open;
        if (open === props.collapsed) props.onToggle(props.id, !open);
      }}
    >
      <summary class="pa-section-title">
        <span>{props.title}</span>
        {props.count !== undefined && <span class="pa-count">{props.count}</span>}
      </summary>
      <div class="pa-section-body">{props.children}</div>
    </details>
  );
}

/** The props every panel passes through to its Section. */
export type SectionState = Pick<SectionProps, 'collapsed' | 'onToggle'>;
