/** English: react-admin's own pack plus the project's keys (same keys as zh-CN.ts). */
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import { catalogEnglish, catalogErrorsEnglish } from './catalog.en';
import { ordersEnglish, ordersErrorsEnglish } from './orders.en';
import { refundSettingsEnglish, refundsEnglish, refundsErrorsEnglish } from './refunds.en';
import type { OwnMessages } from './zh-CN';

export const ownEnglish: OwnMessages = {
  resources: {
    ...catalogEnglish,
    ...ordersEnglish,
    ...refundsEnglish,
    'staff-users': {
      name: 'Staff user |||| Staff users',
      fields: {
        id: 'ID',
        username: 'Username',
        displayName: 'Name',
        role: 'Role',
        phone: 'Mobile',
        disabled: 'Disabled',
        lastLoginAt: 'Last login',
        lockedUntil: 'Locked until',
        createdAt: 'Created',
        updatedAt: 'Updated',
        password: 'Initial password',
      },
      filters: {
        q: 'Search username or name',
        status: 'Status',
        active: 'Active',
        disabled: 'Disabled',
      },
      helpers: {
        username: '3–32 lowercase letters, digits, dot, dash or underscore; cannot be changed later',
        password: 'At least %{min} characters; staff can change it after first login',
        phone: 'An 11-digit mainland mobile number, masked in lists',
      },
      validation: {
        password_min: 'The password needs at least %{min} characters',
        phone: 'Enter an 11-digit mobile number',
        username: 'Username: 3–32 lowercase letters, digits, dot, dash or underscore',
      },
      actions: {
        reset_password: 'Reset password',
        disable: 'Disable account',
        enable: 'Enable account',
      },
      reset_password: {
        title: 'Reset the password of %{name}',
        content:
          'The new password works at once and ends the sessions of this person. Give it to them through a safe channel.',
        new_password: 'New password',
        done: 'Password reset',
      },
      disable: {
        title: 'Disable the account %{name}?',
        content: 'The person is logged out at once and cannot log in again until the account is enabled.',
        done: 'Account disabled',
      },
      enable: {
        title: 'Enable the account %{name}?',
        content: 'The person can log in again.',
        done: 'Account enabled',
      },
    },
    settings: {
      name: 'Shop settings |||| Shop settings',
      fields: {
        id: 'ID',
        shopName: 'Shop name',
        timeZone: 'Time zone',
        orderAutoCloseMinutes: 'Close unpaid orders after (minutes)',
        autoConfirmDays: 'Confirm receipt after shipping (days)',
        refundWindowDays: 'After-sales window (days)',
        csSlaHours: 'Customer-service SLA (hours)',
        kpiConversionAlertBp: 'Conversion alert threshold (%)',
        kpiRepurchase7dAlertBp: '7-day repurchase alert threshold (%)',
        updatedAt: 'Last updated',
        version: 'Version',
        ...refundSettingsEnglish.fields,
      },
      sections: {
        general: 'General',
        orders: 'Orders and after-sales',
        kpi: 'KPI alerts',
        ...refundSettingsEnglish.sections,
      },
      helpers: {
        timeZone: 'An IANA time zone such as Asia/Shanghai; dashboards bucket by it',
        percent: 'In percent: 3 means 3 %, at most two decimals',
        ...refundSettingsEnglish.helpers,
      },
      validation: {
        time_zone: 'Enter a valid IANA time zone such as Asia/Shanghai',
        percent: 'Enter a percentage between 0 and 100 with at most two decimals',
        ...refundSettingsEnglish.validation,
      },
      messages: {
        saved: 'Shop settings saved',
      },
    },
    'audit-logs': {
      name: 'Audit log |||| Audit log',
      fields: {
        id: 'ID',
        at: 'Time',
        actorId: 'Actor ID',
        actorName: 'Actor',
        actorRole: 'Role',
        action: 'Action',
        resource: 'Resource',
        resourceId: 'Record ID',
        before: 'Before',
        after: 'After',
        ip: 'IP address',
        requestId: 'Request ID',
      },
      filters: {
        at_gte: 'From',
        at_lte: 'To',
      },
      action_names: {
        create: 'Create',
        update: 'Update',
        delete: 'Delete',
        login: 'Login',
        login_failed: 'Failed login',
        logout: 'Logout',
        lockout: 'Lockout',
        forbidden: 'Refused (403)',
        password_reset: 'Password reset',
        password_change: 'Password change',
        reveal: 'Reveal personal data',
        purge: 'Purge',
      },
      purge: {
        button: 'Purge old entries',
        title: 'Purge the audit log',
        content:
          'Entries older than the number of days below are deleted for good. The log is always kept for at least %{min} days.',
        days: 'Delete entries older than (days)',
        confirm: 'Purge',
        done: '1 entry deleted |||| %{smart_count} entries deleted',
        min: 'At least %{min} days',
      },
      detail: {
        empty: '(none)',
      },
    },
  },
  siyu: {
    app: {
      title: 'Siyu Back Office',
    },
    roles: {
      admin: 'Admin',
      operator: 'Operator',
      customer_service: 'Customer service',
      manager: 'Manager',
      system: 'System',
    },
    layout: {
      current_user: 'Current user',
      language: 'Language',
    },
    auth: {
      invalid_credentials: 'Wrong username or password',
      account_locked: 'Too many failed attempts: the account is locked for a while, try again later',
      rate_limited: 'Too many attempts, please wait a moment',
      account_disabled: 'This account is disabled; ask an administrator',
      validation_failed: 'Enter a username and a password',
    },
    errors: {
      VALIDATION_FAILED: 'Some fields are not valid, see the marked fields',
      BAD_REQUEST: 'The request is not valid',
      UNAUTHENTICATED: 'Please log in',
      INVALID_CREDENTIALS: 'Wrong username or password',
      ACCOUNT_LOCKED: 'The account is locked for a while, try again later',
      ACCOUNT_DISABLED: 'This account is disabled',
      FORBIDDEN: 'You are not allowed to do this',
      FOREIGN_ORIGIN: 'Requests from this origin are refused',
      UNSUPPORTED_MEDIA_TYPE: 'The request format is not supported',
      NOT_FOUND: 'The record does not exist or was removed',
      CONFLICT: 'This conflicts with the current data; reload and try again',
      VERSION_CONFLICT:
        'Not saved: someone else changed this record in the meantime. Reload the page to get the latest version, then edit again; what you typed is still in the form.',
      ILLEGAL_TRANSITION: 'This action is not possible in the current state',
      PRECONDITION_REQUIRED: 'The record version is missing; reload the page and try again',
      PAYLOAD_TOO_LARGE: 'What you sent is too large',
      BUSINESS_RULE: 'This breaks a business rule',
      LAST_ADMIN: 'The last administrator cannot be disabled or demoted',
      USERNAME_TAKEN: 'This username is already taken',
      INSUFFICIENT_STOCK: 'Not enough stock',
      RATE_LIMITED: 'Too many requests, please wait a moment',
      INTERNAL: 'The server failed; please try again later',
      NETWORK: 'Cannot reach the server; check the network and try again',
      ...catalogErrorsEnglish,
      ...ordersErrorsEnglish,
      ...refundsErrorsEnglish,
    },
    forbidden: {
      title: 'Access denied',
      message: 'Your role may not see this page. Ask an administrator if you need it.',
      back: 'Back to the dashboard',
    },
    dashboard: {
      welcome: 'Welcome, %{name}',
      subtitle: 'These business figures are coming soon, summed on the server in the shop time zone.',
      coming_soon: 'Coming soon',
      kpis: {
        gmv: { title: 'GMV', description: 'Paid order value, day by day' },
        orders: { title: 'Orders', description: 'Placed and paid orders, day by day' },
        conversion: { title: 'Conversion', description: 'Paying buyers / visitors (UV)' },
        repurchase7d: {
          title: '7-day repurchase',
          description: 'Share of buyers who buy again within 7 days',
        },
        refundRate: { title: 'Refund rate', description: 'Refunded / paid amount' },
        csSla: { title: 'CS SLA', description: 'After-sales cases handled within the SLA' },
      },
    },
  },
};

const en: TranslationMessages = { ...englishMessages, ...ownEnglish };

export default en;
