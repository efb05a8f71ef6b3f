import type { ReactNode } from 'react';
import { AppBar, Layout, LoadingIndicator, LocalesMenuButton, TitlePortal } from 'react-admin';
import { CurrentRole } from './CurrentRole';

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
  <Layout appBar={SiyuAppBar}>{children}</Layout>
);
