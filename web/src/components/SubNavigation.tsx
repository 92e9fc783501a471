import { Link } from '../router.js';

export interface SubNavigationItem {
  href: string;
  label: string;
  current: boolean;
}

/**
 * The sub navigation pattern: links to the pages of one thing (a case),
 * the current one marked with `aria-current="page"`. Ordinary links, so
 * each page has its own address and works with Tab and Enter.
 */
export function SubNavigation({ label, items }: { label: string; items: readonly SubNavigationItem[] }) {
  return (
    <nav className="app-sub-navigation" aria-label={label}>
      <ul className="app-sub-navigation__list">
        {items.map((item) => (
          <li className={`app-sub-navigation__item${item.current ? ' app-sub-navigation__item--current' : ''}`} key={item.href}>
            <Link className="govuk-link govuk-link--no-visited-state app-sub-navigation__link" to={item.href} aria-current={item.current ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
