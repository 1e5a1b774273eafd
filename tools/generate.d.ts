// Types of tools/generate.js for the tests that check staleness with it.
export interface PolicyWithMetadata {
    metadata: { name: string; description: string; severity: string; pci: string; enforcementLevel?: string; resourceTypes: string[] };
}
export const tableStart: string;
export const tableEnd: string;
export const readmeFile: string;
export const taggableTypesFile: string;
export function policyTable(policies: PolicyWithMetadata[]): string;
export function readmeWithTable(text: string, policies: PolicyWithMetadata[]): string;
export function taggableTypesOfInstalledProvider(): { version: string; types: string[] };
export function renderTaggableTypes(version: string, types: string[]): string;
