import type { Category } from '@siyu/shared';
import { useMemo } from 'react';
import { AutocompleteInput, useGetList, type Validator } from 'react-admin';
import { categoryPath, flattenTree } from '../categories/tree';

/** Picks a category by its full path (美妆个护 › 面部护理 › 洁面), in tree order. */
export const CategoryInput = (props: {
  source?: string;
  validate?: Validator | Validator[];
  alwaysOn?: boolean;
  label?: string;
  onlyEnabled?: boolean;
}) => {
  const { source = 'categoryId', onlyEnabled, ...rest } = props;
  const { data, isPending } = useGetList<Category>('categories', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'sortOrder', order: 'ASC' },
  });
  const choices = useMemo(
    () =>
      flattenTree(data ?? [])
        .filter(({ category }) => !onlyEnabled || category.enabled)
        .map(({ category }) => ({ id: category.id, name: categoryPath(category) })),
    [data, onlyEnabled],
  );
  return (
    <AutocompleteInput
      source={source}
      choices={choices}
      isPending={isPending}
      translateChoice={false}
      label="resources.products.fields.categoryId"
      {...rest}
    />
  );
};
