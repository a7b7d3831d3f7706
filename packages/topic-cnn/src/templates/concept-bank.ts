/**
 * Statement banks of the CNN concept questions: several true and false statements per concept.
 * Every false statement names its misconception and says why it is wrong; true ones say why they
 * hold. Indices are stable (params refer to them): append new statements, never reorder.
 */

export type ConceptId =
  | 'locality'
  | 'parameter-sharing'
  | 'invariance'
  | 'receptive-field'
  | 'dilation'
  | 'filters-channels'
  | 'pooling'
  | 'inductive-bias'
  | 'one-by-one';

export interface Statement {
  concept: ConceptId;
  text: string;
  truth: boolean;
  /** For false statements. */
  misconception?: string;
  /** Why the statement is true or false (shown as option feedback and in the solution). */
  why: string;
}

export const CONCEPT_PHRASE: Record<ConceptId | 'mixed', string> = {
  locality: 'locality in convolutional layers',
  'parameter-sharing': 'parameter sharing in convolutional layers',
  invariance: 'translation invariance and equivariance in CNNs',
  'receptive-field':
    'the receptive field of a convolutional neural network as more layers are added',
  dilation: 'dilated convolutions',
  'filters-channels': 'filters, output channels and biases of a convolutional layer',
  pooling: 'pooling layers',
  'inductive-bias': 'the inductive bias of convolutional networks',
  'one-by-one': '1×1 convolutions',
  mixed: 'convolutions',
};

const T = (concept: ConceptId, text: string, why: string): Statement => ({
  concept,
  text,
  truth: true,
  why,
});
const F = (concept: ConceptId, text: string, misconception: string, why: string): Statement => ({
  concept,
  text,
  truth: false,
  misconception,
  why,
});

export const STATEMENTS: readonly Statement[] = [
  // 0–3: seed 002, receptive field question (a is correct).
  T(
    'receptive-field',
    'It increases and depends on the kernel size and stride of each layer.',
    'Each layer adds (k − 1) times the product of the earlier strides, so the receptive field grows with depth.',
  ),
  F(
    'receptive-field',
    'It remains the same regardless of the depth of the network.',
    'receptive-field-constant',
    'Every layer with a kernel larger than 1×1 widens the region of the input a unit sees.',
  ),
  F(
    'receptive-field',
    'It only depends on the kernel size of the first layer.',
    'receptive-field-first-layer-only',
    'All layers contribute: later layers see windows of earlier units, which already cover several pixels.',
  ),
  F(
    'receptive-field',
    'It decreases with each additional convolutional layer.',
    'receptive-field-shrinks',
    'The feature map may shrink, but the input region each unit sees grows.',
  ),
  // 4–7: seed 002, "true about convolutions" (a, c, d true; b false).
  T(
    'filters-channels',
    'The number of biases is equal to the number of filters.',
    'Each filter has exactly one bias, shared by all its output positions.',
  ),
  F(
    'inductive-bias',
    'Training a convolutional neural network (CNN) involves no inductive bias.',
    'cnn-no-inductive-bias',
    'Convolutions build in locality, weight sharing and translation equivariance: a strong inductive bias.',
  ),
  T(
    'filters-channels',
    'The number of output channels is equal to the number of filters.',
    'Each filter sums over all input channels and produces one output channel.',
  ),
  T(
    'dilation',
    'Dilated convolutions increase the receptive field.',
    'Spacing the kernel taps d apart lets a k×k kernel span d(k − 1) + 1 pixels with the same number of weights.',
  ),
  // Locality.
  T(
    'locality',
    'Each output unit of a convolutional layer depends only on a small neighbourhood (the kernel window) of its input.',
    'The kernel is small, so a unit is connected only to the pixels under its window.',
  ),
  T(
    'locality',
    'Locality reflects the assumption that nearby pixels are more strongly related than distant ones.',
    'That is the prior behind small kernels: local patterns (edges, textures) come first.',
  ),
  F(
    'locality',
    'Every output unit of a convolutional layer is connected to every pixel of the input image.',
    'conv-fully-connected',
    'That describes a fully connected layer; a conv unit only sees its k×k window (times the channels).',
  ),
  F(
    'locality',
    'Because of locality, a CNN can never combine information from distant parts of the image.',
    'locality-forbids-global',
    'Stacking layers (and pooling/striding) grows the receptive field until deep units see the whole image.',
  ),
  F(
    'locality',
    'Locality means each filter is applied to only one fixed region of the image.',
    'locality-fixed-region',
    'The filter slides over the whole image; locality is about the window size, not a fixed position.',
  ),
  // Parameter sharing.
  T(
    'parameter-sharing',
    'The same filter weights are used at every spatial position of the input.',
    'That is parameter (weight) sharing: one filter, slid over all positions.',
  ),
  T(
    'parameter-sharing',
    'The number of parameters of a convolutional layer does not depend on the height and width of its input.',
    'Weights are shared across positions: the count is (k·k·C_in + 1)·C_out whatever the image size.',
  ),
  T(
    'parameter-sharing',
    'Weight sharing lets a feature detector learned at one position detect the same feature anywhere in the image.',
    'The same weights are applied everywhere, so a pattern is detected wherever it appears.',
  ),
  F(
    'parameter-sharing',
    'A convolutional layer learns a separate set of weights for every output position.',
    'no-weight-sharing',
    'That would be a locally connected layer; a convolution reuses one set of weights at every position.',
  ),
  F(
    'parameter-sharing',
    'Doubling the width and height of the input image quadruples the number of weights of a convolutional layer.',
    'params-scale-with-input',
    'The weight count depends only on kernel size and channels; the output map grows, the weights do not.',
  ),
  F(
    'parameter-sharing',
    'Parameter sharing means that all filters of a layer have the same weights.',
    'sharing-across-filters',
    'Sharing is across positions, not across filters; each filter has its own weights.',
  ),
  // Invariance / equivariance.
  T(
    'invariance',
    'Convolution is translation equivariant: shifting the input shifts the feature map by the same amount.',
    'The same weights at every position give a shifted response to a shifted input (up to borders and stride).',
  ),
  T(
    'invariance',
    'Pooling makes the output approximately invariant to small translations of the input.',
    'A maximum or average over a window barely changes when the input moves by a pixel or two.',
  ),
  T(
    'invariance',
    'Equivariance means the output changes in the same way as the input; invariance means the output does not change.',
    'These are the definitions: f(shift(x)) = shift(f(x)) versus f(shift(x)) = f(x).',
  ),
  F(
    'invariance',
    'A convolutional layer alone is translation invariant: a shifted input gives exactly the same feature map.',
    'equivariance-as-invariance',
    'Convolution is equivariant: the feature map shifts with the input; it is not unchanged.',
  ),
  F(
    'invariance',
    'Convolutional layers are invariant to rotations and scaling of the input.',
    'conv-rotation-invariant',
    'Convolution is equivariant to translations only; rotation or scale robustness must be learned (e.g. from augmentation).',
  ),
  F(
    'invariance',
    'A fully connected network is translation equivariant because it sees the whole image at once.',
    'dense-equivariant',
    'A dense layer has separate weights per pixel, so shifting the input changes its output arbitrarily.',
  ),
  // Receptive field (more).
  T(
    'receptive-field',
    'Two stacked 3×3 convolutions (stride 1) have the same receptive field as one 5×5 convolution.',
    'r = 1 + 2 + 2 = 5, with fewer weights (2·9 vs 25 per channel pair).',
  ),
  T(
    'receptive-field',
    'Pooling or striding in earlier layers makes the receptive field grow faster in later layers.',
    'Each later layer adds (k − 1) times the product of earlier strides.',
  ),
  F(
    'receptive-field',
    'The receptive field of a unit equals the kernel size of its own layer.',
    'receptive-field-own-kernel',
    'That is only true for the first layer; deeper units see windows of windows.',
  ),
  F(
    'receptive-field',
    'Zero padding increases the receptive field of the units of a layer.',
    'padding-grows-receptive-field',
    'Padding changes the output size, not how many input pixels one unit depends on.',
  ),
  // Dilation.
  T(
    'dilation',
    'A 3×3 convolution with dilation 2 covers a 5×5 region of its input with only 9 weights per channel.',
    'Its taps are 2 pixels apart: span d(k − 1) + 1 = 5.',
  ),
  T(
    'dilation',
    'Stacking convolutions with dilations 1, 2, 4 makes the receptive field grow exponentially with depth.',
    'With 3×3 kernels the receptive field is 3, 7, 15: it roughly doubles per layer.',
  ),
  F(
    'dilation',
    'Dilated convolutions increase the number of parameters of a layer.',
    'dilation-adds-parameters',
    'Dilation spaces the same k×k weights apart; the count is unchanged.',
  ),
  F(
    'dilation',
    'Dilation is another name for the stride of a convolution.',
    'dilation-as-stride',
    'Stride is how far the window moves; dilation is the spacing of taps inside the window.',
  ),
  F(
    'dilation',
    'A dilated convolution always produces a larger output than an undilated one.',
    'dilation-enlarges-output',
    'A dilated kernel spans more pixels, so without extra padding the output is smaller.',
  ),
  // Filters, channels, biases.
  T(
    'filters-channels',
    'Each filter extends through all input channels of the layer.',
    'A filter is k × k × C_in: it sums over the input channels.',
  ),
  F(
    'filters-channels',
    'Each filter produces one output channel per input channel.',
    'channel-per-input-channel',
    'A filter sums over input channels and produces a single channel.',
  ),
  F(
    'filters-channels',
    'A convolutional layer has one bias per input channel of each filter.',
    'bias-per-input-channel',
    'There is one bias per filter (output channel), not per input channel.',
  ),
  F(
    'filters-channels',
    'The number of output channels equals the number of input channels.',
    'channels-from-input',
    'The number of output channels is the number of filters, a free design choice.',
  ),
  F(
    'filters-channels',
    'The number of biases equals the number of output positions (height × width).',
    'bias-per-position',
    'Biases are shared across positions: one per filter.',
  ),
  // Pooling.
  T(
    'pooling',
    'Global average pooling reduces each channel to a single number.',
    'It averages over the whole height × width of each channel: output 1 × 1 × C.',
  ),
  T(
    'pooling',
    'Max and average pooling layers have no trainable parameters.',
    'They apply a fixed operation (max or mean) to each window.',
  ),
  T(
    'pooling',
    'Global average pooling lets a network accept inputs of different spatial sizes before a fully connected classifier.',
    'Its output size is the number of channels, whatever the height and width.',
  ),
  F(
    'pooling',
    'Pooling changes the number of channels of a feature map.',
    'pooling-changes-channels',
    'Pooling acts on each channel separately; the channel count stays.',
  ),
  F(
    'pooling',
    'Max pooling learns which position of each window to keep.',
    'pooling-learned',
    'Max pooling has no weights; it always keeps the largest value.',
  ),
  F(
    'pooling',
    'Global average pooling outputs one value per spatial position.',
    'gap-per-position',
    'It outputs one value per channel, averaged over all positions.',
  ),
  // Inductive bias.
  T(
    'inductive-bias',
    'Locality and weight sharing are inductive biases: assumptions built into the architecture.',
    'They restrict the functions a CNN can represent to ones that suit images.',
  ),
  T(
    'inductive-bias',
    'Thanks to their inductive bias, CNNs usually need fewer parameters and less data than fully connected networks on images.',
    'Sharing weights and local connections remove most parameters a dense layer would need.',
  ),
  F(
    'inductive-bias',
    'A CNN has a weaker inductive bias than a fully connected network on the same input.',
    'cnn-weaker-bias',
    'A CNN assumes more (locality, sharing); a dense network assumes less.',
  ),
  F(
    'inductive-bias',
    'Inductive bias is the bias term added after each convolution.',
    'inductive-bias-as-bias-term',
    'Inductive bias means the assumptions of a model, not the additive bias parameter.',
  ),
  // 1×1 convolutions.
  T(
    'one-by-one',
    'A 1×1 convolution mixes the channels at each position without looking at neighbouring pixels.',
    'Each output is a weighted sum over the input channels at one position.',
  ),
  T(
    'one-by-one',
    'A 1×1 convolution can reduce the number of channels, e.g. before an expensive 3×3 convolution.',
    'It maps C_in channels to any C_out at a cost of C_in·C_out (+ C_out) parameters.',
  ),
  T(
    'one-by-one',
    'A 1×1 convolution on a C × 1 × 1 input with n filters acts like a fully connected layer from C to n units.',
    'With a single position, the filter sum over channels is exactly a dense layer.',
  ),
  F(
    'one-by-one',
    'A 1×1 convolution has no effect, because it multiplies each pixel by a constant.',
    'one-by-one-identity',
    'It multiplies a vector of channels by a learned matrix, changing and mixing channels.',
  ),
  F(
    'one-by-one',
    'A 1×1 convolution reduces the height and width of the feature map.',
    'one-by-one-shrinks',
    'With stride 1 the spatial size is unchanged; only the channels change.',
  ),
  F(
    'one-by-one',
    'A 1×1 convolution has no parameters.',
    'one-by-one-no-params',
    'It has C_in·C_out weights plus C_out biases.',
  ),
];

export const CONCEPTS: readonly ConceptId[] = [
  'locality',
  'parameter-sharing',
  'invariance',
  'receptive-field',
  'dilation',
  'filters-channels',
  'pooling',
  'inductive-bias',
  'one-by-one',
];
