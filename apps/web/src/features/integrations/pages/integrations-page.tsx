import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '@/shared/lib/format-date';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { usePartners } from '../api/partners';
import { AdminOnly } from '../components/admin-only';
import { PartnerForm } from '../components/partner-form';
import { TableScroll } from '@/shared/ui/table-scroll';

/** /backoffice/integrations — partners (integrators) and a form to add one. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('integrations.title')}>{t('integrations.title')}</PageHeading>
      <AdminOnly>
        <Partners />
      </AdminOnly>
    </>
  );
}

function Partners() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const partners = usePartners();
  return (
    <>
      <p className="muted">
        {t('integrations.intro')} <a href="/api/docs">{t('integrations.docs')}</a>
      </p>
      <section aria-labelledby="partners-title">
        <h2 id="partners-title" className="section-title">
          {t('integrations.partners')}
        </h2>
        {partners.isPending ? <PageLoader /> : null}
        {partners.isError ? <QueryError error={partners.error} onRetry={() => void partners.refetch()} /> : null}
        {partners.data && partners.data.items.length === 0 ? <p className="muted">{t('integrations.noPartners')}</p> : null}
        {partners.data?.items.length ? (
          <TableScroll>
            <table className="bo-table">
              <thead>
                <tr>
                  <th scope="col">{t('integrations.partnerName')}</th>
                  <th scope="col">{t('integrations.contactEmail')}</th>
                  <th scope="col">{t('integrations.activeKeys')}</th>
                  <th scope="col">{t('integrations.status')}</th>
                  <th scope="col">{t('integrations.since')}</th>
                </tr>
              </thead>
              <tbody>
                {partners.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/backoffice/integrations/partners/${p.id}`}>{p.name}</Link>
                    </td>
                    <td>{p.contactEmail}</td>
                    <td>{p.activeKeys}</td>
                    <td>
                      <span className={p.status === 'active' ? 'badge badge--accent' : 'badge badge--warn'}>{t(`integrations.partnerStatus.${p.status}`)}</span>
                    </td>
                    <td>{formatDate(p.createdAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </section>
      <section aria-labelledby="partner-add" className="bo-section">
        <h2 id="partner-add" className="section-title">
          {t('integrations.addPartner')}
        </h2>
        <PartnerForm onCreated={(id) => navigate(`/backoffice/integrations/partners/${id}`)} />
      </section>
    </>
  );
}
