/**
 * Residual blocks (ResNet): the basic block (3×3 → 3×3) and the bottleneck block
 * (1×1 reduce → 3×3 → 1×1 expand), with an identity shortcut when the shape is kept and a 1×1
 * projection convolution (stride s) otherwise. With batch norm every convolution has no bias and is
 * followed by BN (γ and β per channel); without, every convolution has a bias. The stride sits on
 * the first 3×3 convolution (torchvision's ResNet v1.5). MACs count each convolution's
 * multiply–accumulates, k·k·C_in per output value; BN, ReLU and the addition are not counted.
 */

export type ResidualKind = 'basic' | 'bottleneck';

export interface ResidualSpec {
  kind: ResidualKind;
  /** Input channels, height, width. */
  cin: number;
  h: number;
  w: number;
  /** Bottleneck width (ignored by the basic block). */
  mid: number;
  cout: number;
  stride: number;
  batchNorm: boolean;
}

export interface ResidualLayer {
  name: string;
  k: number;
  cin: number;
  cout: number;
  stride: number;
  /** Output height, width. */
  h: number;
  w: number;
  /** Weights (+ bias without BN) of the convolution, plus γ, β of its BN. */
  params: number;
  macs: number;
}

export interface ResidualBlock {
  layers: ResidualLayer[];
  /** The 1×1 projection, or null for an identity shortcut. */
  shortcut: ResidualLayer | null;
  out: { c: number; h: number; w: number };
  params: number;
  macs: number;
}

/** Output size of a k×k convolution with padding (k − 1)/2 and the given stride. */
const outSize = (n: number, k: number, s: number) =>
  Math.floor((n + 2 * ((k - 1) / 2) - k) / s) + 1;

function conv(
  name: string,
  k: number,
  cin: number,
  cout: number,
  stride: number,
  h: number,
  w: number,
  bn: boolean,
): ResidualLayer {
  const oh = outSize(h, k, stride);
  const ow = outSize(w, k, stride);
  return {
    name,
    k,
    cin,
    cout,
    stride,
    h: oh,
    w: ow,
    params: k * k * cin * cout + (bn ? 2 * cout : cout),
    macs: oh * ow * cout * k * k * cin,
  };
}

export function residualBlock(s: ResidualSpec): ResidualBlock {
  const bn = s.batchNorm;
  const layers: ResidualLayer[] = [];
  if (s.kind === 'basic') {
    const a = conv('3×3 conv', 3, s.cin, s.cout, s.stride, s.h, s.w, bn);
    layers.push(a, conv('3×3 conv', 3, s.cout, s.cout, 1, a.h, a.w, bn));
  } else {
    const a = conv('1×1 conv (reduce)', 1, s.cin, s.mid, 1, s.h, s.w, bn);
    const b = conv('3×3 conv', 3, s.mid, s.mid, s.stride, a.h, a.w, bn);
    layers.push(a, b, conv('1×1 conv (expand)', 1, s.mid, s.cout, 1, b.h, b.w, bn));
  }
  const last = layers[layers.length - 1]!;
  const shortcut =
    s.cin === s.cout && s.stride === 1
      ? null
      : conv('1×1 projection', 1, s.cin, s.cout, s.stride, s.h, s.w, bn);
  const all = shortcut ? [...layers, shortcut] : layers;
  return {
    layers,
    shortcut,
    out: { c: s.cout, h: last.h, w: last.w },
    params: all.reduce((t, l) => t + l.params, 0),
    macs: all.reduce((t, l) => t + l.macs, 0),
  };
}
