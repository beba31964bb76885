/**
 * Test support for installing the published packages the way users do.
 *
 * @packageDocumentation
 */
export { LocalRegistry } from './LocalRegistry';
export { packWorkspace, PUBLISHED_PACKAGES } from './packWorkspace';
export type { PackedPackage } from './packWorkspace';
