/**
 * Trainable parameter counts of common layers. Each function states its convention; tests check
 * every formula against counting the arrays of a layer built element by element.
 */

export function linearParams(inFeatures: number, outFeatures: number, bias = true): number {
  return inFeatures * outFeatures + (bias ? outFeatures : 0);
}

export interface Conv2dParamSpec {
  inChannels: number;
  outChannels: number;
  kernel: number | [number, number];
  bias?: boolean;
  /** groups = inChannels = outChannels is a depthwise convolution. */
  groups?: number;
}

/** (k_h·k_w·C_in/groups + 1)·C_out with bias: one bias per filter, never per input channel. */
export function conv2dParams(spec: Conv2dParamSpec): number {
  const [kh, kw] = typeof spec.kernel === 'number' ? [spec.kernel, spec.kernel] : spec.kernel;
  const groups = spec.groups ?? 1;
  if (spec.inChannels % groups || spec.outChannels % groups)
    throw new RangeError('conv2dParams: channels must be divisible by groups');
  return (
    kh * kw * (spec.inChannels / groups) * spec.outChannels +
    (spec.bias === false ? 0 : spec.outChannels)
  );
}

/** BatchNorm: γ and β are trainable (2F); running mean and variance are buffers, not parameters. */
export function batchNormParams(
  features: number,
  affine = true,
): { trainable: number; buffers: number } {
  return { trainable: affine ? 2 * features : 0, buffers: 2 * features };
}

export const layerNormParams = (features: number, affine = true): number =>
  affine ? 2 * features : 0;
export const embeddingParams = (vocab: number, dim: number): number => vocab * dim;

export type RecurrentCell = 'rnn' | 'lstm' | 'gru';
/**
 * Bias convention: `two` is PyTorch (b_ih and b_hh per gate group), `one` is a single bias vector per
 * gate group (Keras SimpleRNN/LSTM, GRU with reset_after=False), `none` has no bias.
 */
export type RecurrentBias = 'two' | 'one' | 'none';

export const GATE_GROUPS: Record<RecurrentCell, number> = { rnn: 1, lstm: 4, gru: 3 };

export interface RecurrentParamSpec {
  cell: RecurrentCell;
  inputSize: number;
  hiddenSize: number;
  layers?: number;
  bidirectional?: boolean;
  bias?: RecurrentBias;
}

export function recurrentParams(spec: RecurrentParamSpec): number {
  const g = GATE_GROUPS[spec.cell];
  const h = spec.hiddenSize;
  const dirs = spec.bidirectional ? 2 : 1;
  const biasVectors = { two: 2, one: 1, none: 0 }[spec.bias ?? 'two'];
  let total = 0;
  for (let l = 0; l < (spec.layers ?? 1); l++) {
    const input = l === 0 ? spec.inputSize : h * dirs;
    total += dirs * (g * h * input + g * h * h + biasVectors * g * h);
  }
  return total;
}

/** PyTorch nn.MultiheadAttention (kdim = vdim = d): Q, K, V and output projections, 4d² (+4d). */
export function multiHeadAttentionParams(dModel: number, heads: number, bias = true): number {
  if (dModel % heads)
    throw new RangeError('multiHeadAttentionParams: d_model must divide by heads');
  return 4 * dModel * dModel + (bias ? 4 * dModel : 0);
}
