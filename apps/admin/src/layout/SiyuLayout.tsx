import type { ReactNode } from 'react';
import { AppBar, Layout, LoadingIndicator, LocalesMenuButton, TitlePortal } from 'react-admin';
import { CurrentRole } from './CurrentRole';
import { SiyuMenu } from './SiyuMenu';

const SiyuAppBar = () => (
  <AppBar
    toolbar={
      <>
        <CurrentRole />
        <LocalesMenuButton />
        <LoadingIndicator />
      </>
    }
  >
    <TitlePortal />
  </AppBar>
);

/** react-admin's layout: the menu lists only what the role may open (authProvider.canAccess). */
export const SiyuLayout = ({ children }: { children: ReactNode }) => (
  // min-width 0 lets wide content (a SKU grid, a long table) scroll inside the page instead of
  // stretching the whole layout past the window.
  <Layout appBar={SiyuAppBar} menu={SiyuMenu} sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 } }}>
    {children}
  </Layout>
);
