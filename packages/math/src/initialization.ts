/**
 * Weight-initialization scales from fan-in / fan-out, as PyTorch's `torch.nn.init` defines them
 * with gain 1 (Xavier) and the ReLU gain √2 (He / Kaiming, mode 'fan_in'). A uniform distribution
 * U(−b, b) has variance b²/3, so each bound is √(3·variance).
 */

function checkFan(name: string, ...fans: number[]): void {
  for (const f of fans)
    if (!Number.isInteger(f) || f < 1)
      throw new RangeError(`${name}: fans must be integers ≥ 1, got ${f}`);
}

/** Glorot/Xavier: Var(W) = 2/(fan_in + fan_out). */
export function xavierVariance(fanIn: number, fanOut: number): number {
  checkFan('xavierVariance', fanIn, fanOut);
  return 2 / (fanIn + fanOut);
}

/** Glorot/Xavier uniform bound: √(6/(fan_in + fan_out)). */
export function xavierUniformBound(fanIn: number, fanOut: number): number {
  checkFan('xavierUniformBound', fanIn, fanOut);
  return Math.sqrt(6 / (fanIn + fanOut));
}

/** He/Kaiming (ReLU, fan-in mode): Var(W) = 2/fan_in. */
export function heVariance(fanIn: number): number {
  checkFan('heVariance', fanIn);
  return 2 / fanIn;
}

/** He/Kaiming uniform bound (ReLU, fan-in mode): √(6/fan_in). */
export function heUniformBound(fanIn: number): number {
  checkFan('heUniformBound', fanIn);
  return Math.sqrt(6 / fanIn);
}

/** LeCun (and the simplified "Xavier" N(0, 1/n) of some lecture notes): Var(W) = 1/fan_in. */
export function lecunVariance(fanIn: number): number {
  checkFan('lecunVariance', fanIn);
  return 1 / fanIn;
}

/** Fan-in and fan-out of a conv kernel: C_in·k_h·k_w and C_out·k_h·k_w (PyTorch's convention). */
export function convFans(
  inChannels: number,
  outChannels: number,
  kh: number,
  kw = kh,
): { fanIn: number; fanOut: number } {
  checkFan('convFans', inChannels, outChannels, kh, kw);
  return { fanIn: inChannels * kh * kw, fanOut: outChannels * kh * kw };
}

/**
 * Variance of the pre-activations `layers` layers further on, starting from pre-activations of
 * variance `inputVariance` (symmetric, zero-mean): each layer applies the activation, then a linear
 * map with `fanIn` inputs, i.i.d. zero-mean weights of variance `weightVariance` and zero biases.
 * linear (and tanh near 0): Var ← n·σ²·Var; ReLU: Var ← n·σ²·½·Var (ReLU keeps half the second
 * moment of a symmetric zero-mean input).
 */
export function activationVarianceAfter(
  inputVariance: number,
  fanIn: number,
  weightVariance: number,
  layers: number,
  activation: 'linear' | 'relu',
): number {
  checkFan('activationVarianceAfter', fanIn, layers);
  if (!(inputVariance >= 0) || !(weightVariance >= 0))
    throw new RangeError('activationVarianceAfter: variances must be ≥ 0');
  const gain = fanIn * weightVariance * (activation === 'relu' ? 0.5 : 1);
  return inputVariance * gain ** layers;
}
