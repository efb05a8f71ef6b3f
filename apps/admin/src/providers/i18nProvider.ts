/** zh-CN first (bundled), English loaded on demand when someone switches language. */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import zhCN from '../i18n/zh-CN';

export const DEFAULT_LOCALE = 'zh-CN';

export const locales = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

function getMessages(locale: string): TranslationMessages | Promise<TranslationMessages> {
  if (locale === 'en') return import('../i18n/en').then((module) => module.default);
  return zhCN;
}

export const i18nProvider = polyglotI18nProvider(getMessages, DEFAULT_LOCALE, locales);
