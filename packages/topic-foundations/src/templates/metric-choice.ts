import { defineTemplate, type OptionSpec } from '@dlexam/generator';
import { listIndexParam } from '../list-index-param.js';

export type MetricChoiceParams = {
  scenario: number;
};

const METRICS = ['Precision', 'Recall', 'Accuracy', 'F1 score'] as const;
type Metric = (typeof METRICS)[number];

const WHY: Record<Metric, string> = {
  Precision:
    'precision = TP/(TP + FP) is the fraction of positive predictions that are right; it is what matters when false positives are costly',
  Recall:
    'recall = TP/(TP + FN) is the fraction of actual positives that are found; it is what matters when false negatives are costly',
  Accuracy:
    'accuracy counts all correct predictions; it is adequate when classes are balanced and both errors cost the same',
  'F1 score':
    'F1 is the harmonic mean of precision and recall; it balances both when the positive class is rare and both errors matter',
};

export const METRIC_SCENARIOS: { text: string; metric: Metric }[] = [
  {
    text: 'Your best friend is Roger Federer! He has come out of retirement and made you a deal. Before each point you predict whether he will win it, using a neural network that outputs the probability that he wins. If you predict he will win and he does, he pays you $10,000. If you predict he will win and he loses, you must pay him $10,000,000. If you predict he will lose, nothing happens. The positive class is "Federer wins the point".',
    metric: 'Precision',
  },
  {
    text: 'A screening model flags patients for a follow-up test for a serious but treatable cancer. The follow-up is cheap and harmless, while a missed cancer can be fatal. The positive class is "has cancer".',
    metric: 'Recall',
  },
  {
    text: 'A stock-picking model tells you which stocks to buy. Every stock you buy on its advice and that falls costs you heavily; stocks you skip cost nothing. The positive class is "stock will rise".',
    metric: 'Precision',
  },
  {
    text: 'An airport scanner model decides which bags are opened by a security officer. Opening a harmless bag costs a minute; missing a weapon is unacceptable. The positive class is "bag contains a weapon".',
    metric: 'Recall',
  },
  {
    text: 'An email filter moves messages to a junk folder that users never look at. Losing an important email is far worse than letting some spam through. The positive class is "spam".',
    metric: 'Precision',
  },
  {
    text: 'A model sorts photos of cats and dogs; the dataset is balanced (50% each) and both mistakes are equally harmless. The positive class is "dog".',
    metric: 'Accuracy',
  },
  {
    text: 'A model detects a rare manufacturing defect (0.5% of parts). Both unnecessary inspections and missed defects are costly, and you want one number that balances the two, unaffected by the many easy negatives. The positive class is "defective".',
    metric: 'F1 score',
  },
  {
    text: 'A bank’s model blocks card transactions it believes are fraudulent so that they can be verified by phone. A verification call is cheap, but an undetected fraud costs the bank the full amount. The positive class is "fraud".',
    metric: 'Recall',
  },
  {
    text: 'A content-moderation model automatically deletes posts it classifies as hate speech, with no human review. Deleting a legitimate post angers users and is hard to undo, while a missed hateful post can still be reported later. The positive class is "hate speech".',
    metric: 'Precision',
  },
  {
    text: 'A model screens newborns for a rare metabolic disorder; a positive result only triggers a cheap confirmatory blood test, but a missed case causes lasting harm. The positive class is "has the disorder".',
    metric: 'Recall',
  },
  {
    text: 'A handwriting recognizer sorts letters into two equally common postal regions, and misrouting a letter either way costs the same small delay. The positive class is "region A".',
    metric: 'Accuracy',
  },
  {
    text: 'A search engine shows only its top 10 results for a query; users judge it by how many of the shown results are relevant, and nobody notices relevant pages that were not shown. The positive class is "relevant page".',
    metric: 'Precision',
  },
  {
    text: 'An early-warning model flags machines that may fail within a week so that they are inspected. An inspection is inexpensive; an unexpected failure stops the whole factory. The positive class is "will fail".',
    metric: 'Recall',
  },
  {
    text: 'A model flags rare insurance claims for audit (1% are fraudulent). Every audit costs staff time and every missed fraud costs money, so you need a single score that balances wrongly flagged and missed claims rather than one dominated by the many honest claims. The positive class is "fraudulent claim".',
    metric: 'F1 score',
  },
];

/** Seed 001: which metric a scenario should optimize (the Federer bet: precision). */
export const metricChoice = defineTemplate<MetricChoiceParams>({
  id: 'foundations.metric-choice',
  topic: 'foundations',
  title: 'Which metric to optimize',
  objective:
    'Choose precision, recall, accuracy or F1 from the costs of false positives and false negatives in a scenario.',
  difficulty: 2,
  tags: ['metrics', 'precision', 'recall', 'concepts'],
  kinds: ['single'],
  params: {
    scenario: listIndexParam('the scenario', METRIC_SCENARIOS),
  },
  build(p, ctx) {
    const s = METRIC_SCENARIOS[p.scenario]!;
    const ask = ctx.rng.choice([
      'Which metric should you optimize most heavily?',
      'You can tune the model before using it. Which metric should you focus on?',
      'Which evaluation metric best matches what you care about here?',
    ]);
    const options: OptionSpec[] = METRICS.map((m) => {
      const o: OptionSpec = { text: m, correct: m === s.metric, feedback: `${m}: ${WHY[m]}.` };
      if (m !== s.metric) o.misconception = `chose-${m.toLowerCase().replace(/ /g, '-')}`;
      return o;
    });
    return {
      stem: `${s.text} ${ask}`,
      solution: `Optimize ${s.metric.toLowerCase()}: ${WHY[s.metric]}.`,
      answer: { type: 'choice', options },
    };
  },
  fixtures: [{ id: 'S001-precision', params: { scenario: 0 } }],
});
