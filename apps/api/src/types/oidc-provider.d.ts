// oidc-provider ships no types (its @types package lags behind); the stand-in uses the few members it needs, typed there.
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: unknown) => unknown;
  export default Provider;
}
