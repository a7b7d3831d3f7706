import { dlexamConfig } from '@dlexam/eslint-config';

export default dlexamConfig({ root: import.meta.dirname });
