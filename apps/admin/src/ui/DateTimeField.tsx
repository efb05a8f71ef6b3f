import { DateField, type DateFieldProps, useLocaleState } from 'react-admin';

/** A timestamp with date and time, formatted for the UI's language (not the browser's). */
export const DateTimeField = (props: DateFieldProps) => {
  const [locale] = useLocaleState();
  return <DateField showTime locales={locale} {...props} />;
};
