import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from '../modules/notifications/components/NotificationBell';
import { visibleNav } from './navigation';
import { useSignOut, useUser } from './session';

function AccountMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
      }
    };
    document.addEventListener('mousedown', onDoc);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDoc);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  if (!user) return null;
  return (
    <div className="account-menu" ref={ref}>
      <button type="button" className="account-button" aria-expanded={open} aria-controls="account-menu-list" onClick={() => setOpen(!open)}>
        <span className="visually-hidden">{t('shell.accountMenu')}{t('common.colon')}</span>
        {user.name}
      </button>
      <ul id="account-menu-list" className="account-menu-list" hidden={!open}>
        <li>
          <Link to="/account" onClick={() => setOpen(false)}>
            {t('shell.changePassword')}
          </Link>
        </li>
        <li>
          <button
            type="button"
            className="link-button"
            onClick={async () => {
              setOpen(false);
              await signOut();
              navigate('/sign-in');
            }}
          >
            {t('shell.signOut')}
          </button>
        </li>
      </ul>
    </div>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Close the small-screen menu and move focus to the new page's content on navigation.
  useEffect(() => {
    setNavOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('shell.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to={user ? '/' : '/find'} className="product-name">
            {t('app.name')}
          </Link>
          {user?.isDemo ? <span className="demo-badge">{t('shell.demoAccount')}</span> : null}
          <div className="header-actions">
            <LanguageSwitch />
            {user ? <NotificationBell /> : null}
            {user ? (
              <AccountMenu />
            ) : (
              <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} className="header-sign-in">
                {t('shell.signIn')}
              </Link>
            )}
          </div>
        </div>
      </header>
      <div className={user ? 'layout' : 'layout layout-public'}>
        {user ? (
        <nav className="primary-nav" aria-label={t('shell.primaryNav')}>
          <button type="button" className="menu-button" aria-expanded={navOpen} aria-controls="primary-nav-list" onClick={() => setNavOpen(!navOpen)}>
            {t('shell.menu')}
          </button>
          <ul id="primary-nav-list" className={navOpen ? 'nav-list open' : 'nav-list'}>
            {visibleNav(user).map((item, i, all) => (
              <li key={item.key} className={item.admin ? 'nav-admin' : undefined}>
                {item.admin && !all[i - 1]?.admin ? <span className="nav-group-label">{t('nav.adminGroup')}</span> : null}
                <NavLink to={item.path} end={item.path === '/'}>
                  {t(`nav.${item.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        ) : null}
        <main id="main" tabIndex={-1} ref={mainRef}>
          {children}
        </main>
      </div>
      <footer className="site-footer">
        <p>
          {t('shell.footer')} · <a href="/docs">{t('shell.apiDocs')}</a>
        </p>
      </footer>
    </div>
  );
}
