// The licence statement, the due list and the ledger exports (client/console/documents/): their
// titles, headings, column names and links, in Chinese and English. The three documents printed
// before them (loan opinion, publicity, determination) and the words every document shares
// (case id, pack, fingerprint) are in audit-pages.ts.
import type { Messages } from './message';

const SHARED = {
  'doc.listOf': { zh: '本清单所涵盖', en: 'What this list covers' },
  'doc.yes': { zh: '是', en: 'yes' },
  'doc.no': { zh: '否', en: 'no' },
  'doc.pdfEn': { zh: '英文版', en: 'in English' },
} satisfies Messages;

const STATEMENT = {
  'doc.statement.title': { zh: '先使用后付费许可结算单', en: 'Licence statement (use first, pay later)' },
  'doc.statement.intro': {
    zh: '许可案件 {caseId} 的台账共 {rows} 笔。下列应收、收款与余额均为台账各笔金额之和，精确到分。',
    en: 'Licence {caseId} has {rows} ledger rows. Due, paid and balance below are the sums of those rows, exact to the fen.',
  },
  'doc.statement.parties': { zh: '当事人', en: 'Parties' },
  'doc.statement.licensor': { zh: '许可方', en: 'Licensor' },
  'doc.statement.licensorUnknown': {
    zh: '（许可申请未载明许可方单位）',
    en: '(the licence request does not name the licensing unit)',
  },
  'doc.statement.licensee': { zh: '被许可方', en: 'Licensee' },
  'doc.statement.result': { zh: '许可的科技成果', en: 'The result licensed' },
  'doc.statement.resultFacts': {
    zh: '成果有效：{valid}；单列管理：{managed}；开放许可：{open}；独占许可：{exclusive}',
    en: 'valid: {valid}; separately managed: {managed}; open licence: {open}; exclusive: {exclusive}',
  },
  'doc.statement.grantCase': { zh: '成果所经赋权案件', en: 'Rights grant the result came through' },
  'doc.statement.contract': { zh: '合同编号', en: 'Contract number' },
  'doc.statement.registration': { zh: '合同登记号', en: 'Registration number' },
  'doc.statement.model': { zh: '付费模式', en: 'Payment model' },
  'doc.statement.fee': {
    zh: '许可费 {fee}，分 {n} 期支付，每 {months} 个月一期，首期于付费起始日到期。',
    en: 'A fee of {fee} in {n} instalments, one every {months} months, the first due on the day payment starts.',
  },
  'doc.statement.royalty': {
    zh: '按被许可方报告收入的 {rate} 提成，每 {months} 个月为一期，共 {periods} 期。',
    en: '{rate} of the revenue the licensee reports, in periods of {months} months, {periods} periods.',
  },
  'doc.statement.effectiveOn': { zh: '许可生效日', en: 'Licence effective on' },
  'doc.statement.trigger': { zh: '付费起始条件', en: 'Payment starts on' },
  'doc.statement.freeMonths': { zh: '（免费使用 {months} 个月）', en: '(free use for {months} months)' },
  'doc.statement.paymentStartsOn': { zh: '付费起始日', en: 'Payment started on' },
  'doc.statement.notStarted': { zh: '尚未开始付费', en: 'payment has not started' },
  'doc.statement.guarantee': { zh: '保险或担保', en: 'Insurance or guarantee' },
  'doc.statement.rows': { zh: '台账明细', en: 'Ledger rows' },
  'doc.statement.totals': { zh: '台账合计', en: 'Ledger totals' },
  'doc.statement.due': { zh: '应收合计', en: 'Total due' },
  'doc.statement.paid': { zh: '收款合计', en: 'Total paid' },
  'doc.statement.claimed': { zh: '理赔合计', en: 'Total guarantee claims' },
  'doc.statement.balance': { zh: '余额（应收 − 收款）', en: 'Balance (due − paid)' },
  'doc.statement.overdue': { zh: '其中已逾期（许可案件记录）', en: "Of which overdue (the licence's own record)" },
  'doc.statement.credit': { zh: '信用状态', en: 'Credit state' },
  'doc.statement.creditFlagged': {
    zh: '已因违约被标记（信用记录）',
    en: 'flagged for default (credit record)',
  },
  'doc.statement.creditClear': { zh: '正常，未被标记', en: 'in good standing, not flagged' },
  'doc.statement.reconciled': {
    zh: '台账之和与许可案件自身的应收、收款、余额一致。',
    en: "The ledger's sums agree with the licence's own due, paid and balance.",
  },
  'doc.statement.notReconciled': {
    zh: '注意：台账之和与许可案件自身的合计不一致（可能正在入账），请稍后重新打印。',
    en: "Note: the ledger's sums differ from the licence's own totals (a step may be being saved): print again shortly.",
  },
  'doc.statement.sign': { zh: '技术转移办公室（系统出具）', en: 'Technology transfer office (issued by the system)' },
} satisfies Messages;

const DUE_LIST = {
  'doc.due.title': { zh: '到期应收款清单', en: 'Payments due list' },
  'doc.due.intro': {
    zh: '截至 {date}（北京时间），未来 {days} 日内到期及已逾期的应收款，按被许可方列示，金额精确到分；与同日“应收款项”报表的数字一致。',
    en: 'As of {date} (China time): payments falling due within {days} days and overdue, per licensee, exact to the fen — the figures of the “payments due” report on the same day.',
  },
  'doc.due.licensee': { zh: '被许可方', en: 'Licensee' },
  'doc.due.within': { zh: '{days} 日内到期', en: 'Due within {days} days' },
  'doc.due.overdue': { zh: '已逾期', en: 'Overdue' },
  'doc.due.total': { zh: '合计', en: 'Total' },
  'doc.due.cases': { zh: '许可案件（政策包）', en: 'Licences (pack)' },
  'doc.due.none': { zh: '无到期或逾期的应收款。', en: 'Nothing due or overdue.' },
  'doc.due.link': { zh: '到期应收款清单', en: 'Payments due list' },
  'doc.due.days': { zh: '{days} 日', en: '{days} days' },
  'doc.due.sign': { zh: '技术转移办公室（系统出具）', en: 'Technology transfer office (issued by the system)' },
} satisfies Messages;

const LEDGERS = {
  'doc.ledger.exports': { zh: '导出台账', en: 'Ledger exports' },
  'doc.ledger.licence': { zh: '本许可台账', en: "This licence's ledger" },
  'doc.ledger.grants': { zh: '赋权单列管理台账', en: 'Rights grant ledger' },
  'doc.ledger.rewards': { zh: '奖励分配台账', en: 'Reward distribution ledger' },
  'doc.ledger.totalOf': { zh: '合计', en: 'Total' },
  'doc.ledger.balance': { zh: '余额（应收 − 收款）', en: 'Balance (due − paid)' },
  'doc.ledger.count': { zh: '合计（项数）', en: 'Total (entries)' },
  'doc.col.seq': { zh: '序号', en: 'No.' },
  'doc.col.caseId': { zh: '案件编号', en: 'Case' },
  'doc.col.on': { zh: '日期', en: 'Date' },
  'doc.col.kind': { zh: '类别', en: 'Kind' },
  'doc.col.itemNo': { zh: '期次', en: 'Item' },
  'doc.col.amount': { zh: '金额（元）', en: 'Amount (CNY)' },
  'doc.col.reference': { zh: '凭证号', en: 'Reference' },
  'doc.col.payer': { zh: '付款人', en: 'Payer' },
  'doc.col.recordedBy': { zh: '经办人', en: 'Recorded by' },
  'doc.col.person': { zh: '人员', en: 'Person' },
  'doc.col.shares': { zh: '股份数', en: 'Shares' },
  'doc.col.unit': { zh: '单位', en: 'Unit' },
  'doc.col.result': { zh: '成果名称', en: 'Result' },
  'doc.col.resultKind': { zh: '成果类型', en: 'Result kind' },
  'doc.col.form': { zh: '赋权方式', en: 'Form' },
  'doc.col.teamShare': { zh: '团队份额', en: 'Team share' },
  'doc.col.years': { zh: '使用年限', en: 'Years' },
  'doc.col.agreement': { zh: '协议编号', en: 'Agreement' },
  'doc.col.registeredAt': { zh: '登记时间', en: 'Registered at' },
} satisfies Messages;

export const DOCUMENT_2_MESSAGES = { ...SHARED, ...STATEMENT, ...DUE_LIST, ...LEDGERS } satisfies Messages;
