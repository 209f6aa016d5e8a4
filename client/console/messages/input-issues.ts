// What an input form says is wrong with a field, in each language (shown by client/console/pages/
// fields.ts through client/console/issue-text.ts). The API and CLI keep zod's and our schemas'
// English (CONTRACT.md); the console says it in the person's language:
// - ISSUE_CODE_MESSAGES: zod's own issues, by code and parameters (minimum, expected type…);
// - ISSUE_TEXT_MESSAGES: the English texts our schemas write themselves, keyed by that exact text
//   ('issue.' + the English). A template's variable parts are written {name} in the key; both
//   texts refer to them by position ({1}, {2}…) since word order differs, and a part that names
//   the field (annualRevenueCny) is shown as the field's label (client/console/issue-text.ts). Every text found in
//   the input schemas must have an entry here (tests/unit/console-issue-text.test.ts).
import type { Messages } from './message';

export const ISSUE_CODE_MESSAGES = {
  'issue.required': { zh: '必填', en: 'required' },
  'issue.unknownFields': { zh: '未知字段：{keys}', en: 'unknown field(s): {keys}' },
  'issue.invalidType': { zh: '类型不对：应为{expected}', en: 'expected {expected}' },
  'issue.type.number': { zh: '数字', en: 'a number' },
  'issue.type.int': { zh: '整数', en: 'a whole number' },
  'issue.type.string': { zh: '文本', en: 'text' },
  'issue.type.boolean': { zh: '是或否', en: 'yes or no' },
  'issue.type.array': { zh: '列表', en: 'a list' },
  'issue.type.object': { zh: '一组字段', en: 'a group of fields' },
  'issue.type.date': { zh: '日期', en: 'a date' },
  'issue.min.number': { zh: '不能小于 {n}', en: 'at least {n}' },
  'issue.min.number.exclusive': { zh: '必须大于 {n}', en: 'more than {n}' },
  'issue.min.string': { zh: '至少 {n} 个字符', en: 'at least {n} characters' },
  'issue.min.array': { zh: '至少 {n} 项', en: 'at least {n} items' },
  'issue.max.number': { zh: '不能大于 {n}', en: 'at most {n}' },
  'issue.max.number.exclusive': { zh: '必须小于 {n}', en: 'less than {n}' },
  'issue.max.string': { zh: '最多 {n} 个字符', en: 'at most {n} characters' },
  'issue.max.array': { zh: '最多 {n} 项', en: 'at most {n} items' },
  'issue.oneOf': { zh: '无效选项：应为以下之一 {values}', en: 'one of {values}' },
  'issue.untranslated': { zh: '【无中文说明】', en: '[not translated]' },
} satisfies Messages;

/** An entry keyed by the English text; its `en` numbers the template's parts as the `zh` refers to them. */
const same = (english: string, zh: string): Messages => {
  let n = 0;
  return { [`issue.${english}`]: { zh, en: english.replace(/\{\w+\}/g, () => `{${++n}}`) } };
};

/** Keyed by English text, so not part of MessageKey: looked up only by client/console/issue-text.ts. */
export const ISSUE_TEXT_MESSAGES: Messages = {
  // Shared field types (policies/input-primitives.ts, policies/check-packs.ts, client/api/routes/*).
  ...same('must be a date YYYY-MM-DD', '须为日期，格式 YYYY-MM-DD'),
  ...same('must be a calendar date YYYY-MM-DD', '须为有效的日历日期，格式 YYYY-MM-DD'),
  ...same('{what} must be a number (CNY)', '{1}须为数字（人民币元）'),
  ...same(
    '{what} must be at most {x}: a JSON number holds no larger amount exactly to the fen',
    '{1}不能超过 {2}：更大的金额无法精确到分',
  ),
  ...same('CNY amounts have at most 2 decimals', '人民币金额最多两位小数'),
  ...same('{what} must be greater than 0', '{1}必须大于 0'),
  ...same('{what} must not be negative', '{1}不能为负数'),
  ...same('{what} must be at most CNY 1,000,000,000,000', '{1}不能超过 ¥1,000,000,000,000'),
  ...same('must not contain the NUL character', '不能包含 NUL 字符'),
  ...same('{x} is in {x}, not {x}', '{1}属于{2}，不属于{3}'),
  ...same('effectiveTo must be after effectiveFrom', '失效日期须晚于生效日期'),
  ...same('a decimal ratio between 0 and 1, as a string', '须为 0 到 1 之间的小数（以文本书写）'),
  ...same('letters, digits, ".", "_" or "-", at most 64', '只能包含字母、数字、"."、"_" 或 "-"，最多 64 个字符'),
  ...same('letters, digits, "@", ".", "_" or "-"', '只能包含字母、数字、"@"、"."、"_" 或 "-"'),
  ...same('must be a whole number of working days', '须为整数个工作日'),
  ...same('must not be before from', '不能早于起始日期'),
  // M&A loans, rewards, rights grants, licences, reviews.
  ...same('stakeHeldBefore + stakeAcquired cannot exceed 1', '原持股比例与本次收购比例之和不能超过 1'),
  ...same('teamShare + departmentShare must not exceed 1', '团队份额与院系份额之和不能超过 1'),
  ...same('required {why}', '必填（{1}）'),
  ...same('team member ids must be unique', '团队成员编号不能重复'),
  ...same('inventor ids must be unique', '发明人编号不能重复'),
  ...same(
    'give the team, or the rightsGrantCaseId it comes from (not both)',
    '请填写团队，或填写其来源的赋权案件编号（二者只填其一）',
  ),
  ...same('required unless rightsGrantCaseId names the grant', '必填，除非已填写赋权案件编号'),
  ...same('the team comes from the rights grant: leave it out', '团队取自赋权案件：此处请留空'),
  ...same(
    'required for equity income (company, capital, shares, valuation, appraised)',
    '股权收入必填（公司、注册资本、股份、估值、是否评估）',
  ),
  ...same('must equal income.shares', '须与收入中的股份数一致'),
  ...same(
    'no document {sha256} in the evidence store: upload "{name}" first (POST /v1/evidence)',
    '证据库中没有文件 {1}：请先上传“{2}”',
  ),
  ...same('a SHA-256 in lower-case hex (64 characters)', '须为小写十六进制的 SHA-256（64 个字符）'),
  ...same('each applicant once', '每位申请人只能出现一次'),
  ...same('"unit" names the transfer facts, not a person', '“unit”指转化事实本身，不能用作人名'),
  ...same('{x} is a {mechanism} pack, not {mechanism}', '{1} 是 {2} 政策包，不是 {3}'),
  ...same(
    'unknown or not yet available mechanism "{mechanism}"; available: {x}',
    '未知或尚未提供的机制“{1}”；可用：{2}',
  ),
  // People, keys and notices.
  ...same('{role} key "{name}" must name {what}', '{1} 密钥“{2}”必须指明{3}'),
  ...same('a bank key must name the banks it acts for', '银行密钥必须指明其代表的银行'),
  ...same('only a bank key acts for banks', '只有银行密钥可以代表银行'),
  ...same('a licensee key must name its organisation', '被许可方密钥必须指明其单位'),
  ...same('only a licensee key acts for an organisation', '只有被许可方密钥可以代表单位'),
  ...same('lower-case letters, digits and . _ - (2–64 characters)', '只能包含小写字母、数字和 . _ -（2–64 个字符）'),
  ...same('a bank role must name the banks it acts for', '银行角色必须指明其代表的银行'),
  ...same('only a bank role acts for banks', '只有银行角色可以代表银行'),
  ...same('a licensee role must name its organisation', '被许可方角色必须指明其单位'),
  ...same('only a licensee role acts for an organisation', '只有被许可方角色可以代表单位'),
  ...same('letters, digits and . _ @ - (2–64 characters)', '只能包含字母、数字和 . _ @ -（2–64 个字符）'),
  ...same('each role once', '每个角色只能出现一次'),
  ...same(
    'only optional notices can be turned off ({x}); default notices cannot',
    '只能关闭可选通知（{1}）；默认通知不能关闭',
  ),
  ...same(
    'an unsubscribe key is 16–100 characters of A–Z, a–z, 0–9, "-" and "_"',
    '退订密钥为 16–100 个字符，只含 A–Z、a–z、0–9、"-" 和 "_"',
  ),
  // Places (policies/gazetteer.ts cityIssue / provinceIssue).
  ...same(
    '"{name}" names more than one place: {x}; write it in Chinese, give the province, or use its key ({x})',
    '“{1}”对应多个地方：{2}；请用中文书写、填写省份，或使用其代码（{3}）',
  ),
  ...same('unknown city "{name}": did you mean {x}?', '未知城市“{1}”：您是否指 {2}？'),
  ...same(
    'unknown city "{name}": not a municipality, prefecture-level division or county-level city of China (GB/T 2260)',
    '未知城市“{1}”：不是中国的直辖市、地级行政区或县级市（GB/T 2260）',
  ),
  ...same('unknown province "{name}": did you mean {x}?', '未知省份“{1}”：您是否指 {2}？'),
  ...same(
    'unknown province "{name}": not a province-level division of China (GB/T 2260)',
    '未知省份“{1}”：不是中国的省级行政区（GB/T 2260）',
  ),
  // The workflows' own field refusals (workflows/*-rules.ts: `invalid('field', …)`, `refusal(FAILURE.invalidInput,
  // …)`), which client/workflow-calls.ts hands over as an InvalidInputError; an {action} part reads as the
  // console's action label. A refusal whose variable part is one of a few fixed English phrases has an exact entry
  // per phrase (looked up before any template), and the template stays as the fallback.
  ...same('invalid', '无效'),
  ...same('{action} needs a reason', '{1}需要填写理由'),
  ...same('sign needs the agreement reference', '签订需要填写协议编号'),
  ...same('{action} needs {needs}', '{1}需要填写：{2}'),
  ...same('confirm-split needs the signed split’s document reference', '确认分配方案需要填写已签署分配文件的编号'),
  ...same(
    'register needs the technology-contract registration number (技术合同认定登记)',
    '登记需要填写技术合同认定登记编号',
  ),
  ...same('pay needs the payroll reference', '发放奖励需要填写工资发放编号'),
  ...same('register-shares needs the company registry’s change record', '股权登记需要填写公司登记机关的变更记录'),
  ...same('no team member {personId}: {x}', '团队中没有成员 {1}；团队成员：{2}'),
  ...same('nothing to {action} for {x}: {x}', '{2} 没有可{1}的部分；可办理的成员：{3}'),
  ...same('{action} needs a reference ({x})', '{1}需要填写编号（{2}）'),
  ...same('sign needs a reference (contract number)', '签订需要填写合同编号'),
  ...same('register needs a reference (registration number)', '登记需要填写登记编号'),
  ...same('record-payment needs a reference (bank or receipt reference)', '登记收款需要填写银行或收据流水号'),
  ...same('{action} needs amountCny', '{1}需要填写金额（元）'),
  ...same('a payment must be greater than 0', '收款金额必须大于 0'),
  ...same('revenue must not be negative', '收入不能为负数'),
  ...same('record-payment needs the payer', '登记收款需要填写付款方'),
  ...same(
    'payment {reference} was already recorded as {amountCny} from {payer}: a different payment needs its own reference',
    '收款 {1} 已登记为来自{3}的 {2} 元：另一笔收款须使用自己的编号',
  ),
  ...same('a revenue report reference must not be blank', '收入报告编号不能为空'),
  ...same(
    'revenue report {reference} was already applied as {amountCny}: a different report needs its own reference',
    '收入报告 {1} 已按 {2} 元入账：另一份报告须使用自己的编号',
  ),
  ...same(
    'only convert takes an equity record (the shares taken instead of the fee)',
    '只有以权代股可附股权记录（以所取得的股份代替许可费）',
  ),
  ...same('renew needs the new payment terms', '续期需要填写新的付款条件'),
  ...same('a renewal keeps the payment model ({x})', '续期须保持原付款方式（{1}）'),
  ...same('a renewal keeps the payment model (royalty)', '续期须保持原付款方式（按销售额提成）'),
  ...same('a renewal keeps the payment model (deferred fee)', '续期须保持原付款方式（延期付费）'),
  ...same(
    'an equity record needs the licence’s reward terms (unit, team): this licence was launched without them',
    '股权记录需要许可的奖励条款（单位、团队）：本许可发起时未提供',
  ),
  ...same(
    'apply-result needs the reference of the record it was applied to (appraisal, audit, discipline file)',
    '落实结果需要填写所落实记录的编号（考核、审计、纪律档案）',
  ),
  ...same(
    'nothing to find for {subject}/{item}: items are unit/{x} and <applicant>/{x}',
    '{1}/{2} 无需认定：可认定的事项为 unit/{3} 以及 <申请人>/{4}',
  ),
  ...same(
    'pricing is found as listing, auction or negotiated',
    '定价方式须认定为 listing（挂牌）、auction（拍卖）或 negotiated（协议）',
  ),
  ...same('{item} is found true or false', '{1} 须认定为 true（是）或 false（否）'),
  ...same('a finding cites at least one document (name and SHA-256)', '认定须引用至少一份文件（名称和 SHA-256）'),
  ...same('determine one outcome for each applicant: {x}', '须为每位申请人各确定一个结论：{1}'),
  ...same(
    '{person}: the preliminary finding is {decision}; "{outcome}" needs a written reason',
    '{1}：初步认定为 {2}；“{3}”需要书面理由',
  ),
  ...same('no corrective action {actionId} (open: {x})', '没有整改事项 {1}（未完成的：{2}）'),
  // Issues client code builds by hand beside a field (client/api/case-actions.ts, client/rewards.ts).
  ...same(
    'a review is raised from a rights-grant or licence case, not from another review',
    '审查须由赋权或许可案件发起，不能由另一审查发起',
  ),
  ...same('no case {linked}', '没有案件 {1}'),
  ...same('case {caseId} is no eligible rights grant', '案件 {1} 不是符合条件的赋权案件'),
};
