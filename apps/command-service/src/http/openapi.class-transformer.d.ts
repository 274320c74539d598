// class-transformer keeps its metadata storage in a module it ships without typings
// (class-validator-jsonschema needs it to follow @Type to nested DTOs); its declaration is here.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
