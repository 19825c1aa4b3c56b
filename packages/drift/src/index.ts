// @wesley/drift: public API. The capability itself lands with issue #6; until then the package
// exists so that the workspace, its dependency rules and its publishing checks are in place.
export {};
