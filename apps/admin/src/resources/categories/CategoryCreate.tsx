import { type Category, MAX_CATEGORY_LEVEL } from '@siyu/shared';
import { useMemo } from 'react';
import {
  BooleanInput,
  Create,
  maxLength,
  NumberInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useGetList,
  useLocation,
} from 'react-admin';

import { categoryPath, flattenTree } from './tree';

/** Parents may be of levels 1–2 only: a category is at most three levels deep. */
const useParentChoices = () => {
  const { data } = useGetList<Category>('categories', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'sortOrder', order: 'ASC' },
  });
  return useMemo(
    () =>
      flattenTree(data ?? [])
        .filter(({ category }) => category.level < MAX_CATEGORY_LEVEL)
        .map(({ category }) => ({ id: category.id, name: categoryPath(category) })),
    [data],
  );
};

const CategoryCreate = () => {
  const choices = useParentChoices();
  const { search } = useLocation();
  const parentId = Number(new URLSearchParams(search).get('parentId')) || null;
  const defaultValues = useMemo(() => ({ parentId, sortOrder: 0, enabled: true }), [parentId]);
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={defaultValues}>
        <TextInput source="name" validate={[required(), maxLength(30)]} />
        <SelectInput
          source="parentId"
          choices={choices}
          emptyText="resources.categories.helpers.root"
          helperText="resources.categories.helpers.parent"
          translateChoice={false}
        />
        <NumberInput
          source="sortOrder"
          min={0}
          step={1}
          helperText="resources.categories.helpers.sortOrder"
        />
        <BooleanInput source="enabled" />
      </SimpleForm>
    </Create>
  );
};

export default CategoryCreate;
