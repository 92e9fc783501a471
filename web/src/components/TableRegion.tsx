import { useId, type ReactNode } from 'react';

/**
 * A table too wide for a phone scrolls inside its own region, never the
 * page: the region is focusable (so it scrolls with the arrow keys) and
 * named by the table's caption.
 */
export function TableRegion({ caption, captionClass = 'govuk-table__caption govuk-table__caption--s', children }: { caption: string; captionClass?: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="govuk-table">
        <caption className={captionClass} id={id}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
