// Types for the Mango selector matcher PouchDB uses for `filter=_selector`.
declare module 'pouchdb-selector-core' {
  export function matchesSelector(doc: object, selector: object): boolean;
  export function massageSelector(selector: object): object;
}
