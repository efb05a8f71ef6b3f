/**
 * zh-CN, the default language: react-admin's `ra.*` pack (raChinese) plus the project's own
 * keys. Conventions: `resources.<resource>.name` / `.fields.<field>` (react-admin's own), other
 * per-resource texts under `resources.<resource>.<group>.<key>`, app-wide texts under `siyu.*`
 * (`siyu.errors.<ERROR_CODE>` for every API error code).
 */
import type { TranslationMessages } from 'react-admin';
import { catalogErrorsZhCN, catalogZhCN } from './catalog.zh-CN';
import { ordersErrorsZhCN, ordersZhCN } from './orders.zh-CN';
import { raChinese } from './raChinese';
import { refundSettingsZhCN, refundsErrorsZhCN, refundsZhCN } from './refunds.zh-CN';

export const ownZhCN = {
  resources: {
    ...catalogZhCN,
    ...ordersZhCN,
    ...refundsZhCN,
    'staff-users': {
      name: '员工账号',
      fields: {
        id: 'ID',
        username: '用户名',
        displayName: '姓名',
        role: '角色',
        phone: '手机号',
        disabled: '已停用',
        lastLoginAt: '最近登录',
        lockedUntil: '锁定至',
        createdAt: '创建时间',
        updatedAt: '更新时间',
        password: '初始密码',
      },
      filters: {
        q: '搜索用户名或姓名',
        status: '状态',
        active: '正常',
        disabled: '已停用',
      },
      helpers: {
        username: '3–32 位小写字母、数字、点、横线或下划线，创建后不可修改',
        password: '至少 %{min} 个字符，员工首次登录后可自行修改',
        phone: '11 位手机号，列表中脱敏显示',
      },
      validation: {
        password_min: '密码至少 %{min} 个字符',
        phone: '请输入 11 位手机号',
        username: '用户名为 3–32 位小写字母、数字、点、横线或下划线',
      },
      actions: {
        reset_password: '重置密码',
        disable: '停用账号',
        enable: '启用账号',
      },
      reset_password: {
        title: '重置 %{name} 的密码',
        content: '新密码立即生效，该员工的现有登录会话将被结束。请通过安全渠道把新密码告知本人。',
        new_password: '新密码',
        done: '密码已重置',
      },
      disable: {
        title: '停用账号 %{name}？',
        content: '停用后该员工会立即被登出，且无法再登录。之后可以重新启用。',
        done: '账号已停用',
      },
      enable: {
        title: '启用账号 %{name}？',
        content: '启用后该员工可以重新登录。',
        done: '账号已启用',
      },
    },
    settings: {
      name: '店铺设置',
      fields: {
        id: 'ID',
        shopName: '店铺名称',
        timeZone: '时区',
        orderAutoCloseMinutes: '未支付订单自动关闭（分钟）',
        autoConfirmDays: '发货后自动确认收货（天）',
        refundWindowDays: '售后申请期限（天）',
        csSlaHours: '客服处理时限（小时）',
        kpiConversionAlertBp: '转化率预警阈值（%）',
        kpiRepurchase7dAlertBp: '7 日复购率预警阈值（%）',
        updatedAt: '最后更新',
        version: '版本',
        ...refundSettingsZhCN.fields,
      },
      sections: {
        general: '基本信息',
        orders: '订单与售后',
        kpi: 'KPI 预警',
        ...refundSettingsZhCN.sections,
      },
      helpers: {
        timeZone: 'IANA 时区，如 Asia/Shanghai；看板按此时区统计',
        percent: '按百分比填写，例如 3 表示 3%，最多两位小数',
        ...refundSettingsZhCN.helpers,
      },
      validation: {
        time_zone: '请输入有效的 IANA 时区，如 Asia/Shanghai',
        percent: '请输入 0 到 100 之间、最多两位小数的百分比',
        ...refundSettingsZhCN.validation,
      },
      messages: {
        saved: '店铺设置已保存',
      },
    },
    'audit-logs': {
      name: '审计日志',
      fields: {
        id: 'ID',
        at: '时间',
        actorId: '操作人 ID',
        actorName: '操作人',
        actorRole: '角色',
        action: '动作',
        resource: '资源',
        resourceId: '记录 ID',
        before: '修改前',
        after: '修改后',
        ip: 'IP 地址',
        requestId: '请求 ID',
      },
      filters: {
        at_gte: '起始日期',
        at_lte: '截止日期',
      },
      action_names: {
        create: '新建',
        update: '修改',
        delete: '删除',
        login: '登录',
        login_failed: '登录失败',
        logout: '退出登录',
        lockout: '账号锁定',
        forbidden: '越权访问',
        password_reset: '重置密码',
        password_change: '修改密码',
        reveal: '查看敏感信息',
        purge: '清理日志',
      },
      purge: {
        button: '清理旧日志',
        title: '清理审计日志',
        content: '将永久删除早于所填天数的审计日志，此操作不可撤销。日志至少保留 %{min} 天。',
        days: '删除多少天以前的日志',
        confirm: '确认清理',
        done: '已删除 %{smart_count} 条审计日志',
        min: '至少 %{min} 天',
      },
      detail: {
        empty: '（无）',
      },
    },
  },
  siyu: {
    app: {
      title: '私域小店后台',
    },
    roles: {
      admin: '管理员',
      operator: '运营',
      customer_service: '客服',
      manager: '经理',
      system: '系统',
    },
    layout: {
      current_user: '当前用户',
      language: '语言',
    },
    auth: {
      invalid_credentials: '用户名或密码错误',
      account_locked: '登录失败次数过多，账号已被临时锁定，请稍后再试',
      rate_limited: '尝试过于频繁，请稍后再试',
      account_disabled: '该账号已停用，请联系管理员',
      validation_failed: '请填写用户名和密码',
    },
    errors: {
      VALIDATION_FAILED: '提交的内容有误，请检查标出的字段',
      BAD_REQUEST: '请求无效',
      UNAUTHENTICATED: '请先登录',
      INVALID_CREDENTIALS: '用户名或密码错误',
      ACCOUNT_LOCKED: '账号已被临时锁定，请稍后再试',
      ACCOUNT_DISABLED: '该账号已停用',
      FORBIDDEN: '您没有执行此操作的权限',
      FOREIGN_ORIGIN: '请求来源不被允许',
      UNSUPPORTED_MEDIA_TYPE: '请求格式不被支持',
      NOT_FOUND: '记录不存在或已被删除',
      CONFLICT: '操作与当前数据冲突，请刷新后重试',
      VERSION_CONFLICT:
        '保存失败：这条记录刚被其他人修改过。请刷新页面加载最新内容后再修改；您填写的内容仍保留在表单中。',
      ILLEGAL_TRANSITION: '当前状态下不能执行此操作',
      PRECONDITION_REQUIRED: '缺少版本信息，请刷新页面后重试',
      PAYLOAD_TOO_LARGE: '提交的内容过大',
      BUSINESS_RULE: '操作不符合业务规则',
      LAST_ADMIN: '不能停用或降级最后一个管理员',
      USERNAME_TAKEN: '该用户名已被使用',
      INSUFFICIENT_STOCK: '库存不足',
      RATE_LIMITED: '操作过于频繁，请稍后再试',
      INTERNAL: '服务器出错，请稍后重试',
      NETWORK: '无法连接服务器，请检查网络后重试',
      ...catalogErrorsZhCN,
      ...ordersErrorsZhCN,
      ...refundsErrorsZhCN,
    },
    forbidden: {
      title: '无权访问',
      message: '您当前的角色无权查看此页面。如需权限，请联系管理员。',
      back: '返回仪表盘',
    },
    dashboard: {
      welcome: '欢迎，%{name}',
      subtitle: '以下经营指标即将上线，数据由服务端按店铺时区汇总。',
      coming_soon: '即将上线',
      kpis: {
        gmv: { title: 'GMV（成交额）', description: '已支付订单金额，按日趋势' },
        orders: { title: '订单数', description: '下单与支付订单数，按日趋势' },
        conversion: { title: '转化率', description: '支付买家数 / 访客数（UV）' },
        repurchase7d: { title: '7 日复购率', description: '7 天内再次购买的买家占比' },
        refundRate: { title: '退款率', description: '退款金额 / 支付金额' },
        csSla: { title: '客服 SLA', description: '售后单在处理时限内完成的比例' },
      },
    },
  },
};

/** The own keys' shape: every language must give exactly these (checked by tsc and the i18n test). */
export type OwnMessages = Shape<typeof ownZhCN>;
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const zhCN: TranslationMessages = { ...raChinese, ...ownZhCN };

export default zhCN;
