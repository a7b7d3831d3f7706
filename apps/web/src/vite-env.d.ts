/// <reference types="vite/client" />

declare module 'virtual:dlexam-catalogue' {
  /** Every template of the topic packages, generated at build time (`catalogue-plugin.ts`). */
  const catalogue: {
    id: string;
    topic: import('@dlexam/types').Topic;
    title: string;
    difficulty: number;
    kinds: import('@dlexam/types').QuestionKind[];
  }[];
  export default catalogue;
}

declare module 'virtual:dlexam-stems/*' {
  /** A topic's question-text sources, precompiled at build time (`stems-plugin.ts`). */
  const stems: Record<string, import('@dlexam/generator').PrecompiledText>;
  export default stems;
}
