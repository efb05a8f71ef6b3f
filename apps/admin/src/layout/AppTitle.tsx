import { useTranslate } from 'react-admin';

/** The app's name in the app bar when a page sets no title of its own. */
export const AppTitle = () => {
  const translate = useTranslate();
  return <>{translate('siyu.app.title')}</>;
};
