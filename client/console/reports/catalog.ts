// The reports: each one's page and download routes (REPORT_ROUTES), its title, which filters it
// applies, and the queries that make its tables.
import type { Role } from '../../api/auth';
import type { MessageKey } from '../messages';
import { REPORT_ROUTES, type ConsoleRoute } from '../routes';
import { casesByKindAndStage, grantsByStatus, overdueSteps, reviewsByOutcome } from './case-reports';
import { loanChecks } from './loan-check-report';
import { moneyReceived, paymentsDue } from './money-reports';
import type { ReportRequest, ReportTable } from './table';

export type FilterName = 'dates' | 'unit' | 'jurisdiction';

export interface Report {
  name: string;
  title: MessageKey;
  /** What the report counts and which filters mean what for it. */
  about: MessageKey;
  page: ConsoleRoute;
  download: ConsoleRoute;
  filters: readonly FilterName[];
  load(request: ReportRequest): Promise<ReportTable[]>;
}

const R = REPORT_ROUTES;
const ALL: readonly FilterName[] = ['dates', 'unit', 'jurisdiction'];

export const REPORTS: readonly Report[] = [
  {
    name: 'cases',
    title: 'report.cases.title',
    about: 'report.cases.about',
    page: R.cases,
    download: R.casesDownload,
    filters: ALL,
    load: casesByKindAndStage,
  },
  {
    name: 'overdue',
    title: 'report.overdue.title',
    about: 'report.overdue.about',
    page: R.overdue,
    download: R.overdueDownload,
    filters: ALL,
    load: overdueSteps,
  },
  {
    name: 'payments',
    title: 'report.payments.title',
    about: 'report.payments.about',
    page: R.payments,
    download: R.paymentsDownload,
    filters: ['unit'],
    load: paymentsDue,
  },
  {
    name: 'received',
    title: 'report.received.title',
    about: 'report.received.about',
    page: R.received,
    download: R.receivedDownload,
    filters: ['dates', 'unit'],
    load: moneyReceived,
  },
  {
    name: 'grants',
    title: 'report.grants.title',
    about: 'report.grants.about',
    page: R.grants,
    download: R.grantsDownload,
    filters: ALL,
    load: grantsByStatus,
  },
  {
    name: 'loan-checks',
    title: 'report.loans.title',
    about: 'report.loans.about',
    page: R.loanChecks,
    download: R.loanChecksDownload,
    filters: ['dates', 'jurisdiction'],
    load: loanChecks,
  },
  {
    name: 'reviews',
    title: 'report.reviews.title',
    about: 'report.reviews.about',
    page: R.reviews,
    download: R.reviewsDownload,
    filters: ALL,
    load: reviewsByOutcome,
  },
];

/** The reports a role may read. */
export function reportsFor(role: Role): Report[] {
  return REPORTS.filter((r) => r.page.roles !== 'public' && r.page.roles.includes(role));
}
