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

export function activate(name: ActivationName, z: number): number {
  switch (name) {
    case 'sigmoid':
      return sigmoid(z);
    case 'tanh':
      return tanh(z);
    case 'relu':
      return relu(z);
    case 'leaky-relu':
      return leakyRelu(z);
    case 'identity':
      return z;
  }
}

export function activationPrime(name: ActivationName, z: number): number {
  switch (name) {
    case 'sigmoid':
      return sigmoidPrime(z);
    case 'tanh':
      return tanhPrime(z);
    case 'relu':
      return reluPrime(z);
    case 'leaky-relu':
      return leakyReluPrime(z);
    case 'identity':
      return 1;
  }
}
