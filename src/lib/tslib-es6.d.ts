// tslib's ES build has no declaration file of its own; its exports are tslib's.
declare module 'tslib/tslib.es6.mjs' {
  export * from 'tslib';
}
