// Public API of the package. Resources are added by their issues (see docs/ARCHITECTURE.md).
export {};
