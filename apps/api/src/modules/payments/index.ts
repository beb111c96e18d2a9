export { PaymentsService, toPaymentView, type PaymentRow, type Seller } from './service';
export { CardsService } from './cards';
export { AutopayService, nextMonthlyRun } from './autopay';
export { PromisedPaymentsService, promisedFee, PROMISED_FEES } from './promised';
export { BalanceAlertsService } from './alerts';
export { paymentRoutes, type RawBodyRequest } from './routes';
export type { PaymentProvider, ProviderPayment } from './provider';
export { SandboxAcquirer, SANDBOX_TEST_CARDS, SANDBOX_3DS_CODE, type CallbackSender } from './sandbox/acquirer';
export { sandboxPages } from './sandbox/pages';
