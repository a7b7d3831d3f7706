// Owned by the topic package that needs it; see packages/math/README.md.
export {};
