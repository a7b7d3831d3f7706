import { softmaxLoss } from './softmax-loss.js';
import { warmupLr } from './warmup-lr.js';

/** Every template of the package: what `dlexam … --templates @myclass/dlexam-templates` loads. */
export const templates = [softmaxLoss, warmupLr];

export { softmaxLoss, warmupLr };
