// Types for the parts of pouchdb-merge (PouchDB's own revision-tree algorithms) this server uses.
declare module 'pouchdb-merge' {
  export interface RevNodeOpts {
    status?: 'available' | 'missing';
    deleted?: boolean;
  }
  export type RevNode = [string, RevNodeOpts, RevNode[]];
  export interface RevPath {
    pos: number;
    ids: RevNode;
  }
  export type RevTree = RevPath[];
  export interface RevMetadata {
    id?: string;
    rev_tree: RevTree;
  }
  export interface MergeResult {
    tree: RevTree;
    stemmedRevs: string[];
    conflicts: 'new_leaf' | 'new_branch' | 'internal_node';
  }
  export function merge(tree: RevTree, path: RevPath, depth: number): MergeResult;
  export function winningRev(metadata: RevMetadata): string;
  export function collectLeaves(tree: RevTree): { rev: string; opts: RevNodeOpts }[];
  export function collectConflicts(metadata: RevMetadata): string[];
  export function revExists(tree: RevTree, rev: string): boolean;
  export function isDeleted(metadata: RevMetadata, rev?: string): boolean;
  export function latest(rev: string, metadata: RevMetadata): string;
  export function rootToLeaf(tree: RevTree): { pos: number; ids: { id: string; opts: RevNodeOpts }[] }[];
  export function traverseRevTree<C>(
    tree: RevTree,
    callback: (isLeaf: boolean, pos: number, id: string, ctx: C | undefined, opts: RevNodeOpts) => C | void,
  ): void;
}
