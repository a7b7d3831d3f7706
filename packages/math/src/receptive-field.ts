/**
 * Receptive field of a stack of convolution / pooling layers along one axis. With jump j (the
 * distance in input pixels between adjacent units of a layer), each layer adds d·(k − 1)·j:
 *   r_l = r_{l−1} + d_l·(k_l − 1)·j_{l−1},   j_l = j_{l−1}·s_l,   r_0 = 1, j_0 = 1.
 * Padding shifts positions but does not change the size.
 */

export interface RfLayer {
  kernel: number;
  stride?: number;
  dilation?: number;
}

export interface RfStep {
  /** Receptive field (input pixels) of one unit after this layer. */
  size: number;
  /** Input pixels between adjacent units after this layer (product of strides). */
  jump: number;
}

/** Receptive field after every layer of the stack (first entry: after layer 1). */
export function receptiveFieldSteps(layers: readonly RfLayer[]): RfStep[] {
  let size = 1;
  let jump = 1;
  return layers.map((l, i) => {
    const s = l.stride ?? 1;
    const d = l.dilation ?? 1;
    for (const [v, what] of [
      [l.kernel, 'kernel'],
      [s, 'stride'],
      [d, 'dilation'],
    ] as const)
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`layer ${i + 1}: ${what} must be a positive integer, got ${v}`);
    size += d * (l.kernel - 1) * jump;
    jump *= s;
    return { size, jump };
  });
}

/** Receptive field (input pixels along one axis) of one output unit of the stack. */
export function receptiveField(layers: readonly RfLayer[]): number {
  const steps = receptiveFieldSteps(layers);
  return steps.length ? steps[steps.length - 1]!.size : 1;
}
