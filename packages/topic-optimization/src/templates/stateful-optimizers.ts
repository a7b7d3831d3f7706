/**
 * The optimizers beyond plain gradient descent, in teaching order: each keeps state (a velocity or
 * running averages of the gradient) between steps. The matching and the step templates list them
 * after their own name for plain gradient descent ('gd' or 'sgd').
 */
export const STATEFUL_OPTIMIZERS = [
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'adamw',
] as const;
