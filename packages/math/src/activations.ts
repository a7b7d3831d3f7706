import type { Vector } from './tensor.js';

/** Activation functions and their derivatives (with respect to the pre-activation z). */

export const sigmoid = (z: number): number =>
  // Branch keeps exp() from overflowing for large |z|.
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
export const sigmoidPrime = (z: number): number => sigmoid(z) * (1 - sigmoid(z));
export const tanh = (z: number): number => Math.tanh(z);
export const tanhPrime = (z: number): number => 1 - Math.tanh(z) ** 2;
export const relu = (z: number): number => (z > 0 ? z : 0);
/** ReLU'(0) is taken as 0, as PyTorch does. */
export const reluPrime = (z: number): number => (z > 0 ? 1 : 0);
export const leakyRelu = (z: number, slope = 0.01): number => (z > 0 ? z : slope * z);
export const leakyReluPrime = (z: number, slope = 0.01): number => (z > 0 ? 1 : slope);

/** Numerically stable softmax (subtracts the maximum first). */
export function softmax(z: Vector): Vector {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu' | 'identity';

/** An activation function and its derivative with respect to z. */
interface Activation {
  value: (z: number) => number;
  prime: (z: number) => number;
}

const ACTIVATIONS: Record<ActivationName, Activation> = {
  sigmoid: { value: sigmoid, prime: sigmoidPrime },
  tanh: { value: tanh, prime: tanhPrime },
  relu: { value: relu, prime: reluPrime },
  'leaky-relu': { value: leakyRelu, prime: leakyReluPrime },
  identity: { value: (z) => z, prime: () => 1 },
};

export function activate(name: ActivationName, z: number): number {
  return ACTIVATIONS[name].value(z);
}

export function activationPrime(name: ActivationName, z: number): number {
  return ACTIVATIONS[name].prime(z);
}
