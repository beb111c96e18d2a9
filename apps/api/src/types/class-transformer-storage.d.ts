declare module 'class-transformer/cjs/storage' {
  // The metadata storage class-validator-jsonschema reads to follow @Type() to nested schemas.
  export const defaultMetadataStorage: unknown;
}
