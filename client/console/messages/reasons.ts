// Why (owned by client/console/explain.ts): each evaluator check explained, by its stable id and
// outcome, and each refusal, by the error table's code — in Chinese and English, with the check's
// limit and actual value, the case, the action, the role and the pack filled in. A `.none` variant
// is used when the check has no limit or no actual value (a condition that does not apply).
// tests/unit/console-reasons.test.ts holds that every check id and every refusal code has its text.
import type { Messages } from './message';

/** Each check, passed or failed: {limit} and {actual} are the check's own values, {pack} the pack that decided. */
const EXPLANATIONS = {
  'explain.loan-ratio.passed': {
    zh: '贷款为交易价款的 {actual}，未超过 {limit} 的上限。',
    en: 'The loan is {actual} of the price, within the {limit} limit.',
  },
  'explain.loan-ratio.failed': {
    zh: '贷款为交易价款的 {actual}，超过 {limit} 的上限。',
    en: 'The loan is {actual} of the price, above the {limit} limit.',
  },
  'explain.loan-term.passed': {
    zh: '贷款期限 {actual} 年，未超过 {limit} 年的上限。',
    en: 'A {actual}-year term, within the {limit}-year limit.',
  },
  'explain.loan-term.failed': {
    zh: '贷款期限 {actual} 年，超过 {limit} 年的上限。',
    en: 'A {actual}-year term, over the {limit}-year limit.',
  },
  'explain.deal-type.passed': {
    zh: '“{actual}”类并购在政策包 {pack} 允许的范围内。',
    en: '{actual}-type deals are allowed by pack {pack}.',
  },
  'explain.deal-type.failed': {
    zh: '政策包 {pack} 不允许“{actual}”类并购（允许：{limit}）。',
    en: 'Pack {pack} does not allow {actual}-type deals (it allows {limit}).',
  },
  'explain.stake.passed': {
    zh: '取得股权 {actual}，达到 {limit} 的最低要求。',
    en: 'A stake of {actual}, at least the {limit} minimum.',
  },
  'explain.stake.passed.none': {
    zh: '该类并购无最低持股要求；交易后持股 {actual}。',
    en: 'No minimum stake for this kind of deal; {actual} held after it.',
  },
  'explain.stake.failed': {
    zh: '取得股权 {actual}，低于 {limit} 的最低要求。',
    en: 'A stake of {actual}, below the {limit} minimum.',
  },
  'explain.acquirer-eligibility.passed': {
    zh: '并购方符合政策包 {pack} 的条件（{limit}）。',
    en: 'The acquirer meets the conditions of pack {pack} ({limit}).',
  },
  'explain.acquirer-eligibility.failed': {
    zh: '并购方不符合政策包 {pack} 的条件（要求：{limit}）。',
    en: 'The acquirer does not meet the conditions of pack {pack} (required: {limit}).',
  },
  'explain.bank-eligibility.passed': {
    zh: '银行符合条件：资本充足率 {actual}，不低于 {limit}。',
    en: 'The bank qualifies: capital adequacy {actual}, at least {limit}.',
  },
  'explain.bank-eligibility.passed.none': {
    zh: '银行符合条件（未报送资本充足率；要求不低于 {limit}）。',
    en: 'The bank qualifies (capital adequacy not sent; at least {limit} is required).',
  },
  'explain.bank-eligibility.failed': {
    zh: '银行不符合条件：非试点银行，或资本充足率 {actual} 低于 {limit}。',
    en: 'The bank does not qualify: not a pilot bank, or capital adequacy {actual} below {limit}.',
  },
  'explain.bank-eligibility.failed.none': {
    zh: '银行不符合条件：非试点银行。',
    en: 'The bank does not qualify: not a pilot bank.',
  },
  'explain.concentration.passed': {
    zh: '并购贷款集中度 {actual}，未超过 {limit} 的上限。',
    en: 'M&A lending concentration {actual}, within the {limit} limit.',
  },
  'explain.concentration.failed': {
    zh: '并购贷款集中度 {actual}，超过 {limit} 的上限。',
    en: 'M&A lending concentration {actual}, over the {limit} limit.',
  },
  'explain.inventor-consent.passed': {
    zh: '全体完成人均已同意（{actual}）。',
    en: 'Every inventor consented ({actual}).',
  },
  'explain.inventor-consent.failed': {
    zh: '并非全体完成人同意（已同意 {actual}）。',
    en: 'Not every inventor consented ({actual} did).',
  },
  'explain.internal-split.passed': {
    zh: '完成人内部份额合计为 {actual}。',
    en: "The inventors' internal shares add up to {actual}.",
  },
  'explain.internal-split.failed': {
    zh: '完成人内部份额合计为 {actual}，应为 {limit}。',
    en: "The inventors' internal shares add up to {actual}, not {limit}.",
  },
  'explain.result-kind.passed': {
    zh: '“{actual}”类成果在范围内。',
    en: '{actual} results are in scope.',
  },
  'explain.result-kind.failed': {
    zh: '“{actual}”类成果不在范围内（范围：{limit}）。',
    en: '{actual} results are out of scope (in scope: {limit}).',
  },
  'explain.result-valid.passed': { zh: '成果的权利有效。', en: 'The right is granted and in force.' },
  'explain.result-valid.failed': { zh: '成果的权利无效或已失效。', en: 'The right is not (or no longer) in force.' },
  'explain.negative-list.passed': { zh: '不涉及负面清单事项。', en: 'No negative-list item applies.' },
  'explain.negative-list.failed': {
    zh: '涉及负面清单事项：{actual}。',
    en: 'On the negative list: {actual}.',
  },
  'explain.plan.passed': {
    zh: '已确定转化对象并提交转化计划。',
    en: 'The licensee is identified and the commercialisation plan is complete.',
  },
  'explain.plan.failed': { zh: '转化计划不完整：{actual}。', en: 'The plan is incomplete: {actual}.' },
  'explain.ltu-term.passed': {
    zh: '长期使用权 {actual} 年，不少于 {limit} 年。',
    en: 'A long-term use right of {actual} years, at least the {limit}-year minimum.',
  },
  'explain.ltu-term.failed': {
    zh: '长期使用权 {actual} 年，少于 {limit} 年的最低要求。',
    en: 'A long-term use right of {actual} years, shorter than the {limit}-year minimum.',
  },
  'explain.ownership-share.passed': {
    zh: '团队所有权份额 {actual}，在 {limit} 范围内。',
    en: 'A team ownership share of {actual}, within {limit}.',
  },
  'explain.ownership-share.failed': {
    zh: '团队所有权份额 {actual}，不在 {limit} 范围内。',
    en: 'A team ownership share of {actual}, outside {limit}.',
  },
  'explain.licensee-sme.passed': {
    zh: '被许可方为中小微企业（员工 {actual} 人；标准：{limit}）。',
    en: 'The licensee is a small or medium enterprise ({actual} staff; line: {limit}).',
  },
  'explain.licensee-sme.failed': {
    zh: '被许可方不属于中小微企业（员工 {actual} 人；标准：{limit}）。',
    en: 'The licensee is not a small or medium enterprise ({actual} staff; line: {limit}).',
  },
  'explain.separately-managed.passed': {
    zh: '成果已单列管理，或政策包 {pack} 不要求单列。',
    en: 'The result is managed separately, or pack {pack} does not require it.',
  },
  'explain.separately-managed.failed': {
    zh: '政策包 {pack} 要求成果单列管理，但该成果尚未单列。',
    en: 'Pack {pack} requires the result to be managed separately, and it is not.',
  },
  'explain.deferral-floor.passed': {
    zh: '许可生效 {actual} 个月后开始付款，不少于 {limit} 个月的下限。',
    en: 'Payment starts {actual} months after the licence takes effect, at least the {limit}-month floor.',
  },
  'explain.deferral-floor.passed.none': {
    zh: '自被许可方取得首笔收入起付款；{limit} 个月的下限只适用于按周年起付。',
    en: "Payment starts at the licensee's first revenue; the {limit}-month floor applies to anniversary triggers only.",
  },
  'explain.deferral-floor.failed': {
    zh: '许可生效 {actual} 个月后即开始付款，少于 {limit} 个月的下限。',
    en: 'Payment starts {actual} months after the licence takes effect, less than the {limit}-month floor.',
  },
  'explain.deferral-cap.passed': {
    zh: '免费使用期 {actual} 个月，未超过 {limit} 个月的上限。',
    en: 'A {actual}-month free period, within the {limit}-month cap.',
  },
  'explain.deferral-cap.passed.none': {
    zh: '未设固定免费期；如无收入，最长延期 {limit} 个月。',
    en: 'No fixed free period; without revenue, {limit} months is the longest deferral.',
  },
  'explain.deferral-cap.failed': {
    zh: '免费使用期 {actual} 个月，超过 {limit} 个月的上限。',
    en: 'A {actual}-month free period, over the {limit}-month cap.',
  },
  'explain.open-licence-exclusive.passed': {
    zh: '许可方式符合开放许可的规定（{actual}）。',
    en: 'The licence respects the open-licence rule ({actual}).',
  },
  'explain.open-licence-exclusive.failed': {
    zh: '开放许可的专利不得独占许可（专利法第五十条至第五十二条）。',
    en: 'An openly licensed patent cannot be licensed exclusively (Patent Law Arts. 50–52).',
  },
  'explain.pricing-route.passed': {
    zh: '定价方式符合政策包 {pack} 的要求（{actual}）。',
    en: 'The pricing meets pack {pack} ({actual}).',
  },
  'explain.pricing-route.passed.none': {
    zh: '按政策包 {pack}，该项不属于申请人的职责，由单位负责。',
    en: "Under pack {pack} this is not the applicant's responsibility: the unit answers for it.",
  },
  'explain.pricing-route.failed': {
    zh: '定价方式不符合政策包 {pack} 的要求（{actual}；要求：{limit}）。',
    en: 'The pricing does not meet pack {pack} ({actual}; required: {limit}).',
  },
  'explain.collective-decision.passed': { zh: '转化事项经集体决策。', en: 'The transfer was decided collectively.' },
  'explain.collective-decision.passed.none': {
    zh: '按政策包 {pack}，该项不属于申请人的职责，由单位负责。',
    en: "Under pack {pack} this is not the applicant's responsibility: the unit answers for it.",
  },
  'explain.collective-decision.failed': {
    zh: '转化事项未经集体决策。',
    en: 'The transfer was not decided collectively.',
  },
  'explain.internal-rules.passed': {
    zh: '单位已建立科技成果转化内部制度。',
    en: 'The unit has internal technology-transfer rules.',
  },
  'explain.internal-rules.passed.none': {
    zh: '按政策包 {pack}，该项不属于申请人的职责，由单位负责。',
    en: "Under pack {pack} this is not the applicant's responsibility: the unit answers for it.",
  },
  'explain.internal-rules.failed': {
    zh: '单位未建立科技成果转化内部制度。',
    en: 'The unit has no internal technology-transfer rules.',
  },
  'explain.net-income.passed': {
    zh: '净收入为收入 {limit} 减去扣除 {actual}。',
    en: 'Net income is {limit} less deductions of {actual}.',
  },
  'explain.net-income.passed.none': {
    zh: '以股权形式计算奖励，不作扣除。',
    en: 'The reward is counted in shares: nothing is deducted.',
  },
  'explain.net-income.failed': {
    zh: '扣除额 {actual} 超过收入 {limit}。',
    en: 'Deductions of {actual} exceed the income of {limit}.',
  },
  'explain.team-share-floor.passed': {
    zh: '团队份额 {actual}，不低于 {limit} 的下限（或下限不适用）。',
    en: 'A team share of {actual}, at least the {limit} floor (or the floor does not bind).',
  },
  'explain.team-share-floor.failed': {
    zh: '团队份额 {actual}，低于国家设立单位须遵守的 {limit} 下限。',
    en: 'A team share of {actual}, below the {limit} floor that binds a state-established unit.',
  },
  'explain.team-split.passed': {
    zh: '团队成员份额合计为 {actual}。',
    en: "The team's shares add up to {actual}.",
  },
  'explain.team-split.failed': {
    zh: '团队成员份额合计为 {actual}，应为 {limit}。',
    en: "The team's shares add up to {actual}, not {limit}.",
  },
  'explain.leader-equity.passed': {
    zh: '单位负责人未取得股权奖励。',
    en: 'No unit head takes equity.',
  },
  'explain.leader-equity.failed': {
    zh: '单位负责人不得取得股权奖励：{actual}。',
    en: 'Unit heads may not take equity: {actual}.',
  },
  'check.net-income': { zh: '净收入', en: 'Net income' },
  'check.team-share-floor': { zh: '团队奖励份额下限', en: 'Team share floor' },
  'check.team-split': { zh: '团队内部分配合计为 1', en: 'Team shares sum to 1' },
  'check.leader-equity': { zh: '单位负责人股权奖励', en: 'Unit heads and equity' },
  'explain.untranslated': {
    zh: '【无中文说明：检查项 {id}】以下为评估器原文。',
    en: '[No translated explanation for check {id}] The evaluator’s own words follow.',
  },
  'explain.original': { zh: '评估器原文', en: 'The evaluator’s words' },
  'explain.none': { zh: '无', en: 'none' },
  'explain.yes': { zh: '是', en: 'yes' },
  'explain.no': { zh: '否', en: 'no' },
} satisfies Messages;

/**
 * Why an action or launch was refused, by the error table's code (client/errors.ts, whose workflow
 * refusals are workflows/failures.ts's codes): {role} the person's active role, {action} what they
 * asked for, {stage} where the case stood, {caseId} the case.
 */
const REFUSALS = {
  'refusal.forbidden': {
    zh: '您当前的身份（{role}）不能办理“{action}”，未作任何更改。',
    en: 'Your role ({role}) may not take the action “{action}”: nothing was changed.',
  },
  'refusal.invalid-state': {
    zh: '案件 {caseId} 当前处于“{stage}”阶段，不能办理“{action}”，未作任何更改。',
    en: 'Case {caseId} is at the {stage} stage and does not take “{action}”: nothing was changed.',
  },
  'refusal.invalid-input': {
    zh: '“{action}”的填写内容有误，未作任何更改。',
    en: 'What was sent for “{action}” is not valid: nothing was changed.',
  },
  'refusal.PolicyPackChanged': {
    zh: '案件 {caseId} 所依据的政策包在发布后被改动，案件拒绝继续运行；请联系管理员。',
    en: 'The policy pack case {caseId} was decided under changed after its release: the case refuses to run on it; ask an administrator.',
  },
  'refusal.claimed': {
    zh: '案件 {caseId} 的此步骤已由他人认领。',
    en: 'Someone else has claimed this step of case {caseId}.',
  },
  'refusal.case-exists': {
    zh: '案件编号 {caseId} 已被使用，请换一个编号。',
    en: 'The case number {caseId} is taken: choose another.',
  },
  'refusal.idempotency-conflict': {
    zh: '该申请编号已用于另一份内容不同的申请，未作任何更改。',
    en: 'This request number was used for a different request: nothing was changed.',
  },
  'refusal.not-found': { zh: '找不到案件 {caseId}。', en: 'No case {caseId}.' },
  'refusal.not-in-publicity': {
    zh: '案件 {caseId} 尚未进入公示，暂无公示通知可打印。',
    en: 'Case {caseId} has not reached publicity: there is no publicity notice to print.',
  },
  'refusal.not-determined': {
    zh: '案件 {caseId} 尚无委员会的认定结论，暂不能打印认定决定书。',
    en: 'Case {caseId} has no committee determination yet: there is no determination letter to print.',
  },
  'refusal.not-a-licence': {
    zh: '案件 {caseId} 不是先使用后付费许可，没有许可结算单或许可台账。',
    en: 'Case {caseId} is not a use-first-pay-later licence: it has no licence statement or ledger.',
  },
  'refusal.unauthenticated': { zh: '请先登录。', en: 'Sign in first.' },
  'refusal.payload-too-large': {
    zh: '提交的内容过大，未作任何更改。',
    en: 'What was sent is too large: nothing was changed.',
  },
  'refusal.unsupported-media-type': {
    zh: '不支持提交的内容格式，未作任何更改。',
    en: 'What was sent is in a format not accepted: nothing was changed.',
  },
  'refusal.bad-request': { zh: '请求有误，未作任何更改。', en: 'The request is malformed: nothing was changed.' },
  'refusal.timeout': {
    zh: '处理超时，请稍后查看案件是否已办理。',
    en: 'This took too long: look at the case shortly to see whether it was done.',
  },
  'refusal.unavailable': {
    zh: '所需的服务器暂时无法连接，请稍后重试。',
    en: 'A server transferflow needs is unreachable: retry shortly.',
  },
  'refusal.configuration': {
    zh: '系统配置有误，请联系管理员。',
    en: 'The configuration is wrong: ask an administrator.',
  },
  'refusal.no-audit-key': {
    zh: '未配置审计签名密钥，请联系管理员。',
    en: 'No audit signing key is configured: ask an administrator.',
  },
  'refusal.internal': {
    zh: '系统内部错误，请联系管理员（见服务器日志）。',
    en: 'An internal error: ask an administrator (see the server log).',
  },
  'refusal.original': { zh: '系统原文', en: 'In the system’s words' },
  'action.launch': { zh: '新建案件', en: 'Launch a case' },
  'refusal.untranslated': {
    zh: '【无中文说明：拒绝代码 {code}】未执行，未作任何更改；以下为原文。',
    en: '[No translated reason for refusal code {code}] Not done: nothing was changed; the original words follow.',
  },
} satisfies Messages;

export const REASON_MESSAGES = { ...EXPLANATIONS, ...REFUSALS } satisfies Messages;
