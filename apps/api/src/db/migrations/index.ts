import { PlatformAndAuth1763800000000 } from './1763800000000-platform-and-auth';
import { AccountsAndTariffs1763900000000 } from './1763900000000-accounts-and-tariffs';
import { TariffChangesUsageKeys1764000000000 } from './1764000000000-tariff-changes-usage-keys';
import { UsageHotPath1764100000000 } from './1764100000000-usage-hot-path';
import { UsageRelativeCounters1764200000000 } from './1764200000000-usage-relative-counters';
import { LedgerHistory1764300000000 } from './1764300000000-ledger-history';
import { IdempotencyKeys1764400000000 } from './1764400000000-idempotency-keys';
import { Payments1764500000000 } from './1764500000000-payments';
import { DetailReports1764700000000 } from './1764700000000-detail-reports';
import { Bonus1765100000000 } from './1765100000000-bonus';
import { BonusOperationOrder1765100000001 } from './1765100000001-bonus-operation-order';
import { Backoffice1765200000000 } from './1765200000000-backoffice';
import { NameSearchIcu1765200000001 } from './1765200000001-name-search-icu';
import { IntegratorPlatform1765300000000 } from './1765300000000-integrator-platform';
import { Loans1765000000000 } from './1765000000000-loans';
import { OtpOwners1765350000000 } from './1765350000000-otp-owners';
import { ContentAndNotifications1765450000000 } from './1765450000000-content-and-notifications';
import { Corporate1765500000000 } from './1765500000000-corporate';
import { LineExtras1765550000000 } from './1765550000000-line-extras';
import { SecurityQuestion1765550000001 } from './1765550000001-security-question';
import { Support1765400000000 } from './1765400000000-support';
import { AppAndHelp1765600000000 } from './1765600000000-app-and-help';
import { LoanServices1765700000000 } from './1765700000000-loan-services';
import { ChangeFeed1765750000000 } from './1765750000000-change-feed';
import { OperatorPoints1765550000002 } from './1765550000002-operator-points';
import { LedgerSummaryIndex1765800000000 } from './1765800000000-ledger-summary-index';

/** Every migration, in order. New ones are appended here. */
export const migrations = [
  PlatformAndAuth1763800000000, AccountsAndTariffs1763900000000, TariffChangesUsageKeys1764000000000, UsageHotPath1764100000000,
  UsageRelativeCounters1764200000000,
  LedgerHistory1764300000000,
  IdempotencyKeys1764400000000,
  Payments1764500000000,
  DetailReports1764700000000,
  Bonus1765100000000,
  BonusOperationOrder1765100000001,
  Backoffice1765200000000,
  NameSearchIcu1765200000001,
  IntegratorPlatform1765300000000,
  Loans1765000000000,
  OtpOwners1765350000000,
  ContentAndNotifications1765450000000,
  Corporate1765500000000,
  LineExtras1765550000000,
  SecurityQuestion1765550000001,
  Support1765400000000,
  AppAndHelp1765600000000,
  OperatorPoints1765550000002,
  LoanServices1765700000000,
  ChangeFeed1765750000000,
  LedgerSummaryIndex1765800000000,
];
