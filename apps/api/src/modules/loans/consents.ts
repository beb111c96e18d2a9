import type { ConsentKind, ConsentTextView } from '@cabinet/shared-types';

/**
 * The texts a borrower agrees to, each a checkbox of its own. A text that changes gets a new version;
 * an application stores which version was agreed to and when.
 */
export const CONSENT_TEXTS: readonly ConsentTextView[] = [
  {
    kind: 'terms',
    version: 'terms-2026-11',
    title: 'Общие условия договора потребительского займа',
    text:
      'Я ознакомился с Общими условиями договора потребительского займа и Правилами предоставления микрозаймов, ' +
      'с информацией о полной стоимости займа и ограничениях процентов, неустойки и иных платежей (353-ФЗ, 151-ФЗ) и согласен с ними. ' +
      'Индивидуальные условия займа будут показаны перед получением денег.',
  },
  {
    kind: 'personal_data',
    version: 'pd-2026-11',
    title: 'Согласие на обработку персональных данных',
    text:
      'Даю согласие на обработку моих персональных данных (ФИО, дата рождения, паспортные данные, адрес регистрации, телефон, ' +
      'сведения о доходе и занятости) для рассмотрения заявки, заключения и исполнения договора займа в соответствии с 152-ФЗ ' +
      '«О персональных данных». Согласие действует 5 лет и может быть отозвано письменным заявлением.',
  },
  {
    kind: 'credit_bureau',
    version: 'cb-2026-11',
    title: 'Согласие на запрос кредитной истории',
    text:
      'Даю согласие на получение моей кредитной истории из бюро кредитных историй для оценки заявки (218-ФЗ «О кредитных историях», ст. 6). ' +
      'Согласие действует 6 месяцев, а при заключении договора — в течение его срока.',
  },
];

export function consentText(kind: ConsentKind): ConsentTextView {
  return CONSENT_TEXTS.find((c) => c.kind === kind) as ConsentTextView;
}
