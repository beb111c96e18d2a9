import type { ApiKeyState } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';

const tone: Record<ApiKeyState, string> = { active: 'badge badge--accent', expiring: 'badge badge--warn', expired: 'badge', revoked: 'badge' };

export function KeyState({ state }: { state: ApiKeyState }) {
  const { t } = useTranslation();
  return <span className={tone[state]}>{t(`integrations.keyState.${state}`)}</span>;
}
