// Signing in and out, and the administrator's pages (people and machine API keys).
import type { Messages } from './message';

export const PEOPLE_MESSAGES = {
  'login.title': { zh: '登录', en: 'Sign in' },
  'login.login': { zh: '用户名', en: 'Login' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.submit': { zh: '登录', en: 'Sign in' },
  'login.failed': { zh: '用户名或密码不正确。', en: 'The login or password is not right.' },
  'login.locked': {
    zh: '登录失败次数过多，请于 {time} 后再试。',
    en: 'Too many failed sign-ins: try again after {time}.',
  },
  'login.noRoles': {
    zh: '此账号尚未分配角色，请联系管理员。',
    en: 'This account has no role yet: ask an administrator.',
  },
  'login.expired': { zh: '会话已结束，请重新登录。', en: 'Your session has ended: please sign in again.' },
  'login.sso': { zh: '使用单位统一身份认证登录', en: 'Sign in with your institution (single sign-on)' },
  'login.or': { zh: '或使用账号密码', en: 'or with a login and password' },
  'login.ssoFailed': {
    zh: '统一身份认证登录未完成：{reason}',
    en: 'Single sign-on did not complete: {reason}',
  },
  'login.ssoUnknown': {
    zh: '统一身份认证账号未关联到本系统的用户，请联系管理员。',
    en: 'Your single sign-on account is not linked to a person here: ask an administrator.',
  },
} satisfies Messages;
