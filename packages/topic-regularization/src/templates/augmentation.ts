import { defineBankTemplate } from '../bank.js';

/**
 * Data augmentation (seed 003): which transforms keep the label for a given task, text
 * augmentation (substitution, back-translation), and why a transform can be unhelpful.
 */

export const augmentationLabelPreserving = defineBankTemplate({
  id: 'regularization.augmentation-label-preserving',
  title: 'Label-preserving data augmentation',
  objective:
    'Decide which transformations keep the label for a given task and are therefore valid data augmentations.',
  difficulty: 2,
  tags: ['data-augmentation', 'invariance', 'seed-003'],
  mode: 'multiple',
  scenarios: {
    digits: {
      stems: [
        'You train a classifier for handwritten digits 0–9 (MNIST-style images). Which transformations are safe data augmentations, i.e. keep the label unchanged? Select all that apply.',
        'For handwritten-digit recognition, which of these transformations of a training image keep its label? Select all that apply.',
      ],
      trueStatements: [
        {
          text: 'Rotating the image by a small random angle (up to about 10°).',
          feedback: 'A slightly rotated digit is still the same digit.',
        },
        {
          text: 'Shifting the image by a few pixels.',
          feedback: 'Translation does not change which digit is written.',
        },
        {
          text: 'Scaling the digit up or down slightly.',
          feedback: 'Small size changes keep the digit’s identity.',
        },
        {
          text: 'Adding a little random pixel noise.',
          feedback: 'Mild noise mimics scanning artefacts and keeps the label.',
        },
        {
          text: 'Applying a small elastic distortion of the strokes.',
          feedback: 'Elastic distortions imitate natural handwriting variation.',
        },
      ],
      falseStatements: [
        {
          text: 'Rotating the image by 180°.',
          misconception: 'rotation-always-safe',
          feedback: 'A 6 rotated by 180° looks like a 9 (and vice versa): the label can change.',
        },
        {
          text: 'Flipping the image horizontally (mirror image).',
          misconception: 'flip-always-safe',
          feedback:
            'Mirrored digits such as 2, 3, 5 or 7 are not valid digits and can resemble other classes.',
        },
        {
          text: 'Flipping the image vertically.',
          misconception: 'flip-always-safe',
          feedback: 'Upside-down digits change meaning (6 ↔ 9) or become invalid.',
        },
        {
          text: 'Cropping a random quarter of the image.',
          misconception: 'crop-always-safe',
          feedback:
            'A quarter of a digit may not show which digit it is (a 7 and a 1 share their upper stroke).',
        },
      ],
      explanation:
        'Augmentation must keep the label: build in invariances the task really has (small shifts, rotations, noise), not ones it lacks (mirror, 180° turns).',
    },
    'arrow-signs': {
      stems: [
        'A model classifies traffic signs, including "turn left" and "turn right" arrows. Which augmentations keep the label unchanged? Select all that apply.',
        'For traffic-sign classification (with separate classes for left and right turn arrows), which training-image transformations are label-preserving? Select all that apply.',
      ],
      trueStatements: [
        {
          text: 'Changing brightness and contrast slightly.',
          feedback: 'Lighting changes do not change which sign is shown.',
        },
        {
          text: 'Small random rotations (a few degrees).',
          feedback: 'Signs photographed at a slight angle keep their meaning.',
        },
        {
          text: 'Random crops that keep the whole sign in view.',
          feedback: 'The sign stays visible and unchanged.',
        },
        {
          text: 'Adding slight blur or sensor noise.',
          feedback: 'Blur and noise imitate real camera conditions.',
        },
        {
          text: 'Small changes of scale (sign closer or farther away).',
          feedback: 'Distance does not change the sign.',
        },
      ],
      falseStatements: [
        {
          text: 'Horizontal flips (mirror images).',
          misconception: 'flip-always-safe',
          feedback: 'Mirroring a "turn left" arrow turns it into "turn right": the label changes.',
        },
        {
          text: 'Rotations by 90°.',
          misconception: 'rotation-always-safe',
          feedback: 'A turned arrow points in another direction, which is another sign.',
        },
        {
          text: 'Crops that cut away most of the sign.',
          misconception: 'crop-always-safe',
          feedback: 'If the arrow is cut off, the image no longer shows the labelled sign.',
        },
        {
          text: 'Inverting all colours (negative image).',
          misconception: 'colour-irrelevant',
          feedback:
            'Sign classes are partly defined by colour; a negative image does not occur on real roads.',
        },
      ],
      explanation:
        'A transformation is a valid augmentation only if the task is invariant to it; left/right arrows are not invariant to mirroring.',
    },
    'animal-photos': {
      stems: [
        'You train a cat-versus-dog classifier on photographs. Which augmentations keep the label unchanged? Select all that apply.',
        'Which of these transformations are label-preserving augmentations for classifying photos of cats and dogs? Select all that apply.',
      ],
      trueStatements: [
        {
          text: 'Horizontal flips (mirror images).',
          feedback:
            'A mirrored cat is still a cat: animal photos are left–right symmetric as a class.',
        },
        {
          text: 'Random crops that keep the animal in view.',
          feedback: 'The animal and hence the label stay in the image.',
        },
        {
          text: 'Small changes of colour, brightness and contrast.',
          feedback: 'Lighting conditions do not change the species.',
        },
        {
          text: 'Small random rotations.',
          feedback: 'A slightly tilted photo shows the same animal.',
        },
        {
          text: 'Small changes of scale.',
          feedback: 'Zooming in or out a little keeps the animal recognisable.',
        },
      ],
      falseStatements: [
        {
          text: 'Random crops that can cut the animal out of the picture entirely.',
          misconception: 'crop-always-safe',
          feedback: 'A crop with only background no longer shows a cat or a dog.',
        },
        {
          text: 'Replacing the photo with random noise of the same size.',
          misconception: 'any-transform-augments',
          feedback: 'Pure noise carries no label information.',
        },
        {
          text: 'Pasting a dog into every cat photo.',
          misconception: 'any-transform-augments',
          feedback: 'The image then shows both classes and the label is ambiguous.',
        },
        {
          text: 'Blurring so strongly that no shape is recognisable.',
          misconception: 'stronger-is-better',
          feedback: 'Augmentations must leave the class recognisable.',
        },
      ],
      explanation:
        'Animal photos are invariant to mirroring, mild geometric and colour changes, but not to transformations that remove or change the animal.',
    },
    'sentiment-text': {
      stems: [
        'You train a sentiment classifier (positive/negative movie reviews). Which text augmentations keep the label unchanged? Select all that apply.',
        'Which of these transformations of a review such as "It is a great movie" are label-preserving text augmentations for sentiment analysis? Select all that apply.',
      ],
      trueStatements: [
        {
          text: 'Replacing a word by a synonym ("great" → "wonderful").',
          feedback: 'Synonym substitution (from a thesaurus or embeddings) keeps the meaning.',
        },
        {
          text: 'Back-translation: translating to another language and back.',
          feedback: 'A paraphrase produced by back-translation keeps the sentiment.',
        },
        {
          text: 'Paraphrasing the sentence with a language model while keeping its meaning.',
          feedback: 'A faithful paraphrase keeps the label.',
        },
        {
          text: 'Inserting a neutral word ("It is really a great movie").',
          feedback: 'A neutral insertion does not flip the sentiment.',
        },
        {
          text: 'Introducing a small typo in one word.',
          feedback: 'Minor typos occur in real reviews and do not change sentiment.',
        },
      ],
      falseStatements: [
        {
          text: 'Replacing "great" with its antonym "terrible".',
          misconception: 'antonym-substitution',
          feedback: 'An antonym flips the sentiment, so the label changes.',
        },
        {
          text: 'Deleting the word "not" wherever it appears.',
          misconception: 'negation-irrelevant',
          feedback: 'Removing a negation reverses the meaning ("not good" → "good").',
        },
        {
          text: 'Randomly shuffling all words of the review.',
          misconception: 'word-order-irrelevant',
          feedback: 'Scrambled text loses its meaning; the label may no longer be recoverable.',
        },
        {
          text: 'Inserting the word "not" before every adjective.',
          misconception: 'negation-irrelevant',
          feedback: 'Negating adjectives flips the sentiment.',
        },
      ],
      explanation:
        'Text augmentation (substitution by synonyms, back-translation) works only when the meaning, and so the label, is kept.',
    },
    'speech-commands': {
      stems: [
        'A keyword-spotting model recognises spoken commands such as "left", "right", "up" and "down". Which audio augmentations keep the label unchanged? Select all that apply.',
        'For classifying short spoken commands, which transformations of a training recording are label-preserving? Select all that apply.',
      ],
      trueStatements: [
        {
          text: 'Mixing in quiet background noise.',
          feedback: 'Commands spoken in a noisy room are still the same words.',
        },
        {
          text: 'Shifting the recording a little in time.',
          feedback: 'The word starting slightly later is still the same word.',
        },
        {
          text: 'Changing the speed or pitch slightly.',
          feedback: 'Different speakers speak faster, slower, higher or lower.',
        },
        { text: 'Changing the volume.', feedback: 'Loudness does not change which word was said.' },
        {
          text: 'Adding a little reverberation.',
          feedback: 'Room acoustics do not change the word.',
        },
      ],
      falseStatements: [
        {
          text: 'Playing the recording backwards.',
          misconception: 'time-reversal-safe',
          feedback: 'Reversed speech is not the same word (and is not a word at all).',
        },
        {
          text: 'Cutting out the middle half of the recording.',
          misconception: 'crop-always-safe',
          feedback: 'The spoken word may be removed entirely.',
        },
        {
          text: 'Replacing the recording with noise at high volume.',
          misconception: 'stronger-is-better',
          feedback: 'The command is no longer audible, so the label is meaningless.',
        },
        {
          text: 'Splicing another command onto the end.',
          misconception: 'any-transform-augments',
          feedback: 'The clip then contains two commands and the label is ambiguous.',
        },
      ],
      explanation:
        'Audio augmentation mimics real recording conditions (noise, speed, volume) without changing the spoken content.',
    },
  },
  fixtures: [
    {
      id: 'S003-augmentation-text',
      params: { scenario: 'sentiment-text', trueIdx: [0, 1], falseIdx: [0, 1] },
      note: 'seed 003 text augmentation slide: substitution and back-translation',
    },
  ],
});

export const augmentationConcepts = defineBankTemplate({
  id: 'regularization.augmentation-concepts',
  title: 'Data augmentation concepts',
  objective:
    'Explain what data augmentation does, why a transformation can be unhelpful, and how text can be augmented.',
  difficulty: 1,
  tags: ['data-augmentation', 'seed-003'],
  mode: 'single',
  scenarios: {
    'unhelpful-transform': {
      format: 'all-of-the-above',
      stems: [
        'Why might a particular image transformation be unhelpful for data augmentation?',
        'Which of the following is a reason an image transformation can be a poor choice for data augmentation?',
      ],
      trueStatements: [
        {
          text: 'A reflection can change the label of the image.',
          feedback: 'Mirroring turns a left arrow into a right arrow, for example.',
        },
        {
          text: 'The contrast of the image might not be changed enough.',
          feedback: 'A change too small to matter adds almost no new information.',
        },
        {
          text: 'Cropping can remove too much of the original image.',
          feedback: 'The labelled object may be cut away.',
        },
        {
          text: 'The cropped image can be too similar to the original image.',
          feedback: 'A near-copy adds little diversity.',
        },
        {
          text: 'A rotation can turn one class into another (a 6 into a 9).',
          feedback: 'Rotations are not label-preserving for every task.',
        },
        {
          text: 'The transformed images may look nothing like the images seen at test time.',
          feedback: 'Training on unrealistic inputs spends capacity on cases that never occur.',
        },
      ],
      falseStatements: [],
      explanation:
        'A useful augmentation keeps the label and still changes the input enough to add diversity.',
    },
    purpose: {
      stems: [
        'What is the main idea of data augmentation?',
        'Which statement about data augmentation is correct?',
        'Why does data augmentation act as a regularizer?',
      ],
      trueStatements: [
        {
          text: 'It transforms training examples and adds them as new samples with the same label, building invariances into the model.',
          feedback: 'That is the definition: transform, keep the label, add to the training set.',
        },
        {
          text: 'It enlarges the effective training set, which mainly reduces variance.',
          feedback: 'More (varied) data makes memorisation harder.',
        },
        {
          text: 'It uses transformations chosen for the domain, e.g. crops and flips for photos, synonym substitution for text.',
          feedback: 'The valid transformations depend on the task’s invariances.',
        },
      ],
      falseStatements: [
        {
          text: 'It changes the labels of training examples to make the task harder.',
          misconception: 'augmentation-changes-labels',
          feedback: 'Augmentation keeps the label the same.',
        },
        {
          text: 'It is applied only to the test set to make evaluation more robust.',
          misconception: 'augmentation-at-test',
          feedback:
            'Augmentation adds transformed samples to the training set (test-time augmentation is a separate, optional trick).',
        },
        {
          text: 'It reduces bias by giving the model more parameters.',
          misconception: 'augmentation-adds-capacity',
          feedback: 'Augmentation changes the data, not the model; its main effect is on variance.',
        },
        {
          text: 'Any transformation is fine as long as it changes the pixels.',
          misconception: 'any-transform-augments',
          feedback: 'A transformation that can change the label (or removes the object) hurts.',
        },
      ],
      explanation:
        'Augmentation: transform + add new samples to the training set, keeping the label.',
    },
    'text-augmentation': {
      stems: [
        'Which of the following is a valid way to augment text data for a classifier?',
        'Data augmentation is not only for images. Which is a label-preserving augmentation for text?',
      ],
      trueStatements: [
        {
          text: 'Back-translation: translate a sentence to another language and back to get a paraphrase.',
          feedback: 'The paraphrase keeps the meaning and label.',
        },
        {
          text: 'Substituting words with synonyms from a thesaurus or nearby word embeddings.',
          feedback: '"It is a great day" → "It is a wonderful day" keeps the label.',
        },
        {
          text: 'Using a pre-trained language model to propose meaning-preserving word replacements.',
          feedback: 'A model can suggest context-appropriate substitutions.',
        },
      ],
      falseStatements: [
        {
          text: 'Replacing adjectives with their antonyms.',
          misconception: 'antonym-substitution',
          feedback: 'Antonyms change the meaning and so the label (for sentiment, for instance).',
        },
        {
          text: 'Reversing the order of the characters in each sentence.',
          misconception: 'any-transform-augments',
          feedback: 'Reversed text is not language; nothing useful is learned from it.',
        },
        {
          text: 'Flipping each example’s label with probability 0.5.',
          misconception: 'augmentation-changes-labels',
          feedback: 'That is label noise, not augmentation.',
        },
        {
          text: 'Deleting every negation word.',
          misconception: 'negation-irrelevant',
          feedback: 'Removing "not" reverses the meaning.',
        },
      ],
      explanation:
        'Text augmentation by substitution (thesaurus, embeddings, language models) and back-translation keeps the label.',
    },
  },
  fixtures: [
    {
      id: 'S003-mc-augmentation',
      params: { scenario: 'unhelpful-transform', trueIdx: [0, 1, 2, 3], falseIdx: [] },
    },
  ],
});
