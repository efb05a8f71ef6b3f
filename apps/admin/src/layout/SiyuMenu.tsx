import { Menu, useHasDashboard, useResourceDefinitions } from 'react-admin';
import { RefundsMenuItem } from './RefundsMenuBadge';

/**
 * react-admin's menu (one item per resource the role may list), with the after-sales item
 * carrying the count of cases waiting for customer service.
 */
export const SiyuMenu = () => {
  const resources = useResourceDefinitions();
  const hasDashboard = useHasDashboard();
  return (
    <Menu>
      {hasDashboard ? <Menu.DashboardItem /> : null}
      {Object.keys(resources)
        .filter((name) => resources[name]?.hasList)
        .map((name) =>
          name === 'refunds' ? <RefundsMenuItem key={name} /> : <Menu.ResourceItem key={name} name={name} />,
        )}
    </Menu>
  );
};
