import { CreateButton, List, TopToolbar } from 'react-admin';
import { CategoryTree } from './CategoryTree';

const ListActions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

/** The whole tree on one page (a shop has dozens of categories, the API serves up to 500). */
const CategoryList = () => (
  <List
    actions={<ListActions />}
    perPage={500}
    pagination={false}
    sort={{ field: 'sortOrder', order: 'ASC' }}
    exporter={false}
  >
    <CategoryTree />
  </List>
);

export default CategoryList;
