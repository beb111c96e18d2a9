export { EsiaService, safeNext } from './service';
export { OpenIdEsiaProvider, ESIA_SCOPES, type EsiaProvider, type EsiaPerson, type EsiaChecks } from './provider';
export { startEsiaStandIn, ESIA_TEST_PERSONS, ESIA_TEST_PASSWORD, type EsiaStandIn, type EsiaTestPerson } from './stand-in';
export { esiaRoutes, ESIA_COOKIE } from './routes';
