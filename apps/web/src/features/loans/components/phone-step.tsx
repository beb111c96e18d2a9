import type { CreateLoanRequest, LoanView } from '@cabinet/shared-types';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '@/shared/api/api-error';
import { apiRequest } from '@/shared/api/client';
import { meQueryOptions } from '@/shared/api/me';
import { newIdempotencyKey } from '@/shared/lib/browser';
import { formatPhone, normalizePhone } from '@/shared/lib/format-phone';
import { useCountdown } from '@/shared/lib/use-countdown';
import { useSession } from '@/shared/session/use-session';
import { FormAlert } from '@/shared/ui/form-alert';
import { PasswordField } from '@/shared/ui/password-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { loanQueryOptions } from '../api/get-loans';
import { loansQueryKey } from '../api/get-products';
import { useConfirmPhoneVerification, useRegisterByPhone, useSignInInWizard, useStartPhoneVerification } from '../api/manage-loans';
import { useLoansError, useLoansT } from '../i18n/use-loans-t';
import type { CalculatorValue } from './loan-calculator';
import { useWizard, wizardStore } from './wizard-store';

const MIN_PASSWORD = 8;

/**
 * The phone step: a code by SMS confirms the phone. Someone new then sets a password — the phone
 * becomes their login — and someone known signs in with theirs; a signed-in customer confirms their
 * own phone. Then the draft application is created on the server and the wizard moves on.
 *
 * Signing in swaps the page's frame and remounts it, so this flow keeps its state in the wizard store
 * and runs as one async chain, not in callbacks of a component that may be gone.
 */
export function PhoneStep({ values, onBack }: { values: CalculatorValue; onBack: () => void }) {
  const { t } = useLoansT();
  const describe = useLoansError();
  const session = useSession();
  const signedIn = session.status === 'authenticated';
  const me = useQuery({ ...meQueryOptions(), enabled: signedIn });
  const wizard = useWizard();
  const queryClient = useQueryClient();
  const start = useStartPhoneVerification();
  const confirm = useConfirmPhoneVerification();
  const register = useRegisterByPhone();
  const login = useSignInInWizard();
  const countdown = useCountdown();

  const [phoneText, setPhoneText] = useState(wizard.phone ? formatPhone(wizard.phone) : '');
  const [codeSent, setCodeSent] = useState(false);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ phone?: string; code?: string; password?: string; repeat?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const phone = signedIn ? (me.data?.phone ?? null) : normalizePhone(phoneText);
  const verified = wizard.verificationToken !== null && wizard.phone !== null && (!signedIn || wizard.phone === me.data?.phone);

  const createDraft = async () => {
    wizardStore.set({ failure: null });
    const { verificationToken } = wizardStore.get();
    const request: CreateLoanRequest = { productId: values.productId, amount: { amount: values.amount, currency: 'RUB' }, termDays: values.termDays, verificationToken: verificationToken ?? '' };
    const loan = await apiRequest<LoanView>('/loans', { method: 'POST', body: request, headers: { 'Idempotency-Key': newIdempotencyKey() } });
    queryClient.setQueryData(loanQueryOptions(loan.id).queryKey, loan);
    void queryClient.invalidateQueries({ queryKey: [...loansQueryKey, 'list'] });
    wizardStore.set({ loanId: loan.id, step: 'personal', verificationToken: null });
  };

  /** After the phone is confirmed and the person signed in: the draft, or why it could not be made. */
  const createDraftOrSay = async () => {
    try {
      await createDraft();
    } catch (error) {
      wizardStore.set({ failure: describe(error) });
      if (error instanceof ApiError && error.code === 'phone_verification_required') wizardStore.set({ verificationToken: null });
    }
  };

  const run = async (task: () => Promise<void>) => {
    setAlert(null);
    setBusy(true);
    try {
      await task();
    } catch (error) {
      setAlert(describe(error));
      if (error instanceof ApiError && error.code === 'phone_verification_required') wizardStore.set({ verificationToken: null });
    } finally {
      setBusy(false);
    }
  };

  const onSendCode = (event: FormEvent) => {
    event.preventDefault();
    if (!phone) {
      setErrors({ phone: t('phone.invalid') });
      return;
    }
    setErrors({});
    void run(async () => {
      try {
        const started = await start.mutateAsync(phone);
        countdown.start(started.resendAfter);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'otp_resend_too_soon')) throw error;
        countdown.start(error.retryAfter ?? 60);
      }
      setCodeSent(true);
      setCode('');
    });
  };

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ code: t('phone.codeFormat') });
      return;
    }
    setErrors({});
    void run(async () => {
      const result = await confirm.mutateAsync({ phone: phone ?? '', code: code.trim() });
      wizardStore.set({ verificationToken: result.verificationToken, phone: result.phone, registered: result.registered });
      if (signedIn) await createDraftOrSay();
    });
  };

  const onPassword = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!password) next.password = t('phone.passwordRequired');
    else if (!wizard.registered && password.length < MIN_PASSWORD) next.password = t('phone.passwordShort', { count: MIN_PASSWORD });
    if (!wizard.registered && password !== repeat) next.repeat = t('phone.passwordsDiffer');
    setErrors(next);
    if (Object.keys(next).length) return;
    void run(async () => {
      const { verificationToken, phone: confirmed, registered } = wizardStore.get();
      if (registered) await login.mutateAsync({ login: confirmed ?? '', password });
      else await register.mutateAsync({ verificationToken: verificationToken ?? '', password });
      await createDraftOrSay();
    });
  };

  // Confirmed and signed in: the draft is being made (or could not be).
  if (verified && signedIn) {
    return wizard.failure ? (
      <div className="phone-step">
        <FormAlert>{wizard.failure}</FormAlert>
        <div className="button-row">
          <Link to="/loans" className="button-link secondary outline">
            {t('wizard.myLoans')}
          </Link>
          <button type="button" onClick={() => void createDraftOrSay()}>
            {t('wizard.retry')}
          </button>
        </div>
      </div>
    ) : (
      <p className="form-alert form-alert--info" aria-busy="true" role="status">
        {t('wizard.creatingDraft')}
      </p>
    );
  }

  // Confirmed, not yet signed in: a password (new) or sign-in (known).
  if (verified && !signedIn) {
    return (
      <form noValidate onSubmit={onPassword} aria-labelledby="phone-password-title">
        <h2 id="phone-password-title">{wizard.registered ? t('phone.signInTitle') : t('phone.registerTitle')}</h2>
        <p>{wizard.registered ? t('phone.signInText', { phone: formatPhone(wizard.phone) }) : t('phone.registerText', { phone: formatPhone(wizard.phone) })}</p>
        <PasswordField
          label={wizard.registered ? t('phone.password') : t('phone.newPassword')}
          autoComplete={wizard.registered ? 'current-password' : 'new-password'}
          hint={wizard.registered ? undefined : t('phone.passwordHint', { count: MIN_PASSWORD })}
          value={password}
          error={errors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {wizard.registered ? null : (
          <PasswordField label={t('phone.repeatPassword')} autoComplete="new-password" value={repeat} error={errors.repeat} onChange={(event) => setRepeat(event.target.value)} />
        )}
        <FormAlert>
          {alert}
          {alert && wizard.registered ? (
            <>
              {' '}
              <Link to="/login?next=%2Floans%2Fapply">{t('phone.signInPage')}</Link>
            </>
          ) : null}
        </FormAlert>
        <div className="button-row">
          <button type="button" className="secondary outline" onClick={() => wizardStore.set({ verificationToken: null, registered: null })}>
            {t('wizard.back')}
          </button>
          <SubmitButton pending={busy} pendingLabel={t('wizard.wait')}>
            {wizard.registered ? t('phone.signIn') : t('phone.register')}
          </SubmitButton>
        </div>
      </form>
    );
  }

  return (
    <div className="phone-step">
      <form noValidate onSubmit={onSendCode} aria-labelledby="phone-title">
        <h2 id="phone-title">{t('phone.title')}</h2>
        <p className="muted">{signedIn ? t('phone.introSignedIn') : t('phone.intro')}</p>
        <TextField
          label={t('phone.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="+7 900 000-00-00"
          value={signedIn ? formatPhone(me.data?.phone ?? '') : phoneText}
          readOnly={signedIn}
          error={errors.phone}
          onChange={(event) => setPhoneText(event.target.value)}
        />
        <div className="button-row">
          <button type="button" className="secondary outline" onClick={onBack}>
            {t('wizard.back')}
          </button>
          <SubmitButton pending={busy && !codeSent} pendingLabel={t('wizard.wait')} disabled={codeSent && countdown.secondsLeft > 0}>
            {codeSent ? (countdown.secondsLeft > 0 ? t('phone.resendIn', { count: countdown.secondsLeft }) : t('phone.resend')) : t('phone.getCode')}
          </SubmitButton>
        </div>
      </form>
      {codeSent ? (
        <form noValidate onSubmit={onConfirm} aria-labelledby="code-title" className="phone-step__code">
          <h3 id="code-title">{t('phone.codeTitle')}</h3>
          <TextField
            label={t('phone.code')}
            className="field--code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            hint={t('phone.codeHint', { phone: formatPhone(phone ?? '') })}
            value={code}
            error={errors.code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
          />
          <SubmitButton pending={busy} pendingLabel={t('wizard.wait')}>
            {t('phone.confirm')}
          </SubmitButton>
        </form>
      ) : null}
      <FormAlert>{alert}</FormAlert>
    </div>
  );
}
